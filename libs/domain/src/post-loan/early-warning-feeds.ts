import { addMonthsClamped, formatIsoDate, parseIsoDate } from '../calendar/calendar-date';
import { WarningLevel, worseWarning } from './risk-warning';

/** What a bureau refresh compares: the bureau's figures about the borrower. */
export interface BureauSnapshot {
  score: number;
  overdueAccounts: number;
  maxDaysOverdue: number;
}

/**
 * The bureau band of a score (征信分档), for telling whether a refresh got worse: A 750 and up,
 * B 700–749, C 650–699, D 600–649, E below 600 (the scorecard's score brackets).
 */
export type BureauBand = 'A' | 'B' | 'C' | 'D' | 'E';

export function bureauBand(score: number): BureauBand {
  if (score >= 750) return 'A';
  if (score >= 700) return 'B';
  if (score >= 650) return 'C';
  if (score >= 600) return 'D';
  return 'E';
}

const BANDS: readonly BureauBand[] = ['A', 'B', 'C', 'D', 'E'];

export interface BureauChange {
  level: WarningLevel | null;
  /** Why, in the warning's words; empty when nothing got worse. */
  reasons: string[];
}

/**
 * The warning a periodic bureau refresh calls for, against the report before it (the origination
 * query or the last refresh):
 * - new overdue elsewhere (more overdue accounts than before): yellow; orange once the worst days
 *   past due are over 30 (collection would have moved to the specialists here); red over 90 (a
 *   default elsewhere: non-performing by the 90-day rule, a potential loss on this loan too);
 * - a worse bureau band: one band down yellow; two or more, or into E, orange.
 * The worse of the two; none when nothing got worse.
 */
export function warningFromBureauChange(
  before: BureauSnapshot,
  after: BureauSnapshot,
): BureauChange {
  const reasons: string[] = [];
  let level: WarningLevel | null = null;
  if (after.overdueAccounts > before.overdueAccounts) {
    const overdueLevel: WarningLevel =
      after.maxDaysOverdue > 90 ? 'red' : after.maxDaysOverdue > 30 ? 'orange' : 'yellow';
    level = worseWarning(level, overdueLevel);
    reasons.push(
      `new overdue elsewhere: ${after.overdueAccounts} overdue account(s) (was ${before.overdueAccounts}), worst ${after.maxDaysOverdue} days past due`,
    );
  }
  const from = bureauBand(before.score);
  const to = bureauBand(after.score);
  const drop = BANDS.indexOf(to) - BANDS.indexOf(from);
  if (drop > 0) {
    level = worseWarning(level, drop >= 2 || to === 'E' ? 'orange' : 'yellow');
    reasons.push(`bureau band ${from} → ${to} (score ${before.score} → ${after.score})`);
  }
  return { level, reasons };
}

/**
 * A court's list of dishonest judgment debtors (失信被执行人): the borrower on it is the highest
 * warning (red: the emergency plan, early recall, legal action); a guarantor on it makes the
 * guarantee doubtful (orange, as a guarantor in default).
 */
export function warningFromDishonestListing(role: 'applicant' | 'guarantor'): WarningLevel {
  return role === 'applicant' ? 'red' : 'orange';
}

/** Whether a bureau refresh is due: `periodMonths` after the last report (origination or refresh). */
export function bureauRefreshDue(
  lastReportOn: string,
  today: string,
  periodMonths: number,
): boolean {
  const last = parseIsoDate(lastReportOn);
  if (!last)
    throw new Error(`the last bureau report's date is not a calendar date: ${lastReportOn}`);
  return today >= formatIsoDate(addMonthsClamped(last, periodMonths));
}
