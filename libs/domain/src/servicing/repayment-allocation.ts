import { itemAt } from '../collections/item-at';
import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';
import { loanPosition } from './loan-position';
import { accruePenaltyInterest } from './penalty-interest';
import {
  AppliedAmount,
  AppliedCategory,
  checkedDay,
  checkLedger,
  ServicingLedger,
  sumMoney,
} from './servicing-input';

/**
 * Allocation of a repayment (还款冲销顺序) to what the borrower owes on the day it is received.
 *
 * Order: penalty interest, then interest, then principal (先罚息、再利息、后本金). The Civil Code
 * (民法典 art. 561) puts interest before principal where a payment falls short, and banks' loan
 * contracts put penalty interest ahead of contract interest for overdue loans; within each
 * category the oldest installment goes first. Exactly:
 *
 * 1. the outstanding penalty interest of every installment, by due date;
 * 2. the outstanding interest of every installment due on or before the payment date, by due
 *    date;
 * 3. the outstanding principal of those same installments, by due date.
 *
 * So an older installment's principal waits for a younger one's interest: the bank collects
 * income first and leaves the principal, which keeps bearing penalty, for last.
 *
 * Only what is due is allocated. An installment that falls due later is not paid ahead: what is
 * left once everything due is covered is returned as `unapplied` for the caller to refund or to
 * hold until the next due date. Early full settlement (提前结清) is a separate act, quoted by
 * payoff.
 *
 * Payments are allocated in date order: a payment dated before one already applied would be
 * allocated against amounts that the later one has paid, so it is refused.
 */
export const ALLOCATION_ORDER: readonly AppliedCategory[] = ['penalty', 'interest', 'principal'];

export interface RepaymentRequest extends ServicingLedger {
  amount: Money;
  /** YYYY-MM-DD, the day the payment was received. */
  paidOn: string;
  /** Decimal fraction, to accrue the penalty owed on paidOn. */
  penaltyAnnualRate: string;
}

export interface RepaymentAllocation {
  paidOn: string;
  amount: Money;
  /** Everything due on paidOn before this payment: penalty, interest and principal. */
  due: Money;
  /** In allocation order; ready to be appended to the ledger. */
  lines: AppliedAmount[];
  applied: Money;
  /** What is left after everything due is paid. */
  unapplied: Money;
}

export function allocateRepayment(request: RepaymentRequest): RepaymentAllocation {
  const { amount, paidOn } = request;
  const refuse = (message: string): never => {
    throw new DomainError('REPAYMENT_INVALID', message, { paidOn });
  };
  if (amount.isNegative() || amount.isZero()) {
    refuse(`a repayment must be a positive amount, got ${amount.toDecimalString()}`);
  }
  const paidDay = checkedDay(paidOn, 'paidOn', 'REPAYMENT_INVALID');
  const ledger = checkLedger(request);
  const later = ledger.applied.find((line) => line.paidDay > paidDay);
  if (later) {
    refuse(`a payment on ${later.paidOn} is already applied; ${paidOn} comes before it`);
  }
  const { currency } = ledger;
  if (amount.currency !== currency) {
    refuse(`the loan is in ${currency}, the payment in ${amount.currency}`);
  }

  const position = loanPosition({ ...request, asOf: paidOn });
  const penalty = accruePenaltyInterest({ ...request, asOf: paidOn });
  const dueInstallments = position.installments.filter(
    (_installment, index) => itemAt(ledger.installments, index, 'the ledger').dueDay <= paidDay,
  );
  const owedIn: Record<AppliedCategory, Omit<AppliedAmount, 'paidOn'>[]> = {
    penalty: penalty.installments.map((installment) => ({
      installmentNumber: installment.installmentNumber,
      category: 'penalty',
      amount: installment.outstanding,
    })),
    interest: dueInstallments.map((installment) => ({
      installmentNumber: installment.number,
      category: 'interest',
      amount: installment.interestOutstanding,
    })),
    principal: dueInstallments.map((installment) => ({
      installmentNumber: installment.number,
      category: 'principal',
      amount: installment.principalOutstanding,
    })),
  };
  const owed = ALLOCATION_ORDER.flatMap((category) => owedIn[category]).filter(
    (item) => !item.amount.isZero(),
  );

  const lines: AppliedAmount[] = [];
  let left = amount;
  for (const item of owed) {
    if (left.isZero()) break;
    const paid = item.amount.compare(left) <= 0 ? item.amount : left;
    lines.push({ ...item, amount: paid, paidOn });
    left = left.minus(paid);
  }
  return {
    paidOn,
    amount,
    due: sumMoney(
      owed.map((item) => item.amount),
      currency,
    ),
    lines,
    applied: amount.minus(left),
    unapplied: left,
  };
}
