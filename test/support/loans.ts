import { uniqueKey } from './zeebe';

/** Variables for an instance of the credit-decision fixture: a Xihu sub-branch consumer loan by default. */
export function loanVariables(overrides: Record<string, unknown> = {}) {
  return {
    businessKey: uniqueKey('L'),
    reviewDueAt: new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString(),
    loan: {
      applicantName: '张伟 Zhang Wei',
      applicantIdNumber: '33010619900101123X',
      guarantorIdNumbers: [],
      product: 'consumer',
      amount: '200000.00',
      termMonths: 36,
      riskGrade: 'B',
      branchCode: 'SB-HZ-XH',
      purpose: 'home renovation',
      ...overrides,
    },
  };
}

export { GOOD_INVESTIGATION, PASSING_REVIEW } from '@loanflow/origination';
