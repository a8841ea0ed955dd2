import { PurgeRecords } from './purge-records';
import { PersonalDataRetention } from './retention';

const DAY_MS = 86_400_000;

/** The register as the retention rule sees it: applications with a decision date and their files. */
class FakeRecords extends PurgeRecords {
  readonly purgedAt = new Map<string, Date>();
  readonly reasons: string[] = [];
  readonly asked: number[] = [];

  constructor(
    private readonly decided: Map<string, Date>,
    private readonly files: Map<string, string[]>,
  ) {
    super();
  }

  endedBefore(before: Date, limit: number): Promise<string[]> {
    this.asked.push(limit);
    return Promise.resolve(
      [...this.decided]
        .filter(([id, at]) => at < before && !this.purgedAt.has(id))
        .sort((a, b) => a[1].getTime() - b[1].getTime())
        .slice(0, limit)
        .map(([id]) => id),
    );
  }

  purge(loanId: string, now: Date, reason: string): Promise<string[]> {
    this.purgedAt.set(loanId, now);
    this.reasons.push(reason);
    const files = this.files.get(loanId) ?? [];
    this.files.delete(loanId);
    return Promise.resolve(files);
  }

  documentsOnFile(storageKey: string): Promise<number> {
    return Promise.resolve(
      [...this.files.values()].filter((keys) => keys.includes(storageKey)).length,
    );
  }
}

const now = new Date('2026-12-05T02:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);

function retention(records: PurgeRecords, deleted: string[], days = 180) {
  return new PersonalDataRetention(
    records,
    { PERSONAL_DATA_RETENTION_REFUSED_DAYS: days },
    { delete: (key: string) => Promise.resolve(void deleted.push(key)) },
  );
}

describe('the retention rule for applications that ended without a loan', () => {
  it('purges those decided before the period began, oldest first, and leaves the rest', async () => {
    const records = new FakeRecords(
      new Map([
        ['LN-B', daysAgo(200)],
        ['LN-A', daysAgo(400)],
        ['LN-C', daysAgo(179)],
      ]),
      new Map(),
    );
    const result = await retention(records, []).purgeExpired(now);
    expect(result).toEqual({ loans: ['LN-A', 'LN-B'], asOf: now.toISOString() });
    expect([...records.purgedAt.keys()]).toEqual(['LN-A', 'LN-B']);
    expect(records.reasons[0]).toContain('more than 180 days ago');
  });

  it('pages through a large backlog until nothing is left (a hundred at a time)', async () => {
    const decided = new Map<string, Date>();
    for (let i = 0; i < 250; i += 1)
      decided.set(`LN-${String(i).padStart(3, '0')}`, daysAgo(300 + i));
    const records = new FakeRecords(decided, new Map());
    const result = await retention(records, []).purgeExpired(now);
    expect(result.loans).toHaveLength(250);
    expect(new Set(result.loans).size).toBe(250);
    // Three full or partial pages, then the empty page that ends the walk.
    expect(records.asked).toEqual([100, 100, 100, 100]);
  });

  it('deletes a stored file only once no other document points at it', async () => {
    const records = new FakeRecords(
      new Map([
        ['LN-A', daysAgo(400)],
        ['LN-LIVE', daysAgo(10)],
      ]),
      new Map([
        ['LN-A', ['file-own', 'file-shared']],
        ['LN-LIVE', ['file-shared']],
      ]),
    );
    const deleted: string[] = [];
    await retention(records, deleted).purgeExpired(now);
    expect(deleted).toEqual(['file-own']);
  });

  it('does nothing when no application is past its period', async () => {
    const records = new FakeRecords(new Map([['LN-A', daysAgo(30)]]), new Map());
    const deleted: string[] = [];
    expect((await retention(records, deleted).purgeExpired(now)).loans).toEqual([]);
    expect(records.purgedAt.size).toBe(0);
    expect(deleted).toEqual([]);
  });

  it('reads the period from the configuration', async () => {
    const records = new FakeRecords(new Map([['LN-A', daysAgo(40)]]), new Map());
    expect((await retention(records, [], 30).purgeExpired(now)).loans).toEqual(['LN-A']);
    expect(records.reasons[0]).toContain('more than 30 days ago');
  });
});
