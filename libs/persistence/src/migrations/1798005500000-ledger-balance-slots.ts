import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bank-wide accounts' balances (repayment clearing, interest and penalty income, the loss
 * allowance: every loan's postings share them) kept in slots beside the account. Moving one row's
 * balance locked it until the posting's transaction committed, so every payment in the bank waited
 * for the one before; a posting now moves the slot its loan falls in, and the account's balance is
 * its own column plus its slots. The balances so far stay in the account's column.
 */
export class LedgerBalanceSlots1798005500000 implements MigrationInterface {
  name = 'LedgerBalanceSlots1798005500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ledger_balance_slot (
      account_code VARCHAR(64) NOT NULL,
      slot TINYINT UNSIGNED NOT NULL,
      balance_minor BIGINT NOT NULL,
      PRIMARY KEY (account_code, slot)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE ledger_account a
      JOIN (SELECT account_code, SUM(balance_minor) AS slots FROM ledger_balance_slot GROUP BY account_code) s
        ON s.account_code = a.code
       SET a.balance_minor = a.balance_minor + s.slots`);
    await q.query(`DROP TABLE ledger_balance_slot`);
  }
}
