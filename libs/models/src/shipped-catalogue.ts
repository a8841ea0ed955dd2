import {
  ORIGINATION_MESSAGES,
  ORIGINATION_PROCESS_ID,
  ORIGINATION_START_VARIABLES,
  ORIGINATION_WORKERS,
} from '@loanflow/origination';
import {
  CheckDependenciesWorker,
  SELF_CHECK_PROCESS_ID,
  SELF_CHECK_START_VARIABLES,
} from '@loanflow/platform';
import {
  CHANGE_PROCESS_ID,
  CHANGE_START_VARIABLES,
  ARCHIVE_LENDING_PROCESS_ID,
  ARCHIVE_LENDING_START_VARIABLES,
  COMPLAINT_PROCESS_ID,
  COMPLAINT_START_VARIABLES,
  PREPAYMENT_PROCESS_ID,
  PREPAYMENT_START_VARIABLES,
  RESTRUCTURING_PROCESS_ID,
  RESTRUCTURING_START_VARIABLES,
  PORTFOLIO_WORKERS,
  SERVICING_MESSAGES,
  SERVICING_WORKERS,
} from '@loanflow/servicing';
import { FORMS } from '@loanflow/tasks';
import { CodeCatalogue, workerContractOf } from './contract/catalogue';

/** Every worker class the product ships: the job types models may use. */
export const SHIPPED_WORKERS: object[] = [
  CheckDependenciesWorker,
  ...ORIGINATION_WORKERS,
  ...SERVICING_WORKERS,
  ...PORTFOLIO_WORKERS,
];

/** What this build of the product offers its models. */
export function shippedCatalogue(): CodeCatalogue {
  const workers = SHIPPED_WORKERS.map(workerContractOf);
  return {
    workers: new Map(workers.map((worker) => [worker.type, worker])),
    forms: new Map([...FORMS.values()].map((form) => [form.key, form.outputs])),
    messages: [...ORIGINATION_MESSAGES, ...SERVICING_MESSAGES],
    startVariables: {
      [ORIGINATION_PROCESS_ID]: ORIGINATION_START_VARIABLES,
      [SELF_CHECK_PROCESS_ID]: SELF_CHECK_START_VARIABLES,
      [RESTRUCTURING_PROCESS_ID]: RESTRUCTURING_START_VARIABLES,
      [COMPLAINT_PROCESS_ID]: COMPLAINT_START_VARIABLES,
      [PREPAYMENT_PROCESS_ID]: PREPAYMENT_START_VARIABLES,
      [CHANGE_PROCESS_ID]: CHANGE_START_VARIABLES,
      [ARCHIVE_LENDING_PROCESS_ID]: ARCHIVE_LENDING_START_VARIABLES,
    },
  };
}
