import publishedCalendar from 'chinese-days/dist/chinese-days.json';
import { DomainError } from '../errors/domain-error';
import {
  addDays,
  CalendarDate,
  dayOfWeek,
  formatIsoDate,
  fromEpochDay,
  parseIsoDate,
  toEpochDay,
} from './calendar-date';

/**
 * China's working-day calendar (工作日), for deadlines such as "the applicant is told of the
 * decision within 3 working days".
 *
 * Source: the State Council's yearly holiday arrangement (国务院办公厅关于节假日安排的通知) as
 * published in the `chinese-days` package's JSON data (a documented artifact of the package).
 * The data is read directly, keyed by "YYYY-MM-DD", instead of through the package's functions:
 * those build their day tables at load time through the host's time zone, and on a host west of
 * UTC every holiday and make-up day lands one day early.
 *
 * - A public holiday (节假日, including the weekend days inside a holiday block) is not a
 *   working day.
 * - A make-up working day (调休上班) on a Saturday or Sunday is a working day.
 * - Any other Monday to Friday is a working day.
 *
 * Years the data does not cover (the State Council publishes each year's arrangement late in
 * the year before) fall back to Monday to Friday, and results say so (`calendarCovered`).
 * The fallback counts the year's unknown holidays as working days, which brings a deadline
 * forward: the safe side of a promise to a customer. It cannot know that year's make-up
 * Saturdays and Sundays either, so a window that holds a make-up day but not its holiday (for
 * example the Saturday worked before a Spring Festival that starts after the deadline) can end
 * later than the true one. Update `chinese-days` when the next year's
 * arrangement is published; `calendarCovers` tells a health check whether that is due.
 *
 * Business time is Beijing time, UTC+08:00 all year (China has had no daylight saving time
 * since 1991), so a fixed offset is exact.
 */
interface PublishedCalendar {
  /** date -> "English name,中文名,days" for each day off, weekends inside a holiday included. */
  holidays: Readonly<Record<string, string>>;
  /** date -> holiday name for each make-up working day on a weekend. */
  workdays: Readonly<Record<string, string>>;
}

const CALENDAR: PublishedCalendar = publishedCalendar;

/** Years the published data covers, derived from the data so that an upgrade needs no edit. */
const COVERED_YEARS: ReadonlySet<number> = new Set(
  Object.keys(CALENDAR.holidays).map((date) => Number(date.slice(0, 4))),
);

export const BEIJING_UTC_OFFSET_MINUTES = 8 * 60;
const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = BEIJING_UTC_OFFSET_MINUTES * 60_000;

export interface WorkingDayDeadline {
  /** The end of the last working day: the following midnight in Beijing, as an instant. */
  dueAt: Date;
  /** The last working day itself, in Beijing. */
  dueDate: string;
  /** The working days counted, in order (the last one is `dueDate`). */
  workingDays: string[];
  /** False when any day looked at lies in a year the published calendar does not cover. */
  calendarCovered: boolean;
}

export function calendarCovers(year: number): boolean {
  return COVERED_YEARS.has(year);
}

export function isWorkingDay(date: string): boolean {
  return isWorkingCalendarDay(requireDate(date));
}

/**
 * The deadline `days` working days after `from`: the day `from` falls on in Beijing does not
 * count, whatever the hour; the deadline is the end of the last of the next `days` working days.
 */
export function addWorkingDays(from: Date, days: number): WorkingDayDeadline {
  if (Number.isNaN(from.getTime())) {
    throw new DomainError('WORKING_DAYS_INVALID', 'from is not a valid instant', { field: 'from' });
  }
  if (!Number.isInteger(days) || days < 1) {
    throw new DomainError(
      'WORKING_DAYS_INVALID',
      `days must be a whole number of at least 1, got ${days}`,
      { field: 'days' },
    );
  }

  let day = beijingDateOf(from);
  let calendarCovered = true;
  const workingDays: string[] = [];
  while (workingDays.length < days) {
    day = addDays(day, 1);
    if (!calendarCovers(day.year)) calendarCovered = false;
    if (isWorkingCalendarDay(day)) workingDays.push(formatIsoDate(day));
  }

  const dueAt = new Date((toEpochDay(day) + 1) * DAY_MS - BEIJING_OFFSET_MS);
  return { dueAt, dueDate: formatIsoDate(day), workingDays, calendarCovered };
}

function isWorkingCalendarDay(date: CalendarDate): boolean {
  const weekday = dayOfWeek(date);
  const monToFri = weekday >= 1 && weekday <= 5;
  if (!calendarCovers(date.year)) return monToFri;
  const key = formatIsoDate(date);
  if (Object.hasOwn(CALENDAR.workdays, key)) return true;
  if (Object.hasOwn(CALENDAR.holidays, key)) return false;
  return monToFri;
}

/** The business date of an instant: the day it is in Beijing (UTC+8), YYYY-MM-DD. */
export function beijingDate(instant: Date): string {
  return formatIsoDate(beijingDateOf(instant));
}

/** The instant a business date (YYYY-MM-DD) ends in Beijing: the next midnight, UTC+8. */
export function endOfBeijingDay(date: string): Date {
  return new Date((toEpochDay(requireDate(date)) + 1) * DAY_MS - BEIJING_OFFSET_MS);
}

function beijingDateOf(instant: Date): CalendarDate {
  return fromEpochDay(Math.floor((instant.getTime() + BEIJING_OFFSET_MS) / DAY_MS));
}

function requireDate(value: string): CalendarDate {
  const date = parseIsoDate(value);
  if (!date) {
    throw new DomainError('WORKING_DAYS_INVALID', `"${value}" is not a date (YYYY-MM-DD)`, {
      field: 'date',
    });
  }
  return date;
}
