import { LoanPartyEntity } from '@loanflow/persistence';
import { DataSource } from 'typeorm';
import { Money } from '@loanflow/domain';

/** What a fixture loan is in the register: its parties and the terms asked for. */
export interface TestLoanFacts {
  applicantIdNumber?: string;
  guarantorIdNumbers?: string[];
  product?: string;
  amount?: string;
  termMonths?: number;
  riskGrade?: string;
}
import { uniqueKey } from './zeebe';

/** A minimal loan in the register for a fixture process's business key (see TestStack.registerLoan). */
export async function registerTestLoan(
  dataSource: DataSource,
  loanId: string,
  branchCode = 'SB-HZ-XH',
  parties: TestLoanFacts = {},
): Promise<void> {
  const amountMinor = Money.parse(parties.amount ?? '200000.00').minorUnits.toString();
  await dataSource.query(
    `INSERT IGNORE INTO loan (id, branch_code, customer_manager, product, guarantee_type, payment_method,
       repayment_method, purpose, requested_amount_minor, requested_term_months, risk_grade, status, documents,
       version)
     VALUES (?, ?, 'li.cm', ?, 'credit', 'entrusted', 'equal-installment', 'test fixture', ?, ?, ?,
       'in-decision', '[]', 1)`,
    [
      loanId,
      branchCode,
      parties.product ?? 'consumer',
      amountMinor,
      parties.termMonths ?? 36,
      parties.riskGrade ?? null,
    ],
  );
  // Who the loan is about: conflict of interest is judged on the register's parties.
  const people: [string, string][] = [
    ['applicant', parties.applicantIdNumber ?? '33010619900101123X'],
    ...(parties.guarantorIdNumbers ?? []).map((id): [string, string] => ['guarantor', id]),
  ];
  // Through the entity: the ID number and phone are encrypted and indexed as the product writes them.
  for (const [role, idNumber] of people)
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(LoanPartyEntity)
      .values({
        loanId,
        role: role as 'applicant' | 'guarantor',
        name: role === 'applicant' ? '张伟 Zhang Wei' : 'Test Guarantor',
        idNumber,
        birthDate: '1990-01-01',
        phone: '13800000000',
        monthlyIncomeMinor: '2000000',
        monthlyDebtMinor: '0',
      })
      .orIgnore()
      .execute();
}

/** Variables for an instance of the credit-decision fixture: a Xihu sub-branch consumer loan by default. */
export function loanVariables(overrides: Record<string, unknown> = {}) {
  return {
    businessKey: uniqueKey('L'),
    reviewDueAt: new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString(),
    loan: {
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
