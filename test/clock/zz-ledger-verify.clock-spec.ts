import { DataSource } from 'typeorm';
import { loadConfig } from '@loanflow/config';
import { buildDataSourceOptions } from '@loanflow/persistence';
import { verifyLedger } from '@loanflow/servicing';

/**
 * Last of the test command (the clock tier runs after the integration and end-to-end tiers, this
 * spec after every other clock spec): the trial balance of every loan the specs paid out, repaid,
 * settled early or wrote off must be exact, as `loanflow ledger verify` checks it.
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
});
