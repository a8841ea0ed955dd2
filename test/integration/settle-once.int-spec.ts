import { DataSource } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import { loadConfig } from '@loanflow/config';
import { Money } from '@loanflow/domain';
import {
  AuditEntryEntity,
  buildDataSourceOptions,
  LoanEntity,
  LoanRefundEntity,
} from '@loanflow/persistence';
import { postApplication } from '../../libs/servicing/src/repayments/loan-accounts';
import { SqlLoanClosingRecords } from '../../libs/servicing/src/workers/loan-closing-records';
import { SettleLoanWorker } from '../../libs/servicing/src/workers/settle.worker';
import { insertLoanRow } from '../support';

/**
 * 结清 delivered twice at once (a job redelivered while the first delivery still runs): the loan
 * is settled once, the money it held in advance goes back to the borrower once, on record once.
 */
describe('settling a loan on the real database', () => {
  let dataSource: DataSource;
  let worker: SettleLoanWorker;

  beforeAll(async () => {
    dataSource = new DataSource(buildDataSourceOptions(loadConfig().DATABASE_URL));
    await dataSource.initialize();
    worker = new SettleLoanWorker(
      new SqlLoanClosingRecords(dataSource, new AuditTrail(dataSource)),
    );
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  /** A disbursed mortgage loan whose borrower paid 123.45 beyond what it owed (held in advance). */
  const disbursedLoanHolding = async (held: string): Promise<string> => {
    const loanId = await insertLoanRow(dataSource, 'SETTLE', {
      status: 'disbursed',
      guaranteeType: 'mortgage',
    });
    await dataSource.transaction((manager) =>
      postApplication(
        manager,
        { txnId: `${loanId}:overpaid`, loanId, memo: 'paid beyond the schedule' },
        { received: Money.parse(held), fromAdvance: Money.zero() },
        [],
        Money.parse(held),
      ),
    );
    return loanId;
  };

  it('settles once and owes the advance back once when two deliveries run together', async () => {
    const loanId = await disbursedLoanHolding('123.45');
    const asOf = '2026-12-05T08:00:00Z';

    const answers = await Promise.all([
      worker.handle({ loanId, asOf }),
      worker.handle({ loanId, asOf }),
    ]);
    await worker.handle({ loanId, asOf });

    expect(answers).toEqual([{ collateralToRelease: true }, { collateralToRelease: true }]);
    const loan = await dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId });
    expect(loan.status).toBe('settled');
    const refunds = await dataSource.getRepository(LoanRefundEntity).findBy({ loanId });
    expect(refunds.map((refund) => [refund.amountMinor, refund.state])).toEqual([['12345', 'due']]);
    const settled = await dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ loanKey: loanId, action: 'loan.settle' });
    expect(settled).toHaveLength(1);
  });
});
