import { MigrationInterface, QueryRunner } from 'typeorm';

/** An installment with principal or interest still owed (penalty is not part of "overdue"). */
const OWED = (row: 'NEW' | 'OLD' | 'i') =>
  `(${row}.principal_paid_minor < ${row}.principal_minor OR ${row}.interest_paid_minor < ${row}.interest_minor)`;

/** The loan's own columns the figures group and scope by, copied into its position. */
const LOAN_COLUMNS = 'status, classification, branch_code';

/**
 * Recomputes one loan's position from its installments and the loan, in place (an upsert: the
 * row's index entries move only if its values do); no row when it has none left.
 */
const RECOMPUTE = (loanId: string) => `
  INSERT INTO loan_position (loan_id, ${LOAN_COLUMNS}, outstanding_principal_minor, first_unpaid_due_date)
    SELECT l.id, l.status, l.classification, l.branch_code,
           SUM(i.principal_minor - i.principal_paid_minor),
           MIN(CASE WHEN ${OWED('i')} THEN i.due_date END)
      FROM loan l JOIN loan_installment i ON i.loan_id = l.id
     WHERE l.id = ${loanId}
     GROUP BY l.id, l.status, l.classification, l.branch_code
  ON DUPLICATE KEY UPDATE
    status = VALUES(status), classification = VALUES(classification),
    branch_code = VALUES(branch_code),
    outstanding_principal_minor = VALUES(outstanding_principal_minor),
    first_unpaid_due_date = VALUES(first_unpaid_due_date);
  DELETE FROM loan_position
   WHERE loan_id = ${loanId}
     AND NOT EXISTS (SELECT 1 FROM loan_installment i WHERE i.loan_id = ${loanId});`;

/**
 * Each serviced loan's position kept as its installments change: the principal outstanding and the
 * due date of its earliest installment with something owed, beside the loan's status,
 * classification and branch. What depends on the day asked (overdue or not, days past due, the
 * bucket, the overdue principal) follows from these and the few overdue loans' installments, so
 * today's portfolio figures are one grouped read of an index of this table rather than a scan of
 * every installment.
 *
 * Kept by triggers, so that every path that writes a schedule, a payment or a loan's status or
 * classification (disbursement, repayments, prepayments, restructurings, acceleration,
 * classification, write-off, and data loaded by SQL) keeps it, not only the paths that remember to.
 * An installment inserted adds to the row; one updated or deleted recomputes the loan's row from its
 * installments (a dozen rows by primary key).
 */
export class LoanPositions1798005300000 implements MigrationInterface {
  name = 'LoanPositions1798005300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE loan_position (
      loan_id VARCHAR(32) NOT NULL,
      status VARCHAR(24) NOT NULL,
      classification VARCHAR(16) NOT NULL,
      branch_code VARCHAR(32) NOT NULL,
      outstanding_principal_minor BIGINT NOT NULL,
      first_unpaid_due_date VARCHAR(10) NULL,
      PRIMARY KEY (loan_id),
      KEY ix_loan_position_book (status, classification, first_unpaid_due_date, outstanding_principal_minor),
      KEY ix_loan_position_branch_book (branch_code, status, classification, first_unpaid_due_date, outstanding_principal_minor),
      KEY ix_loan_position_overdue (status, first_unpaid_due_date, classification),
      CONSTRAINT fk_loan_position_loan FOREIGN KEY (loan_id) REFERENCES loan (id) ON DELETE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TRIGGER loan_position_after_insert AFTER INSERT ON loan_installment
      FOR EACH ROW
      INSERT INTO loan_position (loan_id, ${LOAN_COLUMNS}, outstanding_principal_minor, first_unpaid_due_date)
      SELECT l.id, l.status, l.classification, l.branch_code,
             NEW.principal_minor - NEW.principal_paid_minor,
             CASE WHEN ${OWED('NEW')} THEN NEW.due_date END
        FROM loan l WHERE l.id = NEW.loan_id
      ON DUPLICATE KEY UPDATE
        outstanding_principal_minor = outstanding_principal_minor + VALUES(outstanding_principal_minor),
        first_unpaid_due_date = CASE
          WHEN VALUES(first_unpaid_due_date) IS NULL THEN first_unpaid_due_date
          WHEN first_unpaid_due_date IS NULL THEN VALUES(first_unpaid_due_date)
          ELSE LEAST(first_unpaid_due_date, VALUES(first_unpaid_due_date)) END`);
    await q.query(`CREATE TRIGGER loan_position_after_update AFTER UPDATE ON loan_installment
      FOR EACH ROW BEGIN
        ${RECOMPUTE('NEW.loan_id')}
        IF OLD.loan_id <> NEW.loan_id THEN ${RECOMPUTE('OLD.loan_id')} END IF;
      END`);
    await q.query(`CREATE TRIGGER loan_position_after_delete AFTER DELETE ON loan_installment
      FOR EACH ROW BEGIN ${RECOMPUTE('OLD.loan_id')} END`);
    await q.query(`CREATE TRIGGER loan_position_after_loan_update AFTER UPDATE ON loan
      FOR EACH ROW BEGIN
      IF NOT (NEW.status <=> OLD.status AND NEW.classification <=> OLD.classification
              AND NEW.branch_code <=> OLD.branch_code) THEN
        UPDATE loan_position
           SET status = NEW.status, classification = NEW.classification, branch_code = NEW.branch_code
         WHERE loan_id = NEW.id;
      END IF;
      END`);
    await q.query(`INSERT INTO loan_position (loan_id, ${LOAN_COLUMNS}, outstanding_principal_minor, first_unpaid_due_date)
      SELECT l.id, l.status, l.classification, l.branch_code,
             SUM(i.principal_minor - i.principal_paid_minor),
             MIN(CASE WHEN ${OWED('i')} THEN i.due_date END)
        FROM loan l JOIN loan_installment i ON i.loan_id = l.id
       GROUP BY l.id, l.status, l.classification, l.branch_code`);
    // A past date's figures add back the payments received after it: found by time, then by loan.
    await q.query('CREATE INDEX ix_repayment_paid_at ON repayment (paid_at, loan_id)');
    // The interest collection rate reads the installments due in a window, and only these columns.
    await q.query(`CREATE INDEX ix_loan_installment_due ON loan_installment
      (due_date, loan_id, interest_minor, interest_paid_minor)`);
    // Notice breaches are few among all loans: found by index, not by reading every loan.
    await q.query('CREATE INDEX ix_loan_notice_breached ON loan (notice_breached_at)');
    // A kept day keeps its collection rate too (null on days kept before this column).
    await q.query('ALTER TABLE portfolio_snapshot ADD COLUMN collection_json TEXT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE portfolio_snapshot DROP COLUMN collection_json');
    await q.query('DROP INDEX ix_loan_notice_breached ON loan');
    await q.query('DROP INDEX ix_loan_installment_due ON loan_installment');
    await q.query('DROP INDEX ix_repayment_paid_at ON repayment');
    for (const trigger of ['insert', 'update', 'delete', 'loan_update'])
      await q.query(`DROP TRIGGER loan_position_after_${trigger}`);
    await q.query('DROP TABLE loan_position');
  }
}
