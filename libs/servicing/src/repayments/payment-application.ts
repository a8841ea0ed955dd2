import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  allocateRepayment,
  AppliedAmount,
  beijingDate,
  defaultPenaltyAnnualRate,
  DomainError,
  loanPosition,
  Money,
  quotePayoff,
  settleEarly,
} from '@loanflow/domain';
import { LoanEntity, LoanInstallmentEntity } from '@loanflow/persistence';
import { ACCOUNTS, advanceBalance, postApplication, PostingSource } from './loan-accounts';
import { applyToInstallments, readLedger, StoredAllocationLine } from './loan-ledger';

/** What a payment is for: the ordinary schedule, paying off early, or a written-off loan's recovery. */
export type PaymentPurpose = 'repayment' | 'early-settlement' | 'recovery';

export interface PaymentToApply {
  loan: LoanEntity;
  amount: Money;
  /** The day it was received (Beijing). */
  paidOn: string;
  purpose: PaymentPurpose;
  /** Where the money is now: just received (clearing), or held in suspense awaiting confirmation. */
  source: PostingSource;
  /** How much beyond what the whole loan owes is accepted (held, refunded when it settles). */
  overpaymentTolerance: Money;
  memo: string;
}

export interface AppliedPayment {
  txnId: string;
  lines: StoredAllocationLine[];
  applied: AppliedAmount[];
  /** Held in the borrower's advance account: received, not yet due. */
  toAdvance: Money;
  /** Taken from the advance account (an early settlement counts it). */
  fromAdvance: Money;
}

/** A loan's rate and disbursement date, as a payment needs them; refuses a loan that takes none. */
export function paymentTerms(loan: LoanEntity): { annualRate: string; disbursementDate: string } {
  const takesPayments = loan.status === 'disbursed' || loan.status === 'written-off';
  if (!takesPayments || !loan.annualRate || !loan.disbursedAt)
    throw new DomainError(
      'LOAN_NOT_IN_SERVICING',
      `Loan ${loan.id} is ${loan.status}: only a loan being serviced, or a written-off loan in recovery, takes payments.`,
    );
  return { annualRate: loan.annualRate, disbursementDate: beijingDate(loan.disbursedAt) };
}

/** How a payment would apply to the loan as its ledger stands: nothing written yet. */
interface AssessedPayment {
  lines: AppliedAmount[];
  toAdvance: Money;
  fromAdvance: Money;
  /** An early settlement's revised interest of the installments it ends. */
  revisedInterest: { installmentNumber: number; interest: Money }[];
}

/**
 * Judges a payment against the loan's ledger without writing anything: refuses (by field) an
 * amount beyond what the whole loan owes plus the tolerance, or an early settlement that is not
 * the day's payoff. A payment held for confirmation is judged so on the day it is recorded, and
 * again when it is confirmed.
 */
export async function assessPayment(
  manager: EntityManager,
  payment: PaymentToApply,
): Promise<AssessedPayment> {
  const { loan, amount, paidOn, purpose } = payment;
  const terms = paymentTerms(loan);
  const ledger = await readLedger(manager, loan.id);
  const penaltyAnnualRate = defaultPenaltyAnnualRate(terms.annualRate);
  const advance = purpose === 'recovery' ? Money.zero() : await advanceBalance(manager, loan.id);
  if (purpose === 'repayment') {
    const owed = quotePayoff({
      ...ledger,
      payoffDate: paidOn,
      disbursementDate: terms.disbursementDate,
      annualRate: terms.annualRate,
      penaltyAnnualRate,
    }).total.minus(advance);
    if (amount.compare(owed.plus(payment.overpaymentTolerance)) > 0)
      throw invalidField(
        'amount',
        `${amount.toDecimalString()} is more than the whole loan owes on ${paidOn} (${owed.toDecimalString()}${payment.overpaymentTolerance.isZero() ? '' : ` plus a tolerance of ${payment.overpaymentTolerance.toDecimalString()}`}): take the payoff as an early settlement, or return the excess to the payer`,
      );
  }
  if (purpose === 'early-settlement') {
    const settled = settleEarly({
      ...ledger,
      amount: amount.plus(advance),
      payoffDate: paidOn,
      disbursementDate: terms.disbursementDate,
      annualRate: terms.annualRate,
      penaltyAnnualRate,
    });
    return {
      lines: settled.lines,
      toAdvance: Money.zero(),
      fromAdvance: advance,
      revisedInterest: settled.revisedInterest,
    };
  }
  const allocation = allocateRepayment({ ...ledger, amount, paidOn, penaltyAnnualRate });
  let lines = allocation.lines;
  let left = allocation.unapplied;
  if (purpose === 'recovery') {
    // The write-off called the loan in: what is left after everything due goes to the principal
    // not yet due, oldest first (the later months' interest is not owed).
    const position = loanPosition({ ...ledger, asOf: paidOn });
    for (const installment of position.installments) {
      if (left.isZero()) break;
      if (installment.dueDate <= paidOn || installment.principalOutstanding.isZero()) continue;
      const amountToPrincipal =
        left.compare(installment.principalOutstanding) < 0
          ? left
          : installment.principalOutstanding;
      lines = [
        ...lines,
        {
          installmentNumber: installment.number,
          category: 'principal',
          amount: amountToPrincipal,
          paidOn,
        },
      ];
      left = left.minus(amountToPrincipal);
    }
  }
  return { lines, toAdvance: left, fromAdvance: Money.zero(), revisedInterest: [] };
}

/**
 * Applies a payment to the loan inside the caller's transaction (the loan row locked): allocated
 * penalty → interest → principal, the installments' paid amounts moved, and one balanced ledger
 * transaction. A recovery on a written-off loan is credited to the loss allowance and recovery
 * income, not to a receivable the write-off already took off the books.
 */
export async function applyPayment(
  manager: EntityManager,
  payment: PaymentToApply,
): Promise<AppliedPayment> {
  const { loan, amount, purpose } = payment;
  const { lines, toAdvance, fromAdvance, revisedInterest } = await assessPayment(manager, payment);
  for (const { installmentNumber, interest } of revisedInterest)
    await manager.update(
      LoanInstallmentEntity,
      { loanId: loan.id, number: installmentNumber },
      { interestMinor: interest.minorUnits.toString() },
    );
  await applyToInstallments(manager, loan.id, lines);
  const txnId = `RPY-${randomUUID()}`;
  await postApplication(
    manager,
    { txnId, loanId: loan.id, memo: payment.memo },
    { received: amount, fromAdvance, source: payment.source },
    lines,
    toAdvance,
    purpose === 'recovery' ? RECOVERY_CREDITS : undefined,
  );
  return {
    txnId,
    applied: lines,
    lines: lines.map((line) => ({
      installmentNumber: line.installmentNumber,
      category: line.category,
      amount: line.amount.toDecimalString(),
      paidOn: line.paidOn,
    })),
    toAdvance,
    fromAdvance,
  };
}

/** Where a written-off loan's recovery is credited (账销案存): back to the allowance it was taken from. */
const RECOVERY_CREDITS = {
  principal: ACCOUNTS.lossAllowance,
  interest: ACCOUNTS.recoveryIncome,
  penalty: ACCOUNTS.recoveryIncome,
};

/** A refusal naming the field, as the API answers bad input (400). */
export function invalidField(field: string, reason: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${field} ${reason}.`, {
    fieldErrors: [{ field, reasons: [reason] }],
  });
}
