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

export const GOOD_INVESTIGATION = {
  interviewDone: true,
  purposeVerified: true,
  incomeVerified: true,
  monthlyIncome: '28000.00',
  monthlyDebtPayments: '4200.00',
  opinion: 'recommend',
  remarks: 'Met the applicant at the branch; renovation contract and salary slips checked.',
};

export const PASSING_REVIEW = {
  outcome: 'pass',
  legalityChecked: true,
  complianceChecked: true,
  transactionAuthentic: true,
  collateralStatusChecked: true,
  relatedPartyAnomalies: false,
};
