/** Names the origination models and the code share: the models' contract, in one place. */
export const ORIGINATION_PROCESS_ID = 'loan-origination';
export const SERVICING_PROCESS_ID = 'loan-servicing';
export const APPROVAL_AUTHORITY_DECISION_ID = 'approval-authority';

/** Published once per loan when it is paid out; starts its servicing instance. */
export const LOAN_DISBURSED_MESSAGE = 'loan-disbursed';

/** What POST /api/applications starts an origination instance with: the model may rely on these. */
export const ORIGINATION_START_VARIABLES = ['loanId', 'businessKey', 'customerManager', 'loan'];

/** Published once per refused application; starts the loan file archive process (档案归档). */
export const LOAN_REFUSED_MESSAGE = 'loan-refused';

/** Messages the code publishes, with the variables each carries. */
export const ORIGINATION_MESSAGES = [
  {
    name: LOAN_DISBURSED_MESSAGE,
    variables: ['loanId', 'businessKey', 'customerManager', 'branchCode', 'termMonths'],
  },
  { name: LOAN_REFUSED_MESSAGE, variables: ['loanId', 'businessKey', 'branchCode', 'loan'] },
];

export const JOB = {
  checkEligibility: 'application.check-eligibility',
  queryBureau: 'credit.query-bureau',
  score: 'credit.score',
  regrade: 'credit.regrade',
  conveneCommittee: 'loan.committee-convene',
  countCommitteeVote: 'loan.committee-count',
  computeNoticeDue: 'loan.compute-notice-due',
  escalateNoticeBreach: 'loan.escalate-notice-breach',
  notifyDecision: 'loan.notify-decision',
  recordOfferDeclined: 'loan.record-offer-declined',
  recordContracts: 'loan.record-contracts',
  recordCollateralRegistration: 'loan.record-collateral-registration',
  checkDisbursementConditions: 'loan.check-disbursement-conditions',
  disburse: 'loan.disburse',
  createSchedule: 'loan.create-schedule',
  startServicing: 'loan.start-servicing',
  handRefusedFileToArchive: 'archive.hand-over-refused-file',
} as const;

/**
 * Where the job types that pay out or open a loan's obligations run, as the product ships its
 * models: the workers refuse a job from anywhere else and the model check refuses such a model.
 */
export const GUARDED_AT = {
  disburse: [{ process: ORIGINATION_PROCESS_ID, element: 'Disburse' }],
  createSchedule: [{ process: ORIGINATION_PROCESS_ID, element: 'CreateSchedule' }],
} as const;
