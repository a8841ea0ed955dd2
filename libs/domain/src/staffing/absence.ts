import type { FieldProblem } from '../errors/field-problem';

/** The longest absence one declaration covers; a longer one is a posting change, done by handover. */
export const MAX_ABSENCE_DAYS = 92;

export interface AbsenceRequest {
  username: string;
  deputy: string;
  /** First and last day away, YYYY-MM-DD, both included. */
  startsOn: string;
  endsOn: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function isRealDate(date: string): boolean {
  return DATE.test(date) && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
}

/**
 * What makes a declared absence unworkable, judged on today (the business date): a deputy who is
 * the person themself, a period backwards, already over, or longer than one declaration covers.
 */
export function absenceProblems(request: AbsenceRequest, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (request.deputy === request.username)
    problems.push({ field: 'deputy', reason: 'must be someone other than the person away' });
  for (const field of ['startsOn', 'endsOn'] as const) {
    if (!isRealDate(request[field]))
      problems.push({ field, reason: 'must be a date such as 2026-12-24' });
  }
  if (problems.some((p) => p.field !== 'deputy')) return problems;
  const start = dayNumber(request.startsOn);
  const end = dayNumber(request.endsOn);
  if (end < start) problems.push({ field: 'endsOn', reason: 'must not be before startsOn' });
  else if (end < dayNumber(today))
    problems.push({ field: 'endsOn', reason: `must not be before today (${today})` });
  else if (end - start + 1 > MAX_ABSENCE_DAYS)
    problems.push({
      field: 'endsOn',
      reason: `an absence covers at most ${MAX_ABSENCE_DAYS} days; a longer one is a handover`,
    });
  return problems;
}

/** Whether an absence covers a day (both ends included); a cancelled one covers none. */
export function absenceCovers(
  absence: Pick<AbsenceRequest, 'startsOn' | 'endsOn'> & { cancelled?: boolean },
  day: string,
): boolean {
  return !absence.cancelled && absence.startsOn <= day && day <= absence.endsOn;
}
