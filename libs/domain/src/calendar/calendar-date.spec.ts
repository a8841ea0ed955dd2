import {
  addDays,
  addMonthsClamped,
  dayOfWeek,
  daysInMonth,
  formatIsoDate,
  fromEpochDay,
  parseIsoDate,
  toEpochDay,
} from './calendar-date';

const date = (value: string) => {
  const parsed = parseIsoDate(value);
  if (!parsed) throw new Error(`test date ${value} is invalid`);
  return parsed;
};

describe('calendar dates', () => {
  it('parses only real days in strict YYYY-MM-DD form', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2026-02-29')).toBeNull();
    expect(parseIsoDate('1900-02-29')).toBeNull(); // divisible by 100, not by 400
    expect(parseIsoDate('2000-02-29')).not.toBeNull();
    expect(parseIsoDate('2026-04-31')).toBeNull();
    expect(parseIsoDate('2026-13-01')).toBeNull();
    expect(parseIsoDate('2026-1-5')).toBeNull();
    expect(parseIsoDate('2026-01-05T00:00')).toBeNull();
    expect(parseIsoDate('')).toBeNull();
  });

  it('formats with zero padding, round-tripping the parser', () => {
    expect(formatIsoDate({ year: 987, month: 3, day: 7 })).toBe('0987-03-07');
    expect(formatIsoDate(date('2026-10-10'))).toBe('2026-10-10');
  });

  it('knows month lengths', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2028, 2)).toBe(29);
  });

  it('adds months from the anchor day, clamping to short months without drifting', () => {
    const start = date('2026-01-31');
    expect([1, 2, 3, 13].map((k) => formatIsoDate(addMonthsClamped(start, k)))).toEqual([
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2027-02-28',
    ]);
    expect(formatIsoDate(addMonthsClamped(date('2027-11-30'), 3))).toBe('2028-02-29');
    expect(formatIsoDate(addMonthsClamped(date('2026-03-15'), -3))).toBe('2025-12-15');
  });

  it('counts epoch days exactly as UTC milliseconds do, across centuries', () => {
    const dayMs = 86_400_000;
    for (let epochDay = -80_000; epochDay <= 80_000; epochDay += 997) {
      const expected = new Date(epochDay * dayMs).toISOString().slice(0, 10);
      expect(formatIsoDate(fromEpochDay(epochDay))).toBe(expected);
      expect(toEpochDay(date(expected))).toBe(epochDay);
    }
    expect(toEpochDay(date('1970-01-01'))).toBe(0);
  });

  it('adds days across month and year ends, and names the weekday', () => {
    expect(formatIsoDate(addDays(date('2026-12-30'), 3))).toBe('2027-01-02');
    expect(formatIsoDate(addDays(date('2024-03-01'), -1))).toBe('2024-02-29');
    expect(dayOfWeek(date('2026-10-10'))).toBe(6); // Saturday
    expect(dayOfWeek(date('2026-10-11'))).toBe(0); // Sunday
    expect(dayOfWeek(date('1969-12-31'))).toBe(3); // Wednesday, before the epoch
  });
});
