/**
 * Moves every date in a job's recorded variables by whole days, so one recorded loan can stand for
 * loans paid out on other days: a calendar date (2027-01-06) moves by days, an instant
 * (2027-01-06T16:00:00.000Z) by as many 24-hour days, which keeps a Beijing midnight a Beijing
 * midnight (China has no daylight saving). Anything else is left as it was.
 */
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

export function shiftDates<T>(value: T, days: number): T {
  if (days === 0) return value;
  return shift(value, days) as T;
}

function shift(value: unknown, days: number): unknown {
  if (typeof value === 'string') return shiftText(value, days);
  if (Array.isArray(value)) return value.map((item) => shift(item, days));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shift(item, days)]));
  return value;
}

function shiftText(text: string, days: number): string {
  if (CALENDAR_DATE.test(text)) {
    const at = Date.parse(`${text}T00:00:00Z`);
    // Date.parse rolls 2027-02-29 over to 1 March: only a date that reads back the same is one.
    if (Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== text) return text;
    return new Date(at + days * DAY_MS).toISOString().slice(0, 10);
  }
  if (INSTANT.test(text)) {
    const at = Date.parse(text);
    return Number.isNaN(at) ? text : new Date(at + days * DAY_MS).toISOString();
  }
  return text;
}
