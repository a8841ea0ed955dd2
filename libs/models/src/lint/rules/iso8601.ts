/**
 * ISO 8601 literals as Zeebe reads them in timers: java.time's Period + Duration for durations,
 * ZonedDateTime for dates.
 */

/** P[nY][nM][nW][nD][T[nH][nM][n[.f]S]]: at least one part, integers except seconds (P30D, PT1H, P1Y2M). */
const DURATION =
  /^P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:[.,]\d+)?S)?)?$/i;

export function isIsoDuration(text: string): boolean {
  return DURATION.test(text);
}

/** yyyy-MM-ddTHH:mm[:ss[.f]] with Z or ±HH:MM[:SS], then an optional [region/zone]. */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2})(?::(\d{2}))?)(?:\[[A-Za-z0-9_+\-/]+\])?$/i;

/**
 * A date-time with its offset, such as 2026-03-31T00:00:00+08:00 or 2026-03-31T00:00:00+08:00[Asia/Shanghai].
 * Without an offset Zeebe cannot tell which midnight is meant and rejects the model.
 */
export function isIsoDateTime(text: string): boolean {
  const match = DATE_TIME.exec(text);
  if (!match) return false;
  const [
    year = 0,
    month = 0,
    day = 0,
    hour = 0,
    minute = 0,
    second = 0,
    offsetHours = 0,
    offsetMinutes = 0,
    offsetSeconds = 0,
  ] = match.slice(1).map((part) => Number(part ?? 0));
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 18 &&
    offsetMinutes <= 59 &&
    offsetSeconds <= 59
  );
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
