import { formatIsoDate, fromEpochDay } from '../calendar/calendar-date';
import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';
import {
  checkedDay,
  checkedRate,
  checkLedger,
  DAILY_RATE_BASIS,
  Exact,
  exactMinor,
  ServicingLedger,
  sumMoney,
  toFen,
} from './servicing-input';

/**
 * Overdue penalty interest (逾期罚息) on overdue principal.
 *
 * - Rate: `penaltyAnnualRate`, a decimal fraction. Banks commonly charge the contract rate plus
 *   50% (the PBoC's rule for overdue loans, 银发〔2003〕251号, allowed 30%–50% on top of the
 *   contract rate), which `defaultPenaltyAnnualRate` gives; the contract may say otherwise, so
 *   the rate is a parameter.
 * - Day count actual/360: the daily rate is the annual rate ÷ 360, as the PBoC's interest rules
 *   (人民币利率管理规定) fix for Renminbi loans, counted over actual calendar days.
 * - Days: from the day after the due date to the day of payment, both included (the due date
 *   itself is not overdue, the day of payment is): a principal paid on day t stops accruing
 *   after day t. So an installment `asOf − dueDate` days past due has accrued that many days,
 *   the same count as days past due.
 * - Base: the installment's principal still outstanding each day. Principal paid before or on
 *   the due date lowers the base from the start; each later payment of principal opens a new
 *   span with the lower base.
 * - Rounding: one span is one installment over the days between two principal payments (or the
 *   due date, or asOf) on an unchanged base; its penalty is principal × rate × days ÷ 360,
 *   computed exactly and rounded half-up to the fen once. Rounding per day instead would add up
 *   to a fen a day in the bank's favour.
 * - Not charged here: compound interest on overdue interest (复利); contracts that provide for
 *   it need a rule of their own.
 *
 * Only payments made on or before `asOf` count.
 */
export const PENALTY_RATE_MARKUP = '1.5';

const RATE_INVALID = 'PENALTY_RATE_INVALID';

/** The contract rate × 1.5, as a decimal fraction string ("0.12" → "0.18"). */
export function defaultPenaltyAnnualRate(contractAnnualRate: string): string {
  return checkedRate(contractAnnualRate, 'contractAnnualRate', RATE_INVALID)
    .times(PENALTY_RATE_MARKUP)
    .toFixed();
}

export interface PenaltyRequest extends ServicingLedger {
  /** Decimal fraction: "0.18" is 18% a year. */
  penaltyAnnualRate: string;
  /** YYYY-MM-DD: penalty accrues up to and including this day. */
  asOf: string;
}

/** Days on one unchanged overdue principal. */
export interface PenaltySpan {
  /** First day accrued, YYYY-MM-DD. */
  from: string;
  /** Last day accrued (included), YYYY-MM-DD. */
  to: string;
  days: number;
  principal: Money;
  penalty: Money;
}

export interface InstallmentPenalty {
  installmentNumber: number;
  dueDate: string;
  accrued: Money;
  /** Penalty paid on or before asOf. */
  paid: Money;
  outstanding: Money;
  spans: PenaltySpan[];
}

export interface PenaltyAccrual {
  asOf: string;
  penaltyAnnualRate: string;
  /** Every installment, in number order; those never overdue have no spans and zero amounts. */
  installments: InstallmentPenalty[];
  accrued: Money;
  paid: Money;
  outstanding: Money;
}

export function accruePenaltyInterest(request: PenaltyRequest): PenaltyAccrual {
  const ledger = checkLedger(request);
  const rate = checkedRate(request.penaltyAnnualRate, 'penaltyAnnualRate', RATE_INVALID);
  const asOfDay = checkedDay(request.asOf, 'asOf', 'SERVICING_INPUT_INVALID');
  const { currency } = ledger;
  const paidSoFar = ledger.applied.filter((line) => line.paidDay <= asOfDay);

  const installments = ledger.installments.map((installment): InstallmentPenalty => {
    const lines = paidSoFar.filter((line) => line.installmentNumber === installment.number);
    const principalPayments = lines
      .filter((line) => line.category === 'principal')
      .sort((a, b) => a.paidDay - b.paidDay);

    const spans: PenaltySpan[] = [];
    let base = installment.principal;
    let lastAccrued = installment.dueDay;
    const accrueTo = (day: number) => {
      if (day <= lastAccrued) return;
      if (!base.isZero()) {
        const days = day - lastAccrued;
        const penalty = toFen(
          exactMinor(base).times(rate).times(days).dividedBy(DAILY_RATE_BASIS),
          currency,
        );
        spans.push({
          from: formatIsoDate(fromEpochDay(lastAccrued + 1)),
          to: formatIsoDate(fromEpochDay(day)),
          days,
          principal: base,
          penalty,
        });
      }
      lastAccrued = day;
    };
    for (const payment of principalPayments) {
      accrueTo(payment.paidDay);
      base = base.minus(payment.amount);
      if (base.isNegative()) {
        throw new DomainError(
          'SERVICING_INPUT_INVALID',
          `installment ${installment.number}: more principal was applied than it owes`,
          { field: 'applied', installmentNumber: installment.number },
        );
      }
    }
    accrueTo(asOfDay);

    const accrued = sumMoney(
      spans.map((span) => span.penalty),
      currency,
    );
    const paid = sumMoney(
      lines.filter((line) => line.category === 'penalty').map((line) => line.amount),
      currency,
    );
    const outstanding = accrued.minus(paid);
    if (outstanding.isNegative()) {
      throw new DomainError(
        'SERVICING_INPUT_INVALID',
        `installment ${installment.number}: ${paid.toDecimalString()} of penalty was paid ` +
          `but only ${accrued.toDecimalString()} had accrued by ${request.asOf}`,
        { field: 'applied', installmentNumber: installment.number },
      );
    }
    return {
      installmentNumber: installment.number,
      dueDate: installment.dueDate,
      accrued,
      paid,
      outstanding,
      spans,
    };
  });

  const total = (pick: (installment: InstallmentPenalty) => Money) =>
    sumMoney(installments.map(pick), currency);
  return {
    asOf: request.asOf,
    penaltyAnnualRate: new Exact(rate).toFixed(),
    installments,
    accrued: total((installment) => installment.accrued),
    paid: total((installment) => installment.paid),
    outstanding: total((installment) => installment.outstanding),
  };
}
