import { OTHER_ADDRESSES, RefusalTally } from './refusal-tally';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const SECOND = 1000;

describe('the tally of refused requests', () => {
  it('keeps one summary per address and minute, with counts, reasons and a few routes', () => {
    const tally = new RefusalTally();
    for (let i = 0; i < 298; i++)
      tally.add(
        '198.51.100.7',
        `GET /api/tasks?p=${i % 5}`,
        'token rejected: signature verification failed',
        T0 + i * 100,
      );
    tally.add('198.51.100.7', 'GET /api/loans/L1', 'no bearer token', T0 + 40 * SECOND);
    tally.add('198.51.100.7', 'GET /api/loans/L1', 'no bearer token', T0 + 59 * SECOND);
    tally.add('198.51.100.8', 'GET /api/tasks', 'no bearer token', T0 + 61 * SECOND);

    expect(tally.takeClosed(T0 + 59 * SECOND)).toEqual([]);
    expect(tally.takeClosed(T0 + 60 * SECOND)).toEqual([
      {
        address: '198.51.100.7',
        minute: new Date(T0),
        count: 300,
        reasons: [
          { reason: 'token rejected: signature verification failed', count: 298 },
          { reason: 'no bearer token', count: 2 },
        ],
        sampleRoutes: ['GET /api/tasks?p=0', 'GET /api/tasks?p=1', 'GET /api/tasks?p=2'],
      },
    ]);
    expect(tally.size).toBe(1);
    expect(tally.takeAll()).toMatchObject([{ address: '198.51.100.8', count: 1 }]);
    expect(tally.size).toBe(0);
  });

  it('stays bounded: addresses per minute and reasons per address are capped', () => {
    const tally = new RefusalTally({
      addressesPerMinute: 3,
      reasonsPerBucket: 2,
      routesPerBucket: 1,
    });
    for (let i = 0; i < 10; i++) tally.add(`203.0.113.${i}`, 'GET /x', `reason ${i % 4}`, T0);
    for (let i = 0; i < 4; i++) tally.add('203.0.113.0', 'GET /y', `reason ${i}`, T0);
    const summaries = tally.takeAll();
    expect(summaries.map((s) => [s.address, s.count])).toEqual([
      ['203.0.113.0', 5],
      ['203.0.113.1', 1],
      ['203.0.113.2', 1],
      [OTHER_ADDRESSES, 7],
    ]);
    expect(summaries[0].reasons).toEqual([
      { reason: 'reason 0', count: 2 },
      { reason: '(other reasons)', count: 2 },
      { reason: 'reason 1', count: 1 },
    ]);
    expect(summaries[0].sampleRoutes).toEqual(['GET /x']);
    // A new minute has room for new addresses again.
    tally.add('203.0.113.9', 'GET /x', 'r', T0 + 60 * SECOND);
    expect(tally.takeAll()).toMatchObject([{ address: '203.0.113.9' }]);
  });
});
