/** Names the servicing and collection models and the code share. */

/** Published for every repayment, correlated by loan id; the message id is the repayment's. */
export const REPAYMENT_RECEIVED_MESSAGE = 'repayment-received';
/** Published when a repayment leaves nothing overdue: it cures an open collection episode. */
export const ARREARS_CLEARED_MESSAGE = 'arrears-cleared';
/** Published when nothing of the loan is outstanding. */
export const LOAN_SETTLED_MESSAGE = 'loan-settled';
/** Starts a collection instance for a loan with a missed installment. */
export const COLLECTION_EPISODE_OPENED_MESSAGE = 'collection-episode-opened';

export const SERVICING_JOB = {
  nextInstallment: 'servicing.next-installment',
  checkInstallment: 'servicing.check-installment',
  classify: 'servicing.classify',
  settle: 'servicing.settle',
  archive: 'servicing.archive',
  openEpisode: 'collection.open-episode',
  closeEpisode: 'collection.close-episode',
  confirmEpisode: 'collection.confirm-episode',
} as const;

const POSITION = ['repaymentId', 'arrearsCleared', 'daysPastDue', 'outstandingPrincipal'];

export const SERVICING_MESSAGES = [
  { name: REPAYMENT_RECEIVED_MESSAGE, variables: POSITION },
  { name: ARREARS_CLEARED_MESSAGE, variables: POSITION },
  { name: LOAN_SETTLED_MESSAGE, variables: POSITION },
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
    ],
  },
];

/** What the collection model starts with (from its message). */
export const COLLECTION_PROCESS_ID = 'collection';
