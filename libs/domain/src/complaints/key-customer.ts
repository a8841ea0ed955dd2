import { DomainError } from '../errors/domain-error';

/**
 * Key customers (重点客户): "按照贷款额度或授信额度、风险程度、管理难度确定本行级的重点管理客户，
 * 作为加强贷后管理工作的重点对象". Each bank level keeps its list; a listed borrower's loans are
 * inspected at the entry's interval when that is shorter than what product, grade and
 * classification call for.
 */
export const DEFAULT_KEY_CUSTOMER_INSPECTION_MONTHS = 3;
export const KEY_CUSTOMER_INSPECTION_MONTHS_RANGE = { min: 1, max: 6 } as const;

export function assertKeyCustomerInterval(months: number): void {
  const { min, max } = KEY_CUSTOMER_INSPECTION_MONTHS_RANGE;
  if (!Number.isInteger(months) || months < min || months > max)
    throw new DomainError(
      'KEY_CUSTOMER_INTERVAL_INVALID',
      `inspectionMonths must be a whole number of months from ${min} to ${max}, got ${months}`,
      { field: 'inspectionMonths' },
    );
}

/** The interval the entries in force call for: the shortest, or null when none is in force. */
export function keyCustomerInspectionMonths(
  entries: readonly { inspectionMonths: number }[],
): number | null {
  return entries.length === 0 ? null : Math.min(...entries.map((e) => e.inspectionMonths));
}
