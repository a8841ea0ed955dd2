import type { Role } from '../identity/roles';
import { assertDaysPastDue } from './days-past-due';

/**
 * The 30/90-day rule (逾期催收分段), by days past due, counted from the oldest unpaid due date — not
 * by how long collection has been going on. A borrower who catches up part of the arrears moves
 * back to the band the days past due left put him in:
 * - 1–30 days: the customer manager who owns the loan (营销岗) collects;
 * - 31–90 days: the collection officer (综合岗) collects;
 * - from day 91: the legal path (insurance claim where insured, guarantors, collateral,
 *   litigation), while the collection officer keeps collecting (the seed gives loans over 30
 *   days, those under suit included, to 综合岗).
 */
export type CollectionBand = 'none' | 'manager' | 'officer' | 'legal';

export const COLLECTION_BANDS: readonly CollectionBand[] = ['none', 'manager', 'officer', 'legal'];

export const COLLECTION_BAND_NAMES: Readonly<Record<CollectionBand, string>> = {
  none: '未逾期 nothing overdue',
  manager: '1–30天 客户经理催收 customer manager',
  officer: '31–90天 综合岗催收 collection officer',
  legal: '90天以上 法律清收 legal path, collection officer alongside',
};

/** The last day past due of each band. */
const BAND_LIMITS: readonly [CollectionBand, number][] = [
  ['none', 0],
  ['manager', 30],
  ['officer', 90],
  ['legal', Number.POSITIVE_INFINITY],
];

export function collectionBand(daysPastDue: number): CollectionBand {
  assertDaysPastDue(daysPastDue);
  return BAND_LIMITS.find(([, limit]) => daysPastDue <= limit)![0];
}

/** Whether moving from one band to the other is a step back (a catch-up payment). */
export function isBandLower(band: CollectionBand, than: CollectionBand): boolean {
  return COLLECTION_BANDS.indexOf(band) < COLLECTION_BANDS.indexOf(than);
}

/** Who holds the collection work in each band (the legal officer beside the collection officer from day 91). */
export const COLLECTION_BAND_POSTS: Readonly<Record<CollectionBand, readonly Role[]>> = {
  none: [],
  manager: ['customer-manager'],
  officer: ['collection-officer'],
  legal: ['collection-officer', 'legal-officer'],
};
