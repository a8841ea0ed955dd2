import Decimal from 'decimal.js';
import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';

/** Ratios managers read (overdue rate, non-performing ratio) carry four decimal places: 0.0523 is 5.23%. */
export const RATIO_PLACES = 4;

const Exact = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });

/**
 * `part ÷ whole` as a decimal string rounded half-up (四舍五入) to `places`, computed on the
 * amounts' integer minor units (never binary floating point). An empty portfolio (whole 0) has a
 * ratio of 0. Negative amounts and a part larger than the whole are refused: no portfolio ratio
 * can be read from them.
 */
export function ratioOf(part: Money, whole: Money, places = RATIO_PLACES): string {
  if (!Number.isInteger(places) || places < 0) {
    throw new DomainError('RATIO_INVALID', `places must be a whole number from 0, got ${places}`);
  }
  if (part.isNegative() || whole.isNegative()) {
    throw new DomainError(
      'RATIO_INVALID',
      `a ratio of ${part.toDecimalString()} to ${whole.toDecimalString()}: amounts must not be negative`,
    );
  }
  if (part.compare(whole) > 0) {
    throw new DomainError(
      'RATIO_INVALID',
      `${part.toDecimalString()} is more than the whole it is a part of (${whole.toDecimalString()})`,
    );
  }
  if (whole.isZero()) return new Exact(0).toFixed(places);
  return new Exact(part.minorUnits.toString())
    .dividedBy(new Exact(whole.minorUnits.toString()))
    .toFixed(places, Decimal.ROUND_HALF_UP);
}
