import { itemAt } from '../collections/item-at';
import { addMonthsClamped, parseIsoDate, formatIsoDate } from '../calendar/calendar-date';
import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';
import { buildSchedule, RepaymentMethod } from '../schedule/repayment-schedule';
import { loanPosition } from './loan-position';
import { PayoffRequest, quotePayoff } from './payoff';
import {
  checkedRate,
  DAILY_RATE_BASIS,
  exactMinor,
  ScheduledAmounts,
  sumMoney,
  toFen,
} from './servicing-input';

/**
 * Part prepayment (部分提前还款): the borrower pays down part of the principal before it is due.
 *
 * What is paid on the prepayment day D, in the period [S, E) of the first installment not yet due
 * (S the last due date on or before D, or the disbursement date; E that installment's due date):
 *
 * - the principal reduction: the amount asked, at least the product's minimum and less than the
 *   principal outstanding (the whole of it is early settlement, 提前结清, with its own route);
 * - the interest accrued from S to D on the whole principal not yet due (actual/360, 算头不算尾,
 *   rounded once: the same broken-period interest an early settlement's quote charges). Banks
 *   settle the accrued interest on a prepayment day; the next installment then owes interest only
 *   for D to E, which is the month's interest on the remaining principal less what was just paid
 *   for S to D on it (never below zero);
 * - the fee (违约金): the principal reduction × the fee rate while the loan is younger than the
 *   fee-free months, nothing after (PartPrepaymentRules, from configuration).
 *
 * Refused: anything due and unpaid (an overdue borrower catches up first), a prepayment dated on a
 * due date (that day's installment is settled by its own run; prepay from the next day), interest
 * paid ahead on installments not yet due, an amount below the minimum or not below the principal.
 *
 * The revised schedule replaces every installment not yet due. It keeps their due dates (no date
 * drifts, the maturity never moves later) and comes in two options, the borrower's choice:
 *
 * - `shorten-term` (缩短期限, same installment): the level installment stays as it was (for equal
 *   principal, 等额本金, the level principal) and the loan ends earlier; the last installment takes
 *   what is left;
 * - `reduce-installment` (减少月供, same maturity): the remaining principal is spread again over the
 *   same dates, so the installment falls.
 *
 * On the ledger the prepayment is one installment of its own, dated D, numbered after every
 * existing one and paid at once (principal and accrued interest); the new installments follow it.
 * Numbering after the existing ones is what servicing keys on: it always watches the first
 * installment numbered after the last it checked.
 */
export type PartPrepaymentOption = 'shorten-term' | 'reduce-installment';
export const PART_PREPAYMENT_OPTIONS: readonly PartPrepaymentOption[] = [
  'shorten-term',
  'reduce-installment',
];

/** The product's rule for part prepayments (configuration: docs/controls/repayments.md). */
export interface PartPrepaymentRules {
  minimumAmount: Money;
  /** Decimal fraction of the principal reduction: "0.01" is 1%. */
  feeRate: string;
  /** The fee applies while the prepayment date is before disbursement + this many months. */
  feeFreeAfterMonths: number;
}

export const DEFAULT_PART_PREPAYMENT_RULES: PartPrepaymentRules = {
  minimumAmount: Money.parse('1000.00'),
  feeRate: '0.01',
  feeFreeAfterMonths: 12,
};

export interface PartPrepaymentRequest extends PayoffRequest {
  /** The principal to pay down. */
  amount: Money;
  method: RepaymentMethod;
  rules: PartPrepaymentRules;
}

export interface RevisedSchedule {
  option: PartPrepaymentOption;
  /** The installments not yet due that the revision replaces. */
  replaced: number[];
  /** The prepayment as an installment of its own, dated the prepayment day, paid at once. */
  prepayment: ScheduledAmounts;
  /** The new installments, numbered after the prepayment. */
  installments: ScheduledAmounts[];
  /** The level installment (payment) after the revision: the second installment's if any. */
  levelPayment: Money;
  maturity: string;
  totalInterest: Money;
}

export interface PartPrepaymentQuote {
  prepaymentDate: string;
  outstandingPrincipal: Money;
  principalReduction: Money;
  remainingPrincipal: Money;
  accruedInterest: Money;
  accruedFrom: string;
  accruedDays: number;
  fee: Money;
  /** The rate applied, "0" when the loan is past its fee-free months. */
  feeRate: string;
  /** YYYY-MM-DD, the first day a prepayment owes no fee. */
  feeFreeFrom: string;
  total: Money;
  /** The schedule as it stands, for comparison: installments not yet due. */
  current: { installments: number; levelPayment: Money; maturity: string; totalInterest: Money };
  options: Record<PartPrepaymentOption, RevisedSchedule>;
}

const refuse = (code: string, field: string, message: string, details: object = {}): never => {
  throw new DomainError(code, message, { field, ...details });
};

export function quotePartPrepayment(request: PartPrepaymentRequest): PartPrepaymentQuote {
  const { amount, rules } = request;
  const currency = amount.currency;
  if (amount.isNegative() || amount.isZero())
    refuse('PREPAYMENT_INVALID', 'amount', 'amount must be positive');
  const payoff = quotePayoff(request);
  const position = loanPosition({ ...request, asOf: request.payoffDate });
  const due = position.installments.filter((i) => i.dueDate <= request.payoffDate);
  const notYetDue = position.installments.filter((i) => i.dueDate > request.payoffDate);
  const unpaid = due.filter(
    (i) => !i.principalOutstanding.isZero() || !i.interestOutstanding.isZero(),
  );
  if (unpaid.length > 0 || !payoff.penalty.isZero())
    refuse(
      'PREPAYMENT_WHILE_OVERDUE',
      'amount',
      unpaid.length > 0
        ? `installment ${unpaid.map((i) => i.number).join(', ')} is due and unpaid: the borrower pays what is due before prepaying principal`
        : `penalty interest of ${payoff.penalty.toDecimalString()} is unpaid: the borrower pays it before prepaying principal`,
      { daysPastDue: position.daysPastDue },
    );
  if (notYetDue.length === 0 || !payoff.brokenPeriod)
    refuse('PREPAYMENT_INVALID', 'amount', 'no installment is left: the loan has reached maturity');
  if (due.some((i) => i.dueDate === request.payoffDate))
    refuse(
      'PREPAYMENT_ON_DUE_DATE',
      'date',
      `${request.payoffDate} is a due date: that day's installment is settled first; prepay from the next day`,
    );
  if (!payoff.interestPaidInAdvance.isZero())
    refuse(
      'PREPAYMENT_INVALID',
      'amount',
      'interest was paid ahead on installments not yet due; settle that at the counter first',
    );
  if (amount.compare(rules.minimumAmount) < 0)
    refuse(
      'PREPAYMENT_BELOW_MINIMUM',
      'amount',
      `a part prepayment is at least ${rules.minimumAmount.toDecimalString()}, got ${amount.toDecimalString()}`,
      { minimum: rules.minimumAmount.toDecimalString() },
    );
  const outstanding = payoff.outstandingPrincipal;
  if (amount.compare(outstanding) >= 0)
    refuse(
      'PREPAYMENT_ABOVE_OUTSTANDING',
      'amount',
      `${amount.toDecimalString()} is not below the principal outstanding (${outstanding.toDecimalString()}): paying it all is early settlement (提前结清)`,
      { outstandingPrincipal: outstanding.toDecimalString() },
    );
  const broken = payoff.brokenPeriod!;
  const annualRate = checkedRate(request.annualRate, 'annualRate', 'PREPAYMENT_INVALID');
  const remaining = outstanding.minus(amount);

  const disbursed = parseIsoDate(request.disbursementDate)!;
  const feeFreeFrom = formatIsoDate(addMonthsClamped(disbursed, rules.feeFreeAfterMonths));
  const feeRate = request.payoffDate < feeFreeFrom ? rules.feeRate : '0';
  const fee = toFen(
    exactMinor(amount).times(checkedRate(feeRate, 'feeRate', 'PREPAYMENT_INVALID')),
    currency,
  );

  // What the remaining principal already paid for S to D: the next installment does not owe it again.
  const credit = toFen(
    exactMinor(remaining).times(annualRate).times(broken.days).dividedBy(DAILY_RATE_BASIS),
    currency,
  );
  const last = Math.max(...request.installments.map((i) => i.number));
  const prepayment: ScheduledAmounts = {
    number: last + 1,
    dueDate: request.payoffDate,
    principal: amount,
    interest: payoff.brokenPeriodInterest,
  };
  const dates = notYetDue.map((i) => i.dueDate);
  const levelOf = (installments: readonly { principal: Money; interest: Money }[]) => {
    const body = installments.length > 1 ? installments.slice(0, -1) : installments;
    return body.reduce((max, i) => {
      const value =
        request.method === 'equal-principal' ? i.principal : i.principal.plus(i.interest);
      return value.compare(max) > 0 ? value : max;
    }, Money.zero(currency));
  };
  const currentLevel = levelOf(
    notYetDue.map((i) => ({ principal: i.principalDue, interest: i.interestDue })),
  );
  const fresh = itemAt(
    buildSchedule({
      principal: remaining,
      annualRate: request.annualRate,
      termMonths: dates.length,
      method: request.method,
      startDate: request.disbursementDate,
    }).installments,
    0,
    'the shortened schedule',
  );
  const reducedLevel = request.method === 'equal-principal' ? fresh.principal : fresh.payment;
  const revise = (option: PartPrepaymentOption, level: Money): RevisedSchedule => {
    const installments = spread({
      principal: remaining,
      annualRate: request.annualRate,
      dates,
      firstNumber: last + 2,
      firstInterestCredit: credit,
      level,
      method: request.method,
    });
    const payments = installments.map((i) => i.principal.plus(i.interest));
    return {
      option,
      replaced: notYetDue.map((i) => i.number),
      prepayment,
      installments,
      levelPayment: itemAt(payments, payments.length > 1 ? 1 : 0, 'the new payments'),
      maturity: itemAt(installments, -1, 'the new schedule').dueDate,
      totalInterest: sumMoney(
        installments.map((i) => i.interest),
        currency,
      ),
    };
  };
  const currentPayments = notYetDue.map((i) => i.principalDue.plus(i.interestDue));
  return {
    prepaymentDate: request.payoffDate,
    outstandingPrincipal: outstanding,
    principalReduction: amount,
    remainingPrincipal: remaining,
    accruedInterest: payoff.brokenPeriodInterest,
    accruedFrom: broken.from,
    accruedDays: broken.days,
    fee,
    feeRate,
    feeFreeFrom,
    total: amount.plus(payoff.brokenPeriodInterest).plus(fee),
    current: {
      installments: notYetDue.length,
      levelPayment: itemAt(
        currentPayments,
        currentPayments.length > 1 ? 1 : 0,
        'the current payments',
      ),
      maturity: itemAt(dates, -1, 'the due dates left'),
      totalInterest: sumMoney(
        notYetDue.map((i) => i.interestDue),
        currency,
      ),
    },
    options: {
      'shorten-term': revise('shorten-term', currentLevel),
      'reduce-installment': revise('reduce-installment', reducedLevel),
    },
  };
}

/**
 * The remaining principal repaid over the given due dates at a level installment (equal
 * installment: the payment; equal principal: the principal), each month's interest the balance ×
 * annual rate ÷ 12 rounded half-up to the fen (as the original schedule), less the credit on the
 * first. It stops once the principal is repaid; the last date used takes whatever balance is left.
 */
export function spread(request: {
  principal: Money;
  annualRate: string;
  dates: readonly string[];
  firstNumber: number;
  firstInterestCredit: Money;
  level: Money;
  method: RepaymentMethod;
}): ScheduledAmounts[] {
  const { dates, level } = request;
  const currency = request.principal.currency;
  const rate = checkedRate(request.annualRate, 'annualRate', 'PREPAYMENT_INVALID');
  const installments: ScheduledAmounts[] = [];
  let balance = request.principal;
  for (let index = 0; index < dates.length && !balance.isZero(); index++) {
    let interest = toFen(exactMinor(balance).times(rate).dividedBy(12), currency);
    if (index === 0) {
      interest = interest.minus(request.firstInterestCredit);
      if (interest.isNegative()) interest = Money.zero(currency);
    }
    let principal = request.method === 'equal-principal' ? level : level.minus(interest);
    if (principal.isNegative() || principal.isZero())
      throw new DomainError(
        'PREPAYMENT_INVALID',
        `an installment of ${level.toDecimalString()} does not cover the month's interest`,
      );
    if (index === dates.length - 1 || principal.compare(balance) > 0) principal = balance;
    balance = balance.minus(principal);
    installments.push({
      number: request.firstNumber + index,
      dueDate: itemAt(dates, index, 'the due dates left'),
      principal,
      interest,
    });
  }
  return installments;
}
