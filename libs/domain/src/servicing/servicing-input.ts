import Decimal from 'decimal.js';
import { parseIsoDate, toEpochDay } from '../calendar/calendar-date';
import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';

/**
 * What servicing reads: the repayment schedule fixed at disbursement and every amount applied to
 * it since (the loan's ledger, 台账). It is checked once here, so that position, penalty,
 * allocation and payoff can each trust it and keep to their own rule.
 *
 * A `ScheduledInstallment` from the repayment schedule is a `ScheduledAmounts`, so a stored
 * schedule can be passed as it is.
 */
export interface ScheduledAmounts {
  /** 1..n */
  number: number;
  /** YYYY-MM-DD */
  dueDate: string;
  principal: Money;
  interest: Money;
}

/** What an amount paid went to. Penalty interest (罚息) is kept per installment it accrued on. */
export type AppliedCategory = 'penalty' | 'interest' | 'principal';
export const APPLIED_CATEGORIES: readonly AppliedCategory[] = ['penalty', 'interest', 'principal'];

/** One part of a payment applied to one installment, as repayment allocation writes it. */
export interface AppliedAmount {
  installmentNumber: number;
  category: AppliedCategory;
  amount: Money;
  /** YYYY-MM-DD, the day the payment was received. */
  paidOn: string;
}

export interface ServicingLedger {
  installments: readonly ScheduledAmounts[];
  /** Every amount applied so far, in any order. */
  applied: readonly AppliedAmount[];
}

/** A checked ledger: installments in number order, dates as epoch days for arithmetic. */
export interface CheckedLedger {
  currency: string;
  installments: (ScheduledAmounts & { dueDay: number })[];
  applied: (AppliedAmount & { paidDay: number })[];
}

/** Enough digits that rate × amount × days ÷ basis is exact before the one rounding to the fen. */
export const Exact = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });

/**
 * Days in the year for a daily rate: annual rate ÷ 360, over actual calendar days (actual/360),
 * as the PBoC's interest rules (人民币利率管理规定) convert Renminbi rates.
 */
export const DAILY_RATE_BASIS = 360;

const DECIMAL_FRACTION = /^\d+(\.\d+)?$/;
const INPUT_INVALID = 'SERVICING_INPUT_INVALID';

/** Rounds an amount in minor units half-up (四舍五入) to a whole fen, once. */
export function toFen(minorUnits: Decimal, currency: string): Money {
  return Money.ofMinor(minorUnits.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0), currency);
}

/** The amount in minor units as an exact decimal, for arithmetic before rounding. */
export function exactMinor(amount: Money): Decimal {
  return new Exact(amount.minorUnits.toString());
}

export function sumMoney(amounts: readonly Money[], currency: string): Money {
  return amounts.reduce((total, amount) => total.plus(amount), Money.zero(currency));
}

/** The epoch day of a strict YYYY-MM-DD date; a DomainError of the given code otherwise. */
export function checkedDay(value: string, field: string, code: string): number {
  const date = typeof value === 'string' ? parseIsoDate(value) : null;
  if (!date) {
    throw new DomainError(code, `${field}: must be a date in YYYY-MM-DD form, got "${value}"`, {
      field,
    });
  }
  return toEpochDay(date);
}

/** A non-negative annual rate written as a decimal fraction ("0.18" is 18% a year). */
export function checkedRate(value: string, field: string, code: string): Decimal {
  const rate = String(value).trim();
  if (!DECIMAL_FRACTION.test(rate)) {
    throw new DomainError(
      code,
      `${field}: must be a non-negative decimal fraction such as "0.18", got "${value}"`,
      { field },
    );
  }
  return new Exact(rate);
}

/**
 * Refuses a ledger no servicing rule could read: no installments, repeated numbers, due dates
 * that do not rise with the number, negative scheduled amounts, mixed currencies, and applied
 * amounts that are not positive or point at no installment.
 */
export function checkLedger(ledger: ServicingLedger): CheckedLedger {
  const refuse = (field: string, message: string): never => {
    throw new DomainError(INPUT_INVALID, `${field}: ${message}`, { field });
  };
  const [first] = ledger.installments;
  if (!first) return refuse('installments', 'the schedule is empty');
  const currency = first.principal.currency;

  const installments = [...ledger.installments]
    .sort((a, b) => a.number - b.number)
    .map((installment) => ({
      ...installment,
      dueDay: checkedDay(
        installment.dueDate,
        `installment ${installment.number} dueDate`,
        INPUT_INVALID,
      ),
    }));
  installments.forEach((installment, index) => {
    const field = `installment ${installment.number}`;
    if (!Number.isInteger(installment.number) || installment.number < 1) {
      refuse(field, 'the number must be a whole number from 1');
    }
    const previous = installments[index - 1];
    if (previous && previous.number === installment.number) refuse(field, 'appears twice');
    if (previous && previous.dueDay >= installment.dueDay) {
      refuse(
        field,
        `falls due on ${installment.dueDate}, not after installment ${previous.number}`,
      );
    }
    for (const amount of [installment.principal, installment.interest]) {
      if (amount.currency !== currency) refuse(field, `is in ${amount.currency}, not ${currency}`);
      if (amount.isNegative()) refuse(field, 'has a negative scheduled amount');
    }
  });

  const numbers = new Set(installments.map((installment) => installment.number));
  const applied = ledger.applied.map((line, index) => {
    const field = `applied[${index}]`;
    if (!numbers.has(line.installmentNumber)) {
      refuse(field, `installment ${line.installmentNumber} is not in the schedule`);
    }
    if (!APPLIED_CATEGORIES.includes(line.category)) {
      refuse(field, `category must be one of ${APPLIED_CATEGORIES.join(', ')}`);
    }
    if (line.amount.currency !== currency) refuse(field, `is in ${line.amount.currency}`);
    if (line.amount.isNegative() || line.amount.isZero()) refuse(field, 'amount must be positive');
    return { ...line, paidDay: checkedDay(line.paidOn, `${field}.paidOn`, INPUT_INVALID) };
  });
  return { currency, installments, applied };
}
