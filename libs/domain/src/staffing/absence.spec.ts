import { absenceCovers, absenceProblems, MAX_ABSENCE_DAYS } from './absence';

const TODAY = '2026-12-03';
const ok = { username: 'li.cm', deputy: 'zhou.cm', startsOn: '2026-12-07', endsOn: '2026-12-11' };

describe('a declared absence', () => {
  it('is workable with a deputy and a period from today on', () => {
    expect(absenceProblems(ok, TODAY)).toEqual([]);
    expect(absenceProblems({ ...ok, startsOn: '2026-11-30' }, TODAY)).toEqual([]);
  });

  it('needs a deputy other than the person away', () => {
    expect(absenceProblems({ ...ok, deputy: 'li.cm' }, TODAY)).toEqual([
      { field: 'deputy', reason: 'must be someone other than the person away' },
    ]);
  });

  it('refuses dates that are not days, periods backwards or over, and periods too long', () => {
    expect(absenceProblems({ ...ok, startsOn: '2026-02-30' }, TODAY).map((p) => p.field)).toEqual([
      'startsOn',
    ]);
    expect(absenceProblems({ ...ok, endsOn: '2026-12-06' }, TODAY)[0].reason).toMatch(
      /before startsOn/,
    );
    expect(
      absenceProblems({ ...ok, startsOn: '2026-11-20', endsOn: '2026-12-02' }, TODAY)[0].reason,
    ).toMatch(/before today/);
    const start = '2026-12-03';
    const lastAllowed = new Date(
      Date.parse(`${start}T00:00:00Z`) + (MAX_ABSENCE_DAYS - 1) * 86_400_000,
    )
      .toISOString()
      .slice(0, 10);
    expect(absenceProblems({ ...ok, startsOn: start, endsOn: lastAllowed }, TODAY)).toEqual([]);
    const oneMore = new Date(Date.parse(`${lastAllowed}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(absenceProblems({ ...ok, startsOn: start, endsOn: oneMore }, TODAY)[0].reason).toMatch(
      /at most 92 days/,
    );
  });

  it('covers both its ends and nothing once cancelled', () => {
    expect(absenceCovers(ok, '2026-12-07')).toBe(true);
    expect(absenceCovers(ok, '2026-12-11')).toBe(true);
    expect(absenceCovers(ok, '2026-12-12')).toBe(false);
    expect(absenceCovers(ok, '2026-12-06')).toBe(false);
    expect(absenceCovers({ ...ok, cancelled: true }, '2026-12-08')).toBe(false);
  });
});
