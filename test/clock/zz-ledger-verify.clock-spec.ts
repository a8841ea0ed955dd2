import { DataSource } from 'typeorm';
import { loadConfig } from '@loanflow/config';
import { buildDataSourceOptions } from '@loanflow/persistence';
import { keptPositionsDisagreeing } from '@loanflow/monitoring';
import { verifyLedger } from '@loanflow/servicing';

/**
 * Last of the test command (the clock tier runs after the integration and end-to-end tiers, this
 * spec after every other clock spec): the trial balance of every loan the specs paid out, repaid,
 * settled early or wrote off must be exact, as `loanflow ledger verify` checks it; and the kept
 * positions the portfolio figures read must be what every loan's installments say, after every
 * schedule, payment, prepayment, restructuring, acceleration and reclassification the specs made.
 */
describe('the ledger after every servicing spec', () => {
  it('balances: every transaction, every account, every loan’s receivable and advance', async () => {
    const dataSource = new DataSource(buildDataSourceOptions(loadConfig().DATABASE_URL));
    await dataSource.initialize();
    try {
      const verdict = await verifyLedger(dataSource);
      expect(verdict.problems.map((p) => `${p.check}: ${p.message}`)).toEqual([]);
      expect(verdict.loans).toBeGreaterThan(0);
    } finally {
      await dataSource.destroy();
    }
  });

  it('keeps every loan’s position as its installments and classification say', async () => {
    const dataSource = new DataSource(buildDataSourceOptions(loadConfig().DATABASE_URL));
    await dataSource.initialize();
    try {
      expect(await keptPositionsDisagreeing(dataSource)).toEqual([]);
      const [{ kept }] = await dataSource.query<{ kept: string }[]>(
        'SELECT COUNT(*) AS kept FROM loan_position',
      );
      expect(Number(kept)).toBeGreaterThan(0);
    } finally {
      await dataSource.destroy();
    }
  });
});
