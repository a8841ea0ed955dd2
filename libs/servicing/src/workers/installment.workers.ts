import { loanPosition } from '@loanflow/domain';
import { JobHandler, JobWorker } from '@loanflow/workflow';
import { SERVICING_JOB } from '../servicing.contract';
import { InstallmentRecords } from './installment-records';
import { CheckInstallmentInput, NextInstallmentInput } from './servicing-inputs';
import { endOfBeijingDayIso, engineMoment } from './servicing-time';

export interface NextInstallment {
  number: number;
  dueDate: string;
  /** When to look at it: the end of its due date in Beijing. */
  checkAt: string;
}

/** The installment the loan's process waits for next, after the last one it checked. */
@JobWorker({
  type: SERVICING_JOB.nextInstallment,
  description: 'Find the next installment to watch and when to check it (end of its due date).',
  input: NextInstallmentInput,
  outputs: ['nextInstallment', 'installmentsLeft'],
})
export class NextInstallmentWorker implements JobHandler<
  NextInstallmentInput,
  { nextInstallment: NextInstallment | null; installmentsLeft: boolean }
> {
  constructor(private readonly register: InstallmentRecords) {}

  async handle({ loanId, lastCheckedInstallment }: NextInstallmentInput) {
    const installments = await this.register.schedule(loanId);
    const next = installments.find((line) => line.number > (lastCheckedInstallment ?? 0));
    return next
      ? {
          nextInstallment: {
            number: next.number,
            dueDate: next.dueDate,
            checkAt: endOfBeijingDayIso(next.dueDate),
          },
          installmentsLeft: true,
        }
      : { nextInstallment: null, installmentsLeft: false };
  }
}

/** Whether an installment was paid by the end of its due date, and the loan's days past due. */
@JobWorker({
  type: SERVICING_JOB.checkInstallment,
  description: 'Check an installment at the end of its due date: paid, or missed (days past due).',
  input: CheckInstallmentInput,
  outputs: ['lastCheckedInstallment', 'installmentPaid', 'daysPastDue', 'loanSettled'],
})
export class CheckInstallmentWorker implements JobHandler<
  CheckInstallmentInput,
  {
    lastCheckedInstallment: number;
    installmentPaid: boolean;
    daysPastDue: number;
    loanSettled: boolean;
  }
> {
  constructor(private readonly register: InstallmentRecords) {}

  async handle({ loanId, installmentNumber, asOf }: CheckInstallmentInput) {
    const { date } = engineMoment(asOf);
    // Money the borrower paid ahead is applied as the installment falls due, before it is judged.
    await this.register.applyAdvance(loanId, date);
    const position = loanPosition({ ...(await this.register.ledger(loanId)), asOf: date });
    // Missed means overdue on the engine's day: unpaid and its due date over. A check that runs
    // before the date has turned (a timer and a payment in the same moment) does not open an episode.
    const paid = !position.overdueInstallments.includes(installmentNumber);
    return {
      lastCheckedInstallment: installmentNumber,
      installmentPaid: paid,
      daysPastDue: position.daysPastDue,
      loanSettled: position.settled,
    };
  }
}
