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
/** The loan's schedule was changed (extension, restructuring): servicing looks for its next installment again. */
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
/** Starts a collection instance for a loan with a missed installment. */
export const COLLECTION_EPISODE_OPENED_MESSAGE = 'collection-episode-opened';
/** The loan's days past due put its open episode in another band (1–30, 31–90, 91+). */
export const COLLECTION_BAND_CHANGED_MESSAGE = 'collection-band-changed';
/** A written-off loan recovered in full: its recovery (账销案存) ends. */
export const WRITTEN_OFF_LOAN_RECOVERED_MESSAGE = 'written-off-loan-recovered';

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
  buildAccountabilityDossier: 'accountability.build-dossier',
  recordAccountabilityDecision: 'accountability.record-decision',
  escalateComplaint: 'complaint.escalate',
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
  { name: RISK_WARNING_RAISED_MESSAGE, variables: RISK_WARNING_VARIABLES },
  { name: RISK_WARNING_SUPERSEDED_MESSAGE, variables: ['supersededBy'] },
  { name: LOAN_WRITTEN_OFF_MESSAGE, variables: WRITE_OFF_VARIABLES },
  { name: SCHEDULE_REVISED_MESSAGE, variables: ['restructuringId', 'recallWarningId'] },
];

/** What the collection model starts with (from its message). */
export const COLLECTION_PROCESS_ID = 'collection';

/** The per-loan servicing process (started by loan-disbursed) and the one process per risk warning. */
export const LOAN_SERVICING_PROCESS_ID = 'loan-servicing';
export const RISK_WARNING_PROCESS_ID = 'risk-warning';

/**
 * Where the job types that move money or change a loan's standing run, as the product ships its
 * models: the workers refuse a job from anywhere else and the model check refuses such a model.
 */
export const GUARDED_AT = {
  settle: [{ process: LOAN_SERVICING_PROCESS_ID, element: 'Settle' }],
  classify: ['ClassifyAfterCheck', 'ClassifyAfterRepayment', 'ClassifyDaily'].map((element) => ({
    process: LOAN_SERVICING_PROCESS_ID,
    element,
  })),
  reclassify: ['ApplyUpgrade', 'ApplySystemUpgrade'].map((element) => ({
    process: LOAN_SERVICING_PROCESS_ID,
    element,
  })),
  writeOff: [{ process: COLLECTION_PROCESS_ID, element: 'WriteOff' }],
  applyRestructuring: [{ process: RESTRUCTURING_PROCESS_ID, element: 'ApplyRestructuring' }],
  recallLoan: [{ process: RISK_WARNING_PROCESS_ID, element: 'RecallLoan' }],
} as const;
