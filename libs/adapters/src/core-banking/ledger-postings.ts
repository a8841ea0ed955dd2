import { EntityManager } from 'typeorm';
import { Money, spreadOver } from '@loanflow/domain';
import { insertRows, LedgerAccountEntity, LedgerEntryEntity } from '@loanflow/persistence';

export interface LedgerAccountRef {
  code: string;
  name: string;
  /** `clearing`: a bank-wide account every loan's postings share, its balance kept in slots. */
  kind: LedgerAccountEntity['kind'];
}

/** How many slots a bank-wide account's balance is kept in (a posting moves its loan's). */
export const BALANCE_SLOTS = 16;

export interface Posting {
  account: LedgerAccountRef;
  side: 'debit' | 'credit';
  amount: Money;
}

/**
 * Writes one balanced transaction in the caller's transaction: accounts opened on first use, one
 * entry per posting, balances moved (debits add, credits subtract). Refuses an unbalanced one.
 * A loan's own accounts move their row; a bank-wide account moves the slot the loan falls in and
 * never locks its row, so payments on different loans do not wait for each other's commit there.
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
  if (postings.length === 0) return;
  for (const { account, side, amount } of postings) {
    const movement = (side === 'debit' ? amount : amount.negate()).minorUnits.toString();
    if (account.kind === 'clearing') {
      await openSharedAccount(manager, account);
      await manager.query(
        `INSERT INTO ledger_balance_slot (account_code, slot, balance_minor) VALUES (?, ?, ?)
         ON DUPLICATE KEY UPDATE balance_minor = balance_minor + VALUES(balance_minor)`,
        [account.code, spreadOver(txn.loanId, BALANCE_SLOTS), movement],
      );
    } else
      // Opened on first use and moved in the same statement.
      await manager.query(
        `INSERT INTO ledger_account (code, name, kind, currency, balance_minor) VALUES (?, ?, ?, 'CNY', CAST(? AS SIGNED))
         ON DUPLICATE KEY UPDATE balance_minor = balance_minor + VALUES(balance_minor)`,
        [account.code, account.name, account.kind, movement],
      );
  }
  // The entries in one statement, once every account they name exists; not read back: nothing
  // here needs an entry's id or posting time.
  await insertRows(
    manager,
    LedgerEntryEntity,
    postings.map(({ account, side, amount }) => ({
      txnId: txn.txnId,
      accountCode: account.code,
      side,
      amountMinor: amount.minorUnits.toString(),
      loanId: txn.loanId,
      memo: txn.memo,
    })),
  );
}

/**
 * Opens a bank-wide account the first time it is used without locking it afterwards: a plain read
 * finds it (no lock), and only a missing one is inserted (`IGNORE`: two first users both succeed).
 */
async function openSharedAccount(manager: EntityManager, account: LedgerAccountRef): Promise<void> {
  const found = await manager.query<unknown[]>(`SELECT 1 FROM ledger_account WHERE code = ?`, [
    account.code,
  ]);
  if (found.length > 0) return;
  await manager.query(
    `INSERT IGNORE INTO ledger_account (code, name, kind, currency, balance_minor) VALUES (?, ?, ?, 'CNY', 0)`,
    [account.code, account.name, account.kind],
  );
}
