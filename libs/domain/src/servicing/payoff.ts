import { itemAt } from '../collections/item-at';
import { formatIsoDate, fromEpochDay } from '../calendar/calendar-date';
import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';
import { loanPosition } from './loan-position';
import { accruePenaltyInterest } from './penalty-interest';
import {
  checkedDay,
  checkedRate,
  checkLedger,
  DAILY_RATE_BASIS,
  exactMinor,
  ServicingLedger,
  sumMoney,
  toFen,
} from './servicing-input';

/**
 * The amount that settles the whole loan early (提前结清) on a day:
 *
 *   outstanding principal of the whole loan
 * + interest of installments due on or before the payoff date, still unpaid
 * + penalty interest accrued to the payoff date, still unpaid
 * + interest of the current period accrued to the payoff date (broken-period interest)
 * − interest already paid on installments not yet due (it was paid for months that will not run).
 *
 * Broken-period interest: the current period is the one of the first installment due after the
 * payoff date; it started on the previous installment's due date, or on the disbursement date
 * for the first. Interest = principal × annual rate × days ÷ 360, where days = payoff date −
 * period start (the start day counts, the payoff day does not: 算头不算尾, so a payoff on a due
 * date owes no broken-period interest) and principal is the outstanding principal of the
 * installments not yet due. It is rounded half-up to the fen once.
 *
 * Why this rule: ÷ 360 is the daily rate the PBoC's interest rules fix and the one penalty
 * interest uses, and days × annual ÷ 360 is days ÷ 30 × the monthly rate, so a borrower never
 * pays more than the month's scheduled interest (a period is at most 31 days and the payoff
 * falls before its end). Overdue principal is left out of the base because it bears penalty
 * interest instead; charging both would charge it twice. The interest the schedule put on later
 * months is not owed: that is what settling early saves. An early-settlement fee (违约金), where
 * a contract has one, is not part of this quote.
 */
export interface PayoffRequest extends ServicingLedger {
  /** YYYY-MM-DD */
  payoffDate: string;
  /** YYYY-MM-DD: the first period's interest runs from here. */
  disbursementDate: string;
  /** Contract rate, decimal fraction: "0.12" is 12% a year. */
  annualRate: string;
  penaltyAnnualRate: string;
}

export interface BrokenPeriod {
  /** The installment whose period the payoff date falls in. */
  installmentNumber: number;
  /** YYYY-MM-DD, first day counted. */
  from: string;
  /** YYYY-MM-DD, the payoff date (not counted). */
  to: string;
  days: number;
  principal: Money;
  interest: Money;
}

export interface PayoffQuote {
  payoffDate: string;
  outstandingPrincipal: Money;
  /** Unpaid interest of installments due on or before the payoff date. */
  interestDue: Money;
  penalty: Money;
  brokenPeriodInterest: Money;
  /** Null when the payoff date is on or after the last due date. */
  brokenPeriod: BrokenPeriod | null;
  /** Interest paid ahead on installments not yet due, credited. */
  interestPaidInAdvance: Money;
  total: Money;
}

export function quotePayoff(request: PayoffRequest): PayoffQuote {
  const refuse = (field: string, message: string): never => {
    throw new DomainError('PAYOFF_INVALID', `${field}: ${message}`, { field });
  };
  const ledger = checkLedger(request);
  const payoffDay = checkedDay(request.payoffDate, 'payoffDate', 'PAYOFF_INVALID');
  const disbursementDay = checkedDay(
    request.disbursementDate,
    'disbursementDate',
    'PAYOFF_INVALID',
  );
  const annualRate = checkedRate(request.annualRate, 'annualRate', 'PAYOFF_INVALID');
  if (disbursementDay >= itemAt(ledger.installments, 0, 'the ledger').dueDay) {
    refuse('disbursementDate', 'must come before the first due date');
  }
  if (payoffDay < disbursementDay) refuse('payoffDate', 'must not come before disbursement');
  const { currency } = ledger;

  const position = loanPosition({ ...request, asOf: request.payoffDate });
  const penalty = accruePenaltyInterest({ ...request, asOf: request.payoffDate });
  const isDue = (index: number) =>
    itemAt(ledger.installments, index, 'the ledger').dueDay <= payoffDay;
  const due = position.installments.filter((_installment, index) => isDue(index));
  const notYetDue = position.installments.filter((_installment, index) => !isDue(index));

  const interestDue = sumMoney(
    due.map((installment) => installment.interestOutstanding),
    currency,
  );
  const interestPaidInAdvance = sumMoney(
    notYetDue.map((installment) => installment.interestPaid),
    currency,
  );

  let brokenPeriod: BrokenPeriod | null = null;
  if (notYetDue.length > 0) {
    const periodStart =
      due.length > 0
        ? itemAt(ledger.installments, due.length - 1, 'the ledger').dueDay
        : disbursementDay;
    const principal = sumMoney(
      notYetDue.map((installment) => installment.principalOutstanding),
      currency,
    );
    const days = payoffDay - periodStart;
    brokenPeriod = {
      installmentNumber: itemAt(notYetDue, 0, 'the installments not yet due').number,
      from: formatIsoDate(fromEpochDay(periodStart)),
      to: request.payoffDate,
      days,
      principal,
      interest: toFen(
        exactMinor(principal).times(annualRate).times(days).dividedBy(DAILY_RATE_BASIS),
        currency,
      ),
    };
  }
  const brokenPeriodInterest = brokenPeriod ? brokenPeriod.interest : Money.zero(currency);

  return {
    payoffDate: request.payoffDate,
    outstandingPrincipal: position.outstandingPrincipal,
    interestDue,
    penalty: penalty.outstanding,
    brokenPeriodInterest,
    brokenPeriod,
    interestPaidInAdvance,
    total: position.outstandingPrincipal
      .plus(interestDue)
      .plus(penalty.outstanding)
      .plus(brokenPeriodInterest)
      .minus(interestPaidInAdvance),
  };
}
