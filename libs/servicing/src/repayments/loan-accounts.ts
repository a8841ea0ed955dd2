import { EntityManager } from 'typeorm';
import { AppliedAmount, advanceAccountCode, loanAccountCode, Money } from '@loanflow/domain';
import { LedgerAccountRef, postTransaction, Posting } from '@loanflow/adapters';
import { LedgerAccountEntity } from '@loanflow/persistence';

/** The accounts money received for a loan moves through. */
export const ACCOUNTS = {
  repaymentClearing: { code: 'CLR:REPAYMENT', name: 'Repayment clearing', kind: 'clearing' },
  refundClearing: { code: 'CLR:REFUND', name: 'Refunds paid out', kind: 'clearing' },
  interestIncome: { code: 'INCOME:INTEREST', name: 'Interest income', kind: 'clearing' },
  penaltyIncome: { code: 'INCOME:PENALTY', name: 'Penalty interest income', kind: 'clearing' },
  receivable: (loanId: string): LedgerAccountRef => ({
    code: loanAccountCode(loanId),
    name: `Loan ${loanId}`,
    kind: 'asset',
  }),
  /** The borrower's money held for installments not yet due (预收款): the bank owes it to them. */
  advance: (loanId: string): LedgerAccountRef => ({
    code: advanceAccountCode(loanId),
    name: `Advance of loan ${loanId}`,
    kind: 'customer',
  }),
} as const satisfies Record<string, LedgerAccountRef | ((loanId: string) => LedgerAccountRef)>;

/** Where each allocated category is credited. */
function creditFor(loanId: string, category: AppliedAmount['category']): LedgerAccountRef {
  if (category === 'principal') return ACCOUNTS.receivable(loanId);
  return category === 'interest' ? ACCOUNTS.interestIncome : ACCOUNTS.penaltyIncome;
}

/** What the borrower has in advance now (the account's credit balance), zero when none. */
export async function advanceBalance(manager: EntityManager, loanId: string): Promise<Money> {
  const account = await manager.findOneBy(LedgerAccountEntity, {
    code: advanceAccountCode(loanId),
  });
  return account ? Money.ofMinor(account.balanceMinor).negate() : Money.zero();
}

/**
 * Posts money applied to a loan in one balanced transaction: debited from where it came (what was
 * received, and what the advance account gave), credited to the receivable, interest and penalty
 * as allocated, and what is left over to the advance account. Every yuan received is on the ledger.
 */
export async function postApplication(
  manager: EntityManager,
  txn: { txnId: string; loanId: string; memo: string },
  sources: { received: Money; fromAdvance: Money },
  lines: readonly Pick<AppliedAmount, 'category' | 'amount'>[],
  toAdvance: Money,
): Promise<void> {
  const { loanId } = txn;
  const postings: Posting[] = [];
  if (!sources.received.isZero())
    postings.push({ account: ACCOUNTS.repaymentClearing, side: 'debit', amount: sources.received });
  if (!sources.fromAdvance.isZero())
    postings.push({
      account: ACCOUNTS.advance(loanId),
      side: 'debit',
      amount: sources.fromAdvance,
    });
  for (const line of lines)
    if (!line.amount.isZero())
      postings.push({
        account: creditFor(loanId, line.category),
        side: 'credit',
        amount: line.amount,
      });
  if (!toAdvance.isZero())
    postings.push({ account: ACCOUNTS.advance(loanId), side: 'credit', amount: toAdvance });
  await postTransaction(manager, txn, postings);
}
