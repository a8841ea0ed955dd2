import { itemAt } from '../collections/item-at';
import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';
import { checkedDay, checkLedger, ServicingLedger, sumMoney } from './servicing-input';

/**
 * The loan's position (贷款状态) on a day: per installment what is paid and still owed of
 * principal and interest, the arrears, days past due, the principal the whole loan still owes,
 * and the next installment to fall due.
 *
 * - Only amounts paid on or before `asOf` count, so the same ledger answers for any past day.
 * - An installment is overdue (逾期) when something of it is outstanding and its due date is
 *   before `asOf`: one due today is due, not overdue, until the day ends.
 * - Days past due (DPD) are counted from the earliest overdue installment's due date:
 *   `asOf − dueDate` in calendar days, so the day after the due date is day 1. Partial payments
 *   do not restart the count; only clearing that installment moves it to the next unpaid one.
 * - Penalty interest is not part of the position: it depends on a rate and on the history of
 *   payments, and is computed by penalty-interest.
 */
export interface InstallmentState {
  number: number;
  /** YYYY-MM-DD */
  dueDate: string;
  principalDue: Money;
  interestDue: Money;
  principalPaid: Money;
  interestPaid: Money;
  principalOutstanding: Money;
  interestOutstanding: Money;
  /** Something outstanding and the due date before asOf. */
  overdue: boolean;
  /** asOf − dueDate while overdue, else 0. */
  daysOverdue: number;
}

export interface LoanPosition {
  /** YYYY-MM-DD */
  asOf: string;
  /** In installment number order. */
  installments: InstallmentState[];
  /** Numbers of the overdue installments, oldest first. */
  overdueInstallments: number[];
  overduePrincipal: Money;
  overdueInterest: Money;
  /** 0 when nothing is overdue. */
  daysPastDue: number;
  /** Principal the whole loan still owes, due or not. */
  outstandingPrincipal: Money;
  /** The first installment due on or after asOf with something outstanding. */
  nextDue: InstallmentState | null;
  /** Nothing of principal or interest is outstanding. */
  settled: boolean;
}

export interface PositionRequest extends ServicingLedger {
  /** YYYY-MM-DD */
  asOf: string;
}

export function loanPosition(request: PositionRequest): LoanPosition {
  const ledger = checkLedger(request);
  const asOfDay = checkedDay(request.asOf, 'asOf', 'SERVICING_INPUT_INVALID');
  const { currency } = ledger;
  const paidSoFar = ledger.applied.filter((line) => line.paidDay <= asOfDay);
  const paid = (installmentNumber: number, category: 'principal' | 'interest') =>
    sumMoney(
      paidSoFar
        .filter(
          (line) => line.installmentNumber === installmentNumber && line.category === category,
        )
        .map((line) => line.amount),
      currency,
    );

  const installments = ledger.installments.map((installment): InstallmentState => {
    const principalPaid = paid(installment.number, 'principal');
    const interestPaid = paid(installment.number, 'interest');
    const principalOutstanding = installment.principal.minus(principalPaid);
    const interestOutstanding = installment.interest.minus(interestPaid);
    if (principalOutstanding.isNegative() || interestOutstanding.isNegative()) {
      throw new DomainError(
        'SERVICING_INPUT_INVALID',
        `installment ${installment.number}: more was applied than it owes`,
        { field: 'applied', installmentNumber: installment.number },
      );
    }
    const owes = !principalOutstanding.isZero() || !interestOutstanding.isZero();
    const overdue = owes && installment.dueDay < asOfDay;
    return {
      number: installment.number,
      dueDate: installment.dueDate,
      principalDue: installment.principal,
      interestDue: installment.interest,
      principalPaid,
      interestPaid,
      principalOutstanding,
      interestOutstanding,
      overdue,
      daysOverdue: overdue ? asOfDay - installment.dueDay : 0,
    };
  });

  const overdue = installments.filter((installment) => installment.overdue);
  return {
    asOf: request.asOf,
    installments,
    overdueInstallments: overdue.map((installment) => installment.number),
    overduePrincipal: sumMoney(
      overdue.map((installment) => installment.principalOutstanding),
      currency,
    ),
    overdueInterest: sumMoney(
      overdue.map((installment) => installment.interestOutstanding),
      currency,
    ),
    daysPastDue: overdue[0]?.daysOverdue ?? 0,
    outstandingPrincipal: sumMoney(
      installments.map((installment) => installment.principalOutstanding),
      currency,
    ),
    nextDue:
      installments.find(
        (installment, index) =>
          itemAt(ledger.installments, index, 'the ledger').dueDay >= asOfDay &&
          hasOutstanding(installment),
      ) ?? null,
    settled: installments.every((installment) => !hasOutstanding(installment)),
  };
}

/** Where an installment stands on the position's day. */
export type ScheduleStanding = 'paid' | 'overdue' | 'due';

/**
 * Paid when nothing of it is outstanding; overdue when something is and its due day has passed
 * (the same test the position's days past due and overdue amounts use); otherwise not yet due.
 */
export function scheduleStanding(installment: InstallmentState): ScheduleStanding {
  if (!hasOutstanding(installment)) return 'paid';
  return installment.overdue ? 'overdue' : 'due';
}

export function hasOutstanding(installment: InstallmentState): boolean {
  return !installment.principalOutstanding.isZero() || !installment.interestOutstanding.isZero();
}
