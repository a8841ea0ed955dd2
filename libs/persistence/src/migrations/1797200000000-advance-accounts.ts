import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money received before advance accounts existed: a repayment larger than what was due posted only
 * the part applied, and the rest was on no account. Each such remainder is posted now, as it would
 * have been (clearing debited, the borrower's advance account credited), in a transaction naming
 * the repayment, so the trial balance holds every yuan received.
 */
export class AdvanceAccounts1797200000000 implements MigrationInterface {
  name = 'AdvanceAccounts1797200000000';

  async up(q: QueryRunner): Promise<void> {
    const missing = (await q.query(
      `SELECT r.id, r.loan_id AS loanId, CAST(r.unapplied_minor AS CHAR) AS unapplied
         FROM repayment r
        WHERE r.unapplied_minor > 0 AND r.channel <> 'advance'
          AND NOT EXISTS (SELECT 1 FROM ledger_entry e
                           WHERE e.txn_id IN (r.txn_id, CONCAT('FIX-ADV-', r.id))
                             AND e.account_code = CONCAT('ADV:', r.loan_id))`,
    )) as { id: string; loanId: string; unapplied: string }[];
    for (const row of missing) {
      const txnId = `FIX-ADV-${row.id}`;
      const advance = `ADV:${row.loanId}`;
      await q.query(
        `INSERT INTO ledger_account (code, name, kind, currency, balance_minor) VALUES
           ('CLR:REPAYMENT', 'Repayment clearing', 'clearing', 'CNY', 0), (?, ?, 'customer', 'CNY', 0)
         ON DUPLICATE KEY UPDATE code = code`,
        [advance, `Advance of loan ${row.loanId}`],
      );
      await q.query(
        `INSERT INTO ledger_entry (txn_id, account_code, side, amount_minor, loan_id, memo, posted_at) VALUES
           (?, 'CLR:REPAYMENT', 'debit', ?, ?, ?, NOW(3)), (?, ?, 'credit', ?, ?, ?, NOW(3))`,
        [
          txnId,
          row.unapplied,
          row.loanId,
          `repayment ${row.id}: received, not yet due, posted to the advance account`,
          txnId,
          advance,
          row.unapplied,
          row.loanId,
          `repayment ${row.id}: received, not yet due, posted to the advance account`,
        ],
      );
      await q.query(
        `UPDATE ledger_account SET balance_minor = balance_minor + ? WHERE code = 'CLR:REPAYMENT'`,
        [row.unapplied],
      );
      await q.query(`UPDATE ledger_account SET balance_minor = balance_minor - ? WHERE code = ?`, [
        row.unapplied,
        advance,
      ]);
    }
  }

  async down(): Promise<void> {
    // Postings are never taken back: a ledger is corrected by new entries, not by deleting old ones.
  }
}
