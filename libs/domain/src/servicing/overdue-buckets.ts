import { assertDaysPastDue } from './days-past-due';

/**
 * Overdue buckets (逾期账龄) managers watch, by days past due, and who collects at each stage.
 *
 * Buckets: 1–30, 31–90, 91–180, 181–360, over 360 days. A loan with nothing overdue (0 days) is
 * in no bucket.
 *
 * Collection follows the 30/90-day rule: the customer manager (营销岗) who owns the loan collects
 * for the first 30 days; over 30 days the collection specialist (综合岗 / collection department);
 * over 90 days legal action, guarantors and insurance claims, the loan being non-performing.
 */
export type OverdueBucket = '1-30' | '31-90' | '91-180' | '181-360' | '360+';

/** Each bucket with its last day, in order; the last bucket has no end. */
export const OVERDUE_BUCKETS: readonly { bucket: OverdueBucket; maxDays: number }[] = [
  { bucket: '1-30', maxDays: 30 },
  { bucket: '31-90', maxDays: 90 },
  { bucket: '91-180', maxDays: 180 },
  { bucket: '181-360', maxDays: 360 },
  { bucket: '360+', maxDays: Number.POSITIVE_INFINITY },
];

export function overdueBucket(daysPastDue: number): OverdueBucket | null {
  assertDaysPastDue(daysPastDue);
  if (daysPastDue === 0) return null;
  return OVERDUE_BUCKETS.find((entry) => daysPastDue <= entry.maxDays)?.bucket ?? '360+';
}

export type CollectionStage = 'customer-manager' | 'collection-officer' | 'legal';

/** Who collects a loan this many days past due; null when nothing is overdue. */
export function collectionStage(daysPastDue: number): CollectionStage | null {
  assertDaysPastDue(daysPastDue);
  if (daysPastDue === 0) return null;
  if (daysPastDue <= 30) return 'customer-manager';
  if (daysPastDue <= 90) return 'collection-officer';
  return 'legal';
}
