import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import { loadConfig } from '@loanflow/config';
import { LoanRecords } from '@loanflow/loans';
import {
  AuditEntryEntity,
  buildDataSourceOptions,
  IdempotencyService,
  LoanContractEntity,
} from '@loanflow/persistence';
import { JobContext } from '@loanflow/workflow';
import { RecordContractsWorker } from '../../libs/origination/src/workers/contracts.workers';
import { SqlDecisionRecords } from '../../libs/origination/src/workers/decision-records';
import { insertApplicantRow, insertLoanRow } from '../support';

/**
 * 合同签订 recorded by a job delivered twice at once: one set of contracts, one audit entry, and
 * no incident claiming the loan's own contract number belongs to another loan. A number another
 * loan holds is refused with that number named.
 */
describe('recording signed contracts on the real database', () => {
  let dataSource: DataSource;
  let worker: RecordContractsWorker;

  beforeAll(async () => {
    dataSource = new DataSource(buildDataSourceOptions(loadConfig().DATABASE_URL));
    await dataSource.initialize();
    const trail = new AuditTrail(dataSource);
    worker = new RecordContractsWorker(
      new SqlDecisionRecords(dataSource, new IdempotencyService(dataSource), trail),
      new LoanRecords(dataSource),
    );
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const approvedLoan = async () => {
    const loanId = await insertLoanRow(dataSource, 'CONTRACTS', {
      status: 'approved',
      guaranteeType: 'credit',
    });
    await insertApplicantRow(dataSource, loanId);
    return loanId;
  };
  const job = (jobKey: string) => ({ jobKey, logger: console }) as unknown as JobContext;
  const signed = (contractNo: string) => ({
    loanContractNo: contractNo,
    guaranteeContracts: [],
    signedOn: '2026-12-05',
    by: 'li.cm',
  });

  it('records once when the same job is delivered twice at the same time', async () => {
    const loanId = await approvedLoan();
    const contractNo = `HT-${randomInt(100_000_000, 999_999_999)}`;
    const key = String(randomInt(1, 2 ** 47));

    await Promise.all([
      worker.handle({ loanId, contracts: signed(contractNo) }, job(key)),
      worker.handle({ loanId, contracts: signed(contractNo) }, job(key)),
    ]);

    const contracts = await dataSource.getRepository(LoanContractEntity).findBy({ loanId });
    expect(contracts.map((c) => [c.kind, c.contractNo])).toEqual([['loan', contractNo]]);
    const recorded = await dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ loanKey: loanId, action: 'contracts.record' });
    expect(recorded).toHaveLength(1);
  });

  it('refuses a contract number another loan holds, naming it, and records nothing', async () => {
    const first = await approvedLoan();
    const second = await approvedLoan();
    const contractNo = `HT-${randomInt(100_000_000, 999_999_999)}`;
    await worker.handle({ loanId: first, contracts: signed(contractNo) }, job('1'));

    await expect(
      worker.handle({ loanId: second, contracts: signed(contractNo) }, job('2')),
    ).rejects.toThrow(`contract number ${contractNo} of loan ${second} is already used`);
    expect(await dataSource.getRepository(LoanContractEntity).findBy({ loanId: second })).toEqual(
      [],
    );
  });
});
