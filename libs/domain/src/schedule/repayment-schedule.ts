import Decimal from 'decimal.js';
import {
  addMonthsClamped,
  CalendarDate,
  formatIsoDate,
  parseIsoDate,
} from '../calendar/calendar-date';
import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';

/**
 * The repayment schedule (还款计划) created at disbursement.
 *
 * Monthly rate r = annualRate / 12, kept exact: a month's interest is computed as
 * balance × annualRate ÷ 12 at 50 significant digits and only then rounded half-up to the fen,
 * so a true half fen always rounds up, however many digits r has.
 *
 * - Equal installment (等额本息): payment = P·r·(1+r)^n / ((1+r)^n − 1), rounded half-up to the
 *   fen; at a zero rate, P / n. Each month: interest = balance·r (rounded), principal =
 *   payment − interest.
 * - Equal principal (等额本金): principal = P / n rounded half-up to the fen; interest =
 *   balance·r (rounded); payment = principal + interest.
 * - The last installment absorbs every rounding difference: its principal is whatever balance
 *   remains, its payment that principal plus its interest, so the principals add up to P
 *   exactly and the final balance is zero.
 * - No installment repays more principal than is outstanding. This only binds for amounts of a
 *   few fen per month, where rounding each installment up would otherwise overpay the loan.
 * - Installment k falls due k months after the disbursement date, on the same day of the month,
 *   or the month's last day when it is shorter (31 January → 28 February → 31 March): each date
 *   is counted from the disbursement date, so the day never drifts.
 *
 * Interest is by month, not by day: the stub between disbursement and a due date that is not a
 * whole month away is not modelled here.
 */
export type RepaymentMethod = 'equal-installment' | 'equal-principal';
export const REPAYMENT_METHODS: readonly RepaymentMethod[] = [
  'equal-installment',
  'equal-principal',
];

export const MAX_TERM_MONTHS = 360;

export interface ScheduleRequest {
  principal: Money;
  /** Nominal annual rate as a decimal fraction: "0.12" is 12% a year. */
  annualRate: string;
  termMonths: number;
  method: RepaymentMethod;
  /** The disbursement date, YYYY-MM-DD. */
  startDate: string;
}

export interface ScheduledInstallment {
  /** 1..termMonths */
  number: number;
  /** YYYY-MM-DD */
  dueDate: string;
  payment: Money;
  principal: Money;
  interest: Money;
  /** Principal outstanding after this installment is paid. */
  balance: Money;
}

export interface RepaymentSchedule {
  installments: ScheduledInstallment[];
  totalInterest: Money;
  totalPayment: Money;
}

/** Enough digits that (1+r)^360 and the division after it cannot disturb the fen. */
const Exact = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });
const DECIMAL_FRACTION = /^\d+(\.\d+)?$/;

export function buildSchedule(request: ScheduleRequest): RepaymentSchedule {
  const { principal, termMonths, method } = request;
  const { annualRate, start } = validate(request);
  const currency = principal.currency;

  const levelPrincipal = divideToFen(principal, termMonths);
  const levelPayment =
    method === 'equal-installment' ? annuityPayment(principal, annualRate, termMonths) : null;

  const installments: ScheduledInstallment[] = [];
  let balance = principal;
  for (let number = 1; number <= termMonths; number++) {
    const interest = monthlyInterest(balance, annualRate);
    const isLast = number === termMonths;
    let repaid = isLast ? balance : levelPayment ? levelPayment.minus(interest) : levelPrincipal;
    if (repaid.compare(balance) > 0) repaid = balance;
    balance = balance.minus(repaid);
    installments.push({
      number,
      dueDate: formatIsoDate(addMonthsClamped(start, number)),
      payment: repaid.plus(interest),
      principal: repaid,
      interest,
      balance,
    });
  }

  const sum = (pick: (installment: ScheduledInstallment) => Money) =>
    installments.reduce(
      (total, installment) => total.plus(pick(installment)),
      Money.zero(currency),
    );
  return {
    installments,
    totalInterest: sum((installment) => installment.interest),
    totalPayment: sum((installment) => installment.payment),
  };
}

/** P·r·(1+r)^n / ((1+r)^n − 1) in fen, rounded half-up; P / n when the rate is zero. */
function annuityPayment(principal: Money, annualRate: Decimal, termMonths: number): Money {
  if (annualRate.isZero()) return divideToFen(principal, termMonths);
  const monthlyRate = annualRate.dividedBy(12);
  const growth = monthlyRate.plus(1).pow(termMonths);
  const payment = new Exact(principal.minorUnits.toString())
    .times(monthlyRate)
    .times(growth)
    .dividedBy(growth.minus(1));
  return toFen(payment, principal.currency);
}

function monthlyInterest(balance: Money, annualRate: Decimal): Money {
  const interest = new Exact(balance.minorUnits.toString()).times(annualRate).dividedBy(12);
  return toFen(interest, balance.currency);
}

/** Divides first and rounds once, so that a result of exactly half a fen rounds up. */
function divideToFen(amount: Money, divisor: number): Money {
  return toFen(new Exact(amount.minorUnits.toString()).dividedBy(divisor), amount.currency);
}

function toFen(minorUnits: Decimal, currency: string): Money {
  return Money.ofMinor(minorUnits.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0), currency);
}

function validate(request: ScheduleRequest): { annualRate: Decimal; start: CalendarDate } {
  const refuse = (field: keyof ScheduleRequest, message: string): never => {
    throw new DomainError('SCHEDULE_INVALID', `${field}: ${message}`, { field });
  };
  if (request.principal.isNegative() || request.principal.isZero()) {
    refuse('principal', `must be positive, got ${request.principal.toDecimalString()}`);
  }
  const { termMonths } = request;
  if (!Number.isInteger(termMonths) || termMonths < 1 || termMonths > MAX_TERM_MONTHS) {
    refuse('termMonths', `must be a whole number from 1 to ${MAX_TERM_MONTHS}, got ${termMonths}`);
  }
  if (!REPAYMENT_METHODS.includes(request.method)) {
    refuse('method', `must be one of ${REPAYMENT_METHODS.join(', ')}, got "${request.method}"`);
  }
  const rate = String(request.annualRate).trim();
  if (/^-\d/.test(rate)) refuse('annualRate', `must not be negative, got "${rate}"`);
  if (!DECIMAL_FRACTION.test(rate)) {
    refuse('annualRate', `must be a decimal fraction such as "0.12", got "${rate}"`);
  }
  const start = parseIsoDate(request.startDate);
  if (!start) {
    return refuse('startDate', `must be a date in YYYY-MM-DD form, got "${request.startDate}"`);
  }
  return { annualRate: new Exact(rate), start };
}
