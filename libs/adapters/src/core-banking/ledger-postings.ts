import { EntityManager } from 'typeorm';
import { Money } from '@loanflow/domain';
import { LedgerAccountEntity, LedgerEntryEntity } from '@loanflow/persistence';

export interface LedgerAccountRef {
  code: string;
  name: string;
  kind: LedgerAccountEntity['kind'];
}

export interface Posting {
  account: LedgerAccountRef;
  side: 'debit' | 'credit';
  amount: Money;
}

/**
 * Writes one balanced transaction in the caller's transaction: accounts opened on first use, one
 * entry per posting, balances moved (debits add, credits subtract). Refuses an unbalanced one.
 */
export async function postTransaction(
  manager: EntityManager,
  txn: { txnId: string; loanId: string; memo: string },
  postings: Posting[],
): Promise<void> {
  const net = postings.reduce(
    (sum, posting) =>
      posting.side === 'debit' ? sum.plus(posting.amount) : sum.minus(posting.amount),
    Money.zero(),
  );
  if (!net.isZero())
    throw new Error(`transaction ${txn.txnId} does not balance (${net.toDecimalString()})`);
  for (const { account, side, amount } of postings) {
    await manager.query(
      `INSERT INTO ledger_account (code, name, kind, currency, balance_minor) VALUES (?, ?, ?, 'CNY', 0)
       ON DUPLICATE KEY UPDATE code = code`,
      [account.code, account.name, account.kind],
    );
    await manager.insert(LedgerEntryEntity, {
      txnId: txn.txnId,
      accountCode: account.code,
      side,
      amountMinor: amount.minorUnits.toString(),
      loanId: txn.loanId,
      memo: txn.memo,
    });
    await manager.query(
      `UPDATE ledger_account SET balance_minor = balance_minor ${side === 'debit' ? '+' : '-'} ? WHERE code = ?`,
      [amount.minorUnits.toString(), account.code],
    );
  }
}
