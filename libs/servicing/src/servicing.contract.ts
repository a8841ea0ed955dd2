/** Names the servicing models and the code share. */

/** Published for every repayment, correlated by loan id; the message id is the repayment's. */
export const REPAYMENT_RECEIVED_MESSAGE = 'repayment-received';

export const SERVICING_MESSAGES = [
  {
    name: REPAYMENT_RECEIVED_MESSAGE,
    variables: ['repaymentId', 'arrearsCleared', 'daysPastDue', 'outstandingPrincipal'],
  },
];
