import { DataSource } from 'typeorm';
import { loadConfig } from '@loanflow/config';
import { buildDataSourceOptions, IdempotencyService, JobEffectEntity } from '@loanflow/persistence';

/** A stand-in for a ledger: the effect a duplicate delivery must not write twice. */
const LEDGER = 'int_test_ledger';

describe('IdempotencyService on the real database', () => {
  let dataSource: DataSource;
  let idempotency: IdempotencyService;
  const scope = `int-test-${process.pid}`;

  beforeAll(async () => {
    dataSource = new DataSource(buildDataSourceOptions(loadConfig().DATABASE_URL));
    await dataSource.initialize();
    await dataSource.query(
      `CREATE TABLE IF NOT EXISTS ${LEDGER} (effect_key VARCHAR(100) NOT NULL, amount_minor BIGINT NOT NULL)`,
    );
    idempotency = new IdempotencyService(dataSource);
  });

  afterAll(async () => {
    await dataSource.getRepository(JobEffectEntity).delete({ scope });
    await dataSource.query(`DROP TABLE IF EXISTS ${LEDGER}`);
    await dataSource.destroy();
  });

  const post = (key: string, amountMinor: number) =>
    idempotency.once(scope, key, '2251799813685300', async (manager) => {
      await manager.query(`INSERT INTO ${LEDGER} (effect_key, amount_minor) VALUES (?, ?)`, [
        key,
        amountMinor,
      ]);
      return { posted: amountMinor };
    });

  const ledgerRows = async (key: string): Promise<number> => {
    const [row] = await dataSource.query<{ n: string }[]>(
      `SELECT COUNT(*) AS n FROM ${LEDGER} WHERE effect_key = ?`,
      [key],
    );
    return Number(row?.n);
  };

  it('writes the effect once and replays its result to a second delivery', async () => {
    const first = await post('loan-1:disburse', 500_000_00);
    const second = await post('loan-1:disburse', 999);

    expect(first).toEqual({ result: { posted: 500_000_00 }, replayed: false });
    expect(second).toEqual({ result: { posted: 500_000_00 }, replayed: true });
    expect(await ledgerRows('loan-1:disburse')).toBe(1);
  });

  it('lets only one of two concurrent deliveries through', async () => {
    const outcomes = await Promise.all([
      post('loan-2:disburse', 100),
      post('loan-2:disburse', 100),
    ]);

    expect(outcomes.filter((o) => o.replayed)).toHaveLength(1);
    expect(outcomes.every((o) => o.result.posted === 100)).toBe(true);
    expect(await ledgerRows('loan-2:disburse')).toBe(1);
  });

  it('leaves nothing behind when the effect fails, so a retry can do it', async () => {
    await expect(
      idempotency.once(scope, 'loan-3:disburse', null, async (manager) => {
        await manager.query(`INSERT INTO ${LEDGER} (effect_key, amount_minor) VALUES (?, ?)`, [
          'loan-3:disburse',
          1,
        ]);
        throw new Error('core banking timed out');
      }),
    ).rejects.toThrow('core banking timed out');
    expect(await ledgerRows('loan-3:disburse')).toBe(0);

    const retried = await post('loan-3:disburse', 1);
    expect(retried.replayed).toBe(false);
    expect(await ledgerRows('loan-3:disburse')).toBe(1);
  });
});
