import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LoanEntity, LoanPartyEntity } from '@loanflow/persistence';

/**
 * A loan in the register, written directly for a spec that calls one worker on the real database
 * (no application, no engine): the fields every loan has, a fresh id, and what the spec sets.
 */
export async function insertLoanRow(
  dataSource: DataSource,
  tag: string,
  fields: Partial<LoanEntity> & Pick<LoanEntity, 'status' | 'guaranteeType'>,
): Promise<string> {
  const loanId = `LN-${tag}-${Date.now()}-${randomInt(1000, 9999)}`;
  await dataSource.getRepository(LoanEntity).insert({
    id: loanId,
    branchCode: 'SB-HZ-XH',
    customerManager: 'li.cm',
    product: 'housing',
    paymentMethod: 'entrusted',
    repaymentMethod: 'equal-installment',
    purpose: `${tag} spec`,
    requestedAmountMinor: '10000000',
    requestedTermMonths: 12,
    documents: '[]',
    ...fields,
  });
  return loanId;
}

/** The loan's applicant in the register (personal data encrypted on write, as the product does). */
export async function insertApplicantRow(dataSource: DataSource, loanId: string): Promise<void> {
  await dataSource.getRepository(LoanPartyEntity).insert({
    loanId,
    role: 'applicant',
    name: '测试',
    idNumber: '330106199001011237',
    idNumberIndex: '0'.repeat(64),
    birthDate: '1990-01-01',
    phone: '13800000000',
    monthlyIncomeMinor: '3000000',
    monthlyDebtMinor: '0',
  });
}
