import { Money } from '../money/money';

/**
 * The trial balance of the bank's loan ledger (试算平衡), checked from the outside: what an auditor
 * would recompute. Every transaction balances; every account's balance is the sum of its entries;
 * each serviced loan's receivable is exactly its outstanding principal (less what was written off,
 * plus what was recovered since: a recovery is credited to the allowance), its advance account holds
 * exactly the money received and not yet applied, and its suspense account exactly the payments
 * awaiting confirmation.
 */
/** A transaction's debits less its credits: zero when it balances. */
export interface TransactionFact {
  txnId: string;
  net: Money;
}

export interface AccountFact {
  code: string;
  /** Debits minus credits, as the account row keeps it. */
  balance: Money;
  /** Debits minus credits of its entries, summed. */
  entries: Money;
}

export interface ServicedLoanFact {
  loanId: string;
  /** Scheduled principal not yet paid, from the servicing position (installments). */
  outstandingPrincipal: Money;
  /** Principal taken off the balance sheet by a write-off (zero when not written off). */
  writtenOffPrincipal: Money;
  /** Principal recovered after the write-off (账销案存): credited to the allowance, not the receivable. */
  recoveredPrincipal: Money;
  /** Money received and held for later installments: received unapplied, less applied and refunded. */
  heldInAdvance: Money;
  /** Staff-recorded payments awaiting a second person's confirmation. */
  heldInSuspense: Money;
}

export interface TrialBalanceProblem {
  check:
    | 'transaction-balances'
    | 'account-balance'
    | 'loan-receivable'
    | 'loan-advance'
    | 'loan-suspense';
  subject: string;
  message: string;
}

export const loanAccountCode = (loanId: string): string => `LOAN:${loanId}`;
export const advanceAccountCode = (loanId: string): string => `ADV:${loanId}`;
export const suspenseAccountCode = (loanId: string): string => `SUSP:${loanId}`;

export function trialBalanceProblems(input: {
  transactions: readonly TransactionFact[];
  accounts: readonly AccountFact[];
  loans: readonly ServicedLoanFact[];
}): TrialBalanceProblem[] {
  const problems: TrialBalanceProblem[] = [];
  for (const { txnId, net } of input.transactions)
    if (!net.isZero())
      problems.push({
        check: 'transaction-balances',
        subject: txnId,
        message: `transaction ${txnId} does not balance: debits exceed credits by ${net.toDecimalString()}`,
      });
  const balances = new Map(input.accounts.map((account) => [account.code, account.balance]));
  for (const account of input.accounts)
    if (account.entries.compare(account.balance) !== 0)
      problems.push({
        check: 'account-balance',
        subject: account.code,
        message: `account ${account.code} shows ${account.balance.toDecimalString()} but its entries sum to ${account.entries.toDecimalString()}`,
      });
  for (const loan of input.loans) {
    const receivable = balances.get(loanAccountCode(loan.loanId)) ?? Money.zero();
    const expected = loan.outstandingPrincipal
      .minus(loan.writtenOffPrincipal)
      .plus(loan.recoveredPrincipal);
    if (receivable.compare(expected) !== 0)
      problems.push({
        check: 'loan-receivable',
        subject: loan.loanId,
        message: `loan ${loan.loanId}: the receivable is ${receivable.toDecimalString()} but ${expected.toDecimalString()} of principal is outstanding${loan.writtenOffPrincipal.isZero() ? '' : ` after ${loan.writtenOffPrincipal.toDecimalString()} written off and ${loan.recoveredPrincipal.toDecimalString()} recovered`}`,
      });
    // The advance account is the borrower's money: a credit balance.
    const advance = (balances.get(advanceAccountCode(loan.loanId)) ?? Money.zero()).negate();
    if (advance.compare(loan.heldInAdvance) !== 0)
      problems.push({
        check: 'loan-advance',
        subject: loan.loanId,
        message: `loan ${loan.loanId}: the advance account holds ${advance.toDecimalString()} but ${loan.heldInAdvance.toDecimalString()} was received and not yet applied or refunded`,
      });
    const suspense = (balances.get(suspenseAccountCode(loan.loanId)) ?? Money.zero()).negate();
    if (suspense.compare(loan.heldInSuspense) !== 0)
      problems.push({
        check: 'loan-suspense',
        subject: loan.loanId,
        message: `loan ${loan.loanId}: the suspense account holds ${suspense.toDecimalString()} but ${loan.heldInSuspense.toDecimalString()} of payments await confirmation`,
      });
  }
  return problems;
}

/**
 * What a loan holds in advance from its payments: every yuan received less every yuan applied to
 * the schedule, less refunds paid. (A payment applies what was due and keeps the rest; an early
 * settlement or an application of the advance applies more than it receives.)
 */
export function heldInAdvance(
  payments: readonly { received: Money; applied: Money }[],
  refunded: Money,
): Money {
  return payments
    .reduce((sum, payment) => sum.plus(payment.received).minus(payment.applied), Money.zero())
    .minus(refunded);
}
