import { getDayDetail, isWorkday as libraryIsWorkday } from 'chinese-days';
import { addWorkingDays, calendarCovers, isWorkingDay } from './working-days';
import { textContaining } from '@loanflow/test-support/expected-text';

const beijing = (local: string) => new Date(`${local}+08:00`);

/**
 * The package builds its day tables when it loads, through the host's time zone; west of UTC
 * every entry lands a day early (the reason working-days.ts reads the package's JSON instead).
 * Comparisons with the package's functions are therefore only meaningful at or east of UTC.
 */
const libraryIsReliableHere = new Date(2026, 0, 1).getTimezoneOffset() <= 0;
const itWhereLibraryIsReliable = libraryIsReliableHere ? it : it.skip;
const forLibrary = (date: string) => {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year, month - 1, day);
};

describe('working days (工作日)', () => {
  it('follows the published 2026 National Day arrangement', () => {
    expect(isWorkingDay('2026-09-30')).toBe(true);
    expect(isWorkingDay('2026-10-01')).toBe(false); // Thursday, public holiday
    expect(isWorkingDay('2026-10-07')).toBe(false);
    expect(isWorkingDay('2026-10-08')).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday, make-up working day (调休)
    expect(isWorkingDay('2026-10-11')).toBe(false);
    expect(isWorkingDay('2026-10-17')).toBe(false); // an ordinary Saturday
  });

  itWhereLibraryIsReliable('matches the package day by day over 2025 and 2026', () => {
    expect(getDayDetail(forLibrary('2026-10-01'))).toMatchObject({
      work: false,
      name: textContaining('国庆节'),
    });
    expect(getDayDetail(forLibrary('2026-10-10'))).toMatchObject({
      work: true,
      name: textContaining('国庆节'),
    });
    const disagreements: string[] = [];
    for (let ms = Date.UTC(2025, 0, 1); ms <= Date.UTC(2026, 11, 31); ms += 86_400_000) {
      const date = new Date(ms).toISOString().slice(0, 10);
      if (isWorkingDay(date) !== libraryIsWorkday(forLibrary(date))) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });

  it('crosses National Day and lands on the make-up Saturday', () => {
    const deadline = addWorkingDays(beijing('2026-09-30T10:00:00'), 3);
    expect(deadline.workingDays).toEqual(['2026-10-08', '2026-10-09', '2026-10-10']);
    expect(deadline.dueDate).toBe('2026-10-10');
    expect(deadline.dueAt.getTime()).toBe(beijing('2026-10-11T00:00:00').getTime());
    expect(deadline.dueAt.toISOString()).toBe('2026-10-10T16:00:00.000Z');
    expect(deadline.calendarCovered).toBe(true);
  });

  it('counts a make-up Saturday that comes before its holiday', () => {
    // 2026-02-14 is worked ahead of the Spring Festival (2026-02-15..23).
    expect(addWorkingDays(beijing('2026-02-13T09:00:00'), 2).workingDays).toEqual([
      '2026-02-14',
      '2026-02-24',
    ]);
  });

  it('skips a plain weekend', () => {
    const deadline = addWorkingDays(beijing('2026-06-03T09:30:00'), 3); // a Wednesday
    expect(deadline.workingDays).toEqual(['2026-06-04', '2026-06-05', '2026-06-08']);
    expect(deadline.dueAt.toISOString()).toBe('2026-06-08T16:00:00.000Z');
  });

  it('does not count the starting day, however early or late in it', () => {
    const earlyMorning = addWorkingDays(beijing('2026-06-03T00:00:00'), 1);
    const lastMinute = addWorkingDays(beijing('2026-06-03T23:59:59'), 1);
    expect(earlyMorning.dueDate).toBe('2026-06-04');
    expect(lastMinute.dueDate).toBe('2026-06-04');
  });

  it('takes the day from Beijing time, not from UTC', () => {
    // 20:00 UTC on Tuesday 2 June is already 04:00 on Wednesday 3 June in Beijing.
    const lateUtc = addWorkingDays(new Date('2026-06-02T20:00:00Z'), 3);
    expect(lateUtc.workingDays).toEqual(['2026-06-04', '2026-06-05', '2026-06-08']);
    // One hour before Beijing midnight it is still Tuesday there.
    const stillTuesday = addWorkingDays(new Date('2026-06-02T15:00:00Z'), 3);
    expect(stillTuesday.workingDays).toEqual(['2026-06-03', '2026-06-04', '2026-06-05']);
  });

  it('derives the covered years from the published data', () => {
    expect(calendarCovers(2004)).toBe(true);
    expect(calendarCovers(2026)).toBe(true);
    expect(calendarCovers(2003)).toBe(false);
    expect(calendarCovers(2027)).toBe(false);
  });

  it('falls back to Monday to Friday in a year not yet published, and says so', () => {
    // 2027-10-01 (a Friday) will be National Day, but the arrangement is not published yet.
    expect(isWorkingDay('2027-10-01')).toBe(true);
    expect(isWorkingDay('2027-10-02')).toBe(false);
    const deadline = addWorkingDays(beijing('2027-09-30T10:00:00'), 3);
    expect(deadline.workingDays).toEqual(['2027-10-01', '2027-10-04', '2027-10-05']);
    expect(deadline.dueAt.toISOString()).toBe('2027-10-05T16:00:00.000Z');
    expect(deadline.calendarCovered).toBe(false);
  });

  it('reports an uncovered calendar as soon as the window reaches an unpublished year', () => {
    const deadline = addWorkingDays(beijing('2026-12-30T10:00:00'), 2);
    expect(deadline.workingDays).toEqual(['2026-12-31', '2027-01-01']);
    expect(deadline.calendarCovered).toBe(false);
  });

  it('refuses nonsense with a stable code naming the field', () => {
    expect(() => addWorkingDays(beijing('2026-06-03T09:00:00'), 0)).toThrowDomainError(
      'WORKING_DAYS_INVALID',
      { details: { field: 'days' } },
    );
    expect(() => addWorkingDays(beijing('2026-06-03T09:00:00'), 1.5)).toThrowDomainError(
      'WORKING_DAYS_INVALID',
      { details: { field: 'days' } },
    );
    expect(() => addWorkingDays(new Date('not a date'), 3)).toThrowDomainError(
      'WORKING_DAYS_INVALID',
      { details: { field: 'from' } },
    );
    expect(() => isWorkingDay('2026-02-30')).toThrowDomainError('WORKING_DAYS_INVALID');
  });
});
