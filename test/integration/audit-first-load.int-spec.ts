import { DataSource } from 'typeorm';
import { AuditTrail, SYSTEM_ACTOR } from '@loanflow/audit';
import { loadConfig } from '@loanflow/config';
import { buildDataSourceOptions } from '@loanflow/persistence';

const POOL = 2;
const TAG = `audit-first-load-${Date.now() % 1_000_000_000}`;

/**
 * A process's first audit entries come from as many transactions as its pool has connections
 * (a restarted workers process when the clock makes twenty escalations due at once): the trail's
 * list of chains is read on the caller's connection, so they all commit instead of each holding its
 * connection while waiting for one to read the list.
 */
describe('the audit trail’s first entries in a new process, the pool full of transactions', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    const options = buildDataSourceOptions(loadConfig().DATABASE_URL);
    dataSource = new DataSource({ ...options, extra: { connectionLimit: POOL } });
    await dataSource.initialize();
  });

  // The entries stay: the trail is append-only, and a row taken out breaks its chain for every
  // spec that verifies the trail after this one.
  afterAll(async () => {
    await dataSource.destroy();
  });

  it('commits every transaction', async () => {
    const trail = new AuditTrail(dataSource);
    // Every connection of the pool inside a transaction before the first entry asks for the chains.
    let entered = 0;
    const allIn = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (entered === POOL) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    const appends = Array.from({ length: POOL }, (_, i) =>
      dataSource.transaction(async (manager) => {
        await manager.query('SELECT 1');
        entered += 1;
        await allIn;
        await trail.append(manager, {
          actor: SYSTEM_ACTOR,
          action: 'test.first-load',
          outcome: 'ok',
          loanKey: `LN-${TAG}-${i}`,
          reason: TAG,
        });
      }),
    );
    const stuck = new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 15_000));
    expect(await Promise.race([Promise.all(appends).then(() => 'done'), stuck])).toBe('done');
    const rows = await dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM audit_entry WHERE reason = ?',
      [TAG],
    );
    expect(Number(rows[0]?.n)).toBe(POOL);
  }, 30_000);
});
