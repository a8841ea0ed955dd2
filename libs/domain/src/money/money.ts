import Decimal from 'decimal.js';
import { DomainError } from '../errors/domain-error';

/**
 * An amount of money. Arithmetic is decimal (never binary floating point); storage is integer
 * minor units (fen for CNY). Rounding to minor units is half-up (四舍五入), as banks here round.
 */
export class Money {
  private static readonly Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

  private constructor(
    private readonly minor: bigint,
    readonly currency: string,
  ) {}

  static ofMinor(minor: bigint | number | string, currency = 'CNY'): Money {
    const value = typeof minor === 'bigint' ? minor : BigInt(minor);
    return new Money(value, currency);
  }

  /** Parses a decimal string such as "12345.67"; refuses more precision than minor units hold. */
  static parse(amount: string, currency = 'CNY'): Money {
    if (!/^-?\d+(\.\d+)?$/.test(amount.trim())) {
      throw new DomainError('MONEY_INVALID', `"${amount}" is not a decimal amount`);
    }
    const value = new Money.Dec(amount.trim());
    const minor = value.times(100);
    if (!minor.isInteger()) {
      throw new DomainError('MONEY_TOO_PRECISE', `"${amount}" has more than 2 decimal places`);
    }
    return new Money(BigInt(minor.toFixed(0)), currency);
  }

  static zero(currency = 'CNY'): Money {
    return new Money(0n, currency);
  }

  get minorUnits(): bigint {
    return this.minor;
  }

  plus(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.minor + other.minor, this.currency);
  }

  minus(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.minor - other.minor, this.currency);
  }

  negate(): Money {
    return new Money(-this.minor, this.currency);
  }

  /** Multiplies by a decimal factor (a rate, a day fraction) and rounds half-up to minor units. */
  times(factor: string | Decimal): Money {
    const product = new Money.Dec(this.minor.toString()).times(new Money.Dec(factor));
    return new Money(
      BigInt(product.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0)),
      this.currency,
    );
  }

  compare(other: Money): -1 | 0 | 1 {
    this.assertSameCurrency(other);
    return this.minor < other.minor ? -1 : this.minor > other.minor ? 1 : 0;
  }

  isZero(): boolean {
    return this.minor === 0n;
  }

  isNegative(): boolean {
    return this.minor < 0n;
  }

  /** "12345.67": the decimal form used in APIs and process variables (strings keep it exact). */
  toDecimalString(): string {
    return new Money.Dec(this.minor.toString()).dividedBy(100).toFixed(2);
  }

  toJSON(): string {
    return this.toDecimalString();
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new DomainError(
        'MONEY_CURRENCY_MISMATCH',
        `cannot combine ${this.currency} with ${other.currency}`,
      );
    }
  }
}
