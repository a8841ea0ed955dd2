import { AuditAct, AuditTrail } from '@loanflow/audit';
import { RefusalAudit } from './refusal-audit';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const SECOND = 1000;

describe('the audit of refused requests', () => {
  let acts: AuditAct[];
  let audit: RefusalAudit;

  beforeEach(() => {
    jest.useFakeTimers({ now: T0 + 10 * SECOND });
    acts = [];
    const trail = { record: async (act: AuditAct) => void acts.push(act) } as unknown as AuditTrail;
    audit = new RefusalAudit(trail, () => Date.now());
  });

  afterEach(() => jest.useRealTimers());

  it('writes one row per address when the minute has closed, and the rest on shutdown', async () => {
    for (let i = 0; i < 300; i++)
      audit.count(
        '198.51.100.7',
        'GET /api/tasks',
        'token rejected: signature verification failed',
      );
    audit.count('198.51.100.8', 'GET /api/tasks', 'no bearer token');
    expect(acts).toEqual([]);
    // The minute ends at 09:01:00; its rows are written a second later.
    await jest.advanceTimersByTimeAsync(50 * SECOND);
    expect(acts).toEqual([]);
    await jest.advanceTimersByTimeAsync(SECOND);
    expect(acts).toHaveLength(2);
    expect(acts[0]).toMatchObject({
      actor: { username: null },
      action: 'access.unauthenticated',
      outcome: 'refused',
      reason:
        '300 unauthenticated request(s) from 198.51.100.7 in the minute from 2026-03-02T09:00:00.000Z: ' +
        'token rejected: signature verification failed ×300; e.g. GET /api/tasks',
    });
    audit.count('198.51.100.7', 'GET /api/tasks', 'no bearer token');
    await audit.onModuleDestroy();
    expect(acts).toHaveLength(3);
    expect(acts[2].reason).toMatch(
      /^1 unauthenticated request\(s\) from 198.51.100.7 in the minute from 2026-03-02T09:01/,
    );
  });
});
