import { DomainError } from '../errors/domain-error';

/**
 * Days past due (DPD, 逾期天数) as the servicing rules take it: a whole number of calendar days,
 * 0 for a loan with nothing overdue. loan-position computes it; classification and the overdue
 * buckets read it, and refuse anything else rather than guess what a fraction or a negative
 * count was meant to be.
 */
export function assertDaysPastDue(daysPastDue: number): void {
  if (!Number.isInteger(daysPastDue) || daysPastDue < 0) {
    throw new DomainError(
      'DAYS_PAST_DUE_INVALID',
      `days past due must be a whole number from 0, got ${daysPastDue}`,
      { daysPastDue },
    );
  }
}
