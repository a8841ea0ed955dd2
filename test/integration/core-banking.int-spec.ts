import { DataSource } from 'typeorm';
import { SimulatedCoreBanking } from '@loanflow/adapters';
import { loadConfig } from '@loanflow/config';
import { buildDataSourceOptions, LoanEntity } from '@loanflow/persistence';
import { ledgerOf } from '../support';
import { newLoanId } from '@loanflow/loans';

describe('the simulated core banking ledger on the real database', () => {
  let dataSource: DataSource;
  let coreBanking: SimulatedCoreBanking;

  beforeAll(async () => {
    dataSource = new DataSource(buildDataSourceOptions(loadConfig().DATABASE_URL));
    await dataSource.initialize();
    coreBanking = new SimulatedCoreBanking(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  async function approvedLoan(): Promise<string> {
    const id = newLoanId();
    await dataSource.getRepository(LoanEntity).insert({
      id,
      branchCode: 'SB-HZ-XH',
      customerManager: 'li.cm',
      product: 'consumer',
      guaranteeType: 'credit',
      paymentMethod: 'entrusted',
      repaymentMethod: 'equal-installment',
      purpose: 'integration test',
      requestedAmountMinor: '12345678',
      requestedTermMonths: 12,
      status: 'approved',
      documents: '[]',
    });
    return id;
  }

  const order = (loanId: string, amount = '123456.78') => ({
    loanId,
    amount,
    paymentMethod: 'entrusted' as const,
    payeeAccount: '6222020200112233445',
    payeeName: 'seller',
    jobKey: '2251799813685999',
    valueDate: new Date(),
  });

  it('pays once when the same order arrives twice at the same moment', async () => {
    const loanId = await approvedLoan();
    const receipts = await Promise.all([
      coreBanking.disburse(order(loanId)),
      coreBanking.disburse(order(loanId)),
    ]);
    expect(receipts.map((r) => r.replayed).sort()).toEqual([false, true]);
    expect(receipts[0].txnId).toBe(receipts[1].txnId);
    const { disbursements, entries } = await ledgerOf(dataSource, loanId);
    expect(disbursements).toHaveLength(1);
    expect(entries.map((e) => `${e.side} ${e.amountMinor}`)).toEqual([
      'debit 12345678',
      'credit 12345678',
    ]);
  });

  it('refuses a second order for a different amount, and keeps the first payout', async () => {
    const loanId = await approvedLoan();
    await coreBanking.disburse(order(loanId));
    await expect(coreBanking.disburse(order(loanId, '200000.00'))).rejects.toThrow(
      /already paid 123456.78; a second order for 200000.00 is refused/,
    );
    expect((await ledgerOf(dataSource, loanId)).entries).toHaveLength(2);
  });
});
