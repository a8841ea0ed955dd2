import {
  THRESHOLD_CROSSED_MESSAGE,
  THRESHOLD_CROSSED_VARIABLES,
} from './thresholds/thresholds.contract';

/** Names the servicing and collection models and the code share. */

/** Published for every repayment, correlated by loan id; the message id is the repayment's. */
export const REPAYMENT_RECEIVED_MESSAGE = 'repayment-received';
/** Published when a repayment leaves nothing overdue: it cures an open collection episode. */
export const ARREARS_CLEARED_MESSAGE = 'arrears-cleared';
/** Published when nothing of the loan is outstanding. */
export const LOAN_SETTLED_MESSAGE = 'loan-settled';
/** Starts a risk-warning instance (one per warning; the correlation key is the warning id). */
export const RISK_WARNING_RAISED_MESSAGE = 'risk-warning-raised';
/** Ends a warning's instance when a worse warning replaces it. */
export const RISK_WARNING_SUPERSEDED_MESSAGE = 'risk-warning-superseded';
/** Ends the loan's servicing and starts its accountability review. */
export const LOAN_WRITTEN_OFF_MESSAGE = 'loan-written-off';
/** The loan's schedule was changed (extension, restructuring, part prepayment): servicing looks for its next installment again. */
export const SCHEDULE_REVISED_MESSAGE = 'schedule-revised';
/** The extension and restructuring process, started by the API. */
export const RESTRUCTURING_PROCESS_ID = 'loan-restructuring';
export const RESTRUCTURING_START_VARIABLES = [
  'loanId',
  'businessKey',
  'restructuringId',
  'branchCode',
  'customerManager',
  'loan',
  'restructuring',
];
/** The part prepayment process (request → review → posting), started by the API. */
export const PREPAYMENT_PROCESS_ID = 'part-prepayment';
export const PREPAYMENT_START_VARIABLES = [
  'loanId',
  'businessKey',
  'prepaymentId',
  'branchCode',
  'customerManager',
  'loan',
  'prepayment',
];
/** A change of account or borrower details (one instance per change), started by the API. */
export const CHANGE_PROCESS_ID = 'change-request';
export const CHANGE_START_VARIABLES = [
  'loanId',
  'businessKey',
  'changeRequestId',
  'changeKind',
  'branchCode',
  'customerManager',
  'loan',
];
/** The complaint-handling process (one instance per complaint), started by the API. */
export const COMPLAINT_PROCESS_ID = 'complaint-handling';
export const COMPLAINT_START_VARIABLES = [
  'loanId',
  'businessKey',
  'complaintId',
  'branchCode',
  'complaintHandler',
  'complaintCategory',
  'complaintLevel',
  'complaintDueAt',
  'loan',
];
/** A loan file lent out (档案调阅), one instance per lending, started by the API. */
export const ARCHIVE_LENDING_PROCESS_ID = 'archive-lending';
export const ARCHIVE_LENDING_START_VARIABLES = [
  'loanId',
  'businessKey',
  'branchCode',
  'lendingId',
  'lendingDueAt',
  'fileBorrower',
];
/** Published when a lent file is back in the archive; correlated by the lending's id. */
export const ARCHIVE_FILE_RETURNED_MESSAGE = 'archive-file-returned';
/** Starts a collection instance for a loan with a missed installment. */
export const COLLECTION_EPISODE_OPENED_MESSAGE = 'collection-episode-opened';
/** The loan's days past due put its open episode in another band (1–30, 31–90, 91+). */
export const COLLECTION_BAND_CHANGED_MESSAGE = 'collection-band-changed';
/** A written-off loan recovered in full: its recovery (账销案存) ends. */
export const WRITTEN_OFF_LOAN_RECOVERED_MESSAGE = 'written-off-loan-recovered';
/**
 * The daily book proposed a better classification the 2023 conditions allow: the loan's servicing
 * instance puts it to the risk manager. Correlated by loan id; the message id names the loan and
 * the business date, so a redelivered batch chunk proposes once.
 */
export const UPGRADE_PROPOSED_MESSAGE = 'classification-upgrade-proposed';
/**
 * The day's work over the whole book, one instance a day (timer start), instead of a timer and a
 * job per loan: floors that move because a day passed (days past due, observation periods),
 * collection bands, earned upgrades. Its one service task pages through the active loans.
 */
export const DAILY_BOOK_PROCESS_ID = 'daily-book';

export const SERVICING_JOB = {
  nextInstallment: 'servicing.next-installment',
  checkInstallment: 'servicing.check-installment',
  classify: 'servicing.classify',
  settle: 'servicing.settle',
  archive: 'servicing.archive',
  openEpisode: 'collection.open-episode',
  closeEpisode: 'collection.close-episode',
  confirmEpisode: 'collection.confirm-episode',
  assessLoss: 'collection.assess-loss',
  recordLegalMilestone: 'collection.record-legal-milestone',
  writeOff: 'collection.write-off',
  planInspection: 'inspection.plan',
  recordInspection: 'inspection.record',
  escalateInspection: 'inspection.escalate',
  planFollowUp: 'inspection.plan-follow-up',
  recordFollowUp: 'inspection.record-follow-up',
  escalateFollowUp: 'inspection.escalate-follow-up',
  planRevaluation: 'inspection.plan-revaluation',
  recordRevaluation: 'inspection.record-revaluation',
  escalateRevaluation: 'inspection.escalate-revaluation',
  reclassify: 'servicing.reclassify',
  escalateWarning: 'warning.escalate',
  notifyWarningLate: 'warning.notify-late',
  recallLoan: 'warning.recall',
  resolveWarning: 'warning.resolve',
  applyRestructuring: 'restructuring.apply',
  closeRestructuring: 'restructuring.close',
  postPrepayment: 'prepayment.post',
  closePrepayment: 'prepayment.close',
  buildAccountabilityDossier: 'accountability.build-dossier',
  recordAccountabilityDecision: 'accountability.record-decision',
  escalateComplaint: 'complaint.escalate',
  applyChange: 'change.apply',
  closeChange: 'change.close',
  lendingOverdue: 'archive.lending-overdue',
  dailyBook: 'servicing.daily-book',
} as const;

/** What a warning's instance starts with. */
export const RISK_WARNING_VARIABLES = [
  'warningId',
  'loanId',
  'businessKey',
  'level',
  'signal',
  'description',
  'branchCode',
  'customerManager',
  'loan',
];

/** What a write-off tells the accountability review (and servicing, which it ends). */
export const WRITE_OFF_VARIABLES = [
  'loanId',
  'businessKey',
  'branchCode',
  'customerManager',
  'loan',
  'writeOff',
];

const POSITION_VARIABLES = ['repaymentId', 'arrearsCleared', 'daysPastDue', 'outstandingPrincipal'];

export const SERVICING_MESSAGES = [
  { name: REPAYMENT_RECEIVED_MESSAGE, variables: POSITION_VARIABLES },
  { name: ARREARS_CLEARED_MESSAGE, variables: POSITION_VARIABLES },
  { name: LOAN_SETTLED_MESSAGE, variables: POSITION_VARIABLES },
  {
    name: COLLECTION_EPISODE_OPENED_MESSAGE,
    variables: [
      'loanId',
      'businessKey',
      'episodeId',
      'openedAt',
      'customerManager',
      'branchCode',
      'loan',
      'guaranteeType',
      'hasGuarantors',
      'insured',
      'band',
      'daysPastDue',
    ],
  },
  { name: COLLECTION_BAND_CHANGED_MESSAGE, variables: ['band', 'daysPastDue'] },
  { name: WRITTEN_OFF_LOAN_RECOVERED_MESSAGE, variables: ['repaymentId'] },
  { name: UPGRADE_PROPOSED_MESSAGE, variables: ['systemUpgrade'] },
  { name: RISK_WARNING_RAISED_MESSAGE, variables: RISK_WARNING_VARIABLES },
  { name: RISK_WARNING_SUPERSEDED_MESSAGE, variables: ['supersededBy'] },
  { name: LOAN_WRITTEN_OFF_MESSAGE, variables: WRITE_OFF_VARIABLES },
  {
    name: SCHEDULE_REVISED_MESSAGE,
    variables: ['restructuringId', 'recallWarningId', 'prepaymentId'],
  },
  { name: ARCHIVE_FILE_RETURNED_MESSAGE, variables: [] },
  { name: THRESHOLD_CROSSED_MESSAGE, variables: THRESHOLD_CROSSED_VARIABLES },
];

/** What the collection model starts with (from its message). */
export const COLLECTION_PROCESS_ID = 'collection';

/** The per-loan servicing process (started by loan-disbursed) and the one process per risk warning. */
export const LOAN_SERVICING_PROCESS_ID = 'loan-servicing';
export const RISK_WARNING_PROCESS_ID = 'risk-warning';

/**
 * Places the shipped models no longer use but instances of their older versions still run, all of
 * loan-servicing: the per-loan daily timer's ClassifyDaily (before the daily book), and the
 * classification steps after a due-date check (ClassifyAfterCheck, before the check applied the
 * rule itself) and after a repayment (ClassifyAfterRepayment, before the payment's publisher
 * applied it). The engine (8.5) cannot migrate an instance with an event subprocess, so those
 * instances keep their version to the end and their jobs are still served
 * (docs/controls/collection.md).
 */
export const RETIRED_AT_CLASSIFY = [
  'ClassifyDaily',
  'ClassifyAfterCheck',
  'ClassifyAfterRepayment',
].map((element) => ({ process: LOAN_SERVICING_PROCESS_ID, element }));

/**
 * Where the job types that move money or change a loan's standing run, as the product ships its
 * models: the workers refuse a job from anywhere else and the model check refuses such a model.
 */
export const GUARDED_AT = {
  settle: [{ process: LOAN_SERVICING_PROCESS_ID, element: 'Settle' }],
  classify: RETIRED_AT_CLASSIFY,
  checkInstallment: [{ process: LOAN_SERVICING_PROCESS_ID, element: 'CheckInstallment' }],
  dailyBook: [{ process: DAILY_BOOK_PROCESS_ID, element: 'RuleBookChunk' }],
  reclassify: ['ApplyUpgrade', 'ApplySystemUpgrade'].map((element) => ({
    process: LOAN_SERVICING_PROCESS_ID,
    element,
  })),
  writeOff: [{ process: COLLECTION_PROCESS_ID, element: 'WriteOff' }],
  applyRestructuring: [{ process: RESTRUCTURING_PROCESS_ID, element: 'ApplyRestructuring' }],
  postPrepayment: [{ process: PREPAYMENT_PROCESS_ID, element: 'PostPrepayment' }],
  recallLoan: [{ process: RISK_WARNING_PROCESS_ID, element: 'RecallLoan' }],
  applyChange: [{ process: CHANGE_PROCESS_ID, element: 'ApplyChange' }],
} as const;
