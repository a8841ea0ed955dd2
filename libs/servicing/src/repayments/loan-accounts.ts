import { EntityManager } from 'typeorm';
import {
  AppliedAmount,
  advanceAccountCode,
  loanAccountCode,
  Money,
  suspenseAccountCode,
} from '@loanflow/domain';
import { LedgerAccountRef, postTransaction, Posting } from '@loanflow/adapters';
import { LedgerAccountEntity } from '@loanflow/persistence';

/** The accounts money received for a loan moves through. */
export const ACCOUNTS = {
  repaymentClearing: { code: 'CLR:REPAYMENT', name: 'Repayment clearing', kind: 'clearing' },
  refundClearing: { code: 'CLR:REFUND', name: 'Refunds paid out', kind: 'clearing' },
  lossAllowance: { code: 'ALLOWANCE:LOAN-LOSS', name: 'Loan-loss allowance', kind: 'clearing' },
  recoveryIncome: {
    code: 'INCOME:RECOVERY',
    name: 'Interest recovered on written-off loans',
    kind: 'clearing',
  },
  interestIncome: { code: 'INCOME:INTEREST', name: 'Interest income', kind: 'clearing' },
  penaltyIncome: { code: 'INCOME:PENALTY', name: 'Penalty interest income', kind: 'clearing' },
  receivable: (loanId: string): LedgerAccountRef => ({
    code: loanAccountCode(loanId),
    name: `Loan ${loanId}`,
    kind: 'asset',
  }),
  /** Money received and not yet counted: a payment waiting for a second person's confirmation. */
  suspense: (loanId: string): LedgerAccountRef => ({
    code: suspenseAccountCode(loanId),
    name: `Payments awaiting confirmation on loan ${loanId}`,
    kind: 'customer',
  }),
  /** The borrower's money held for installments not yet due (预收款): the bank owes it to them. */
  advance: (loanId: string): LedgerAccountRef => ({
    code: advanceAccountCode(loanId),
    name: `Advance of loan ${loanId}`,
    kind: 'customer',
  }),
} as const satisfies Record<string, LedgerAccountRef | ((loanId: string) => LedgerAccountRef)>;

type Credits = Record<AppliedAmount['category'], LedgerAccountRef>;

/** Where each allocated category is credited, for a loan on the books. */
function creditsFor(loanId: string): Credits {
  return {
    principal: ACCOUNTS.receivable(loanId),
    interest: ACCOUNTS.interestIncome,
    penalty: ACCOUNTS.penaltyIncome,
  };
}

/** Where money applied to a loan comes from: just received, or out of suspense once confirmed. */
export type PostingSource = 'clearing' | 'suspense';

/** What the borrower has in advance now (the account's credit balance), zero when none. */
export async function advanceBalance(manager: EntityManager, loanId: string): Promise<Money> {
  const account = await manager.findOneBy(LedgerAccountEntity, {
    code: advanceAccountCode(loanId),
  });
  return account ? Money.ofMinor(account.balanceMinor).negate() : Money.zero();
}

/**
 * Posts money applied to a loan in one balanced transaction: debited from where it came (received,
 * or held in suspense, and what the advance account gave), credited to the receivable, interest and
 * penalty as allocated (or other accounts, for a written-off loan's recovery), and what is left
 * over to the advance account. Every yuan received is on the ledger.
 */
export async function postApplication(
  manager: EntityManager,
  txn: { txnId: string; loanId: string; memo: string },
  sources: { received: Money; fromAdvance: Money; source?: PostingSource },
  lines: readonly Pick<AppliedAmount, 'category' | 'amount'>[],
  toAdvance: Money,
  credits: Credits = creditsFor(txn.loanId),
): Promise<void> {
  const { loanId } = txn;
  const postings: Posting[] = [];
  const from =
    sources.source === 'suspense' ? ACCOUNTS.suspense(loanId) : ACCOUNTS.repaymentClearing;
  if (!sources.received.isZero())
    postings.push({ account: from, side: 'debit', amount: sources.received });
  if (!sources.fromAdvance.isZero())
    postings.push({
      account: ACCOUNTS.advance(loanId),
      side: 'debit',
      amount: sources.fromAdvance,
    });
  for (const line of lines)
    if (!line.amount.isZero())
      postings.push({ account: credits[line.category], side: 'credit', amount: line.amount });
  if (!toAdvance.isZero())
    postings.push({ account: ACCOUNTS.advance(loanId), side: 'credit', amount: toAdvance });
  await postTransaction(manager, txn, postings);
}

/** Money received and held until a second person confirms it (or returned if they reject it). */
export async function postToSuspense(
  manager: EntityManager,
  txn: { txnId: string; loanId: string; memo: string },
  amount: Money,
  direction: 'hold' | 'return',
): Promise<void> {
  const suspense = ACCOUNTS.suspense(txn.loanId);
  await postTransaction(manager, txn, [
    {
      account: ACCOUNTS.repaymentClearing,
      side: direction === 'hold' ? 'debit' : 'credit',
      amount,
    },
    { account: suspense, side: direction === 'hold' ? 'credit' : 'debit', amount },
  ]);
}
