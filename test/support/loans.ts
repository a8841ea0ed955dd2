import { DataSource } from 'typeorm';
import { uniqueKey } from './zeebe';

/** A minimal loan in the register for a fixture process's business key (see TestStack.registerLoan). */
export async function registerTestLoan(
  dataSource: DataSource,
  loanId: string,
  branchCode = 'SB-HZ-XH',
): Promise<void> {
  await dataSource.query(
    `INSERT IGNORE INTO loan (id, branch_code, customer_manager, product, guarantee_type, payment_method,
       repayment_method, purpose, requested_amount_minor, requested_term_months, status, documents, version)
     VALUES (?, ?, 'li.cm', 'consumer', 'credit', 'entrusted', 'equal-installment', 'test fixture', 20000000, 36,
       'in-decision', '[]', 1)`,
    [loanId, branchCode],
  );
}

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
