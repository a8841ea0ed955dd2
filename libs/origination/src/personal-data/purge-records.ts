import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, LessThan } from 'typeorm';
import { AuditTrail, SYSTEM_ACTOR } from '@loanflow/audit';
import { LoanEntity, onlyRow } from '@loanflow/persistence';

/** The statuses of an application that ended without a loan: no business relationship began. */
export const ENDED_WITHOUT_LOAN = ['refused', 'rejected', 'declined', 'offer-declined'] as const;

/**
 * What the retention rule reads and writes in the register. An abstract class so that it is both
 * the injection token and the shape a unit spec's fake implements.
 */
export abstract class PurgeRecords {
  /** Up to `limit` applications that ended without a loan before `before` and are not yet purged, oldest decision first. */
  abstract endedBefore(before: Date, limit: number): Promise<string[]>;
  /**
   * Purges one loan's personal data in one transaction, with its audit entry giving `reason`;
   * returns the storage keys of the documents it had (their files are the caller's to delete).
   */
  abstract purge(loanId: string, now: Date, reason: string): Promise<string[]>;
  /** How many document rows, of any loan, still point at a stored file. */
  abstract documentsOnFile(storageKey: string): Promise<number>;
}

/** The register's SQL for the retention rule (MySQL/MariaDB). */
@Injectable()
export class SqlPurgeRecords extends PurgeRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {
    super();
  }

  async endedBefore(before: Date, limit: number): Promise<string[]> {
    const due = await this.dataSource.getRepository(LoanEntity).find({
      select: { id: true },
      where: {
        status: In([...ENDED_WITHOUT_LOAN]),
        decidedAt: LessThan(before),
        personalDataPurgedAt: IsNull(),
      },
      order: { decidedAt: 'ASC' },
      take: limit,
    });
    return due.map((loan) => loan.id);
  }

  async documentsOnFile(storageKey: string): Promise<number> {
    const { n } = onlyRow(
      await this.dataSource.query<{ n: string }[]>(
        `SELECT COUNT(*) AS n FROM loan_document WHERE storage_key = ?`,
        [storageKey],
      ),
      'documents on a stored file',
    );
    return Number(n);
  }

  purge(loanId: string, now: Date, reason: string): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const files = await purgeRows(manager, loanId, now);
      await this.audit.append(manager, {
        actor: SYSTEM_ACTOR,
        action: 'personal-data.purge',
        outcome: 'ok',
        loanKey: loanId,
        reason,
      });
      return files;
    });
  }
}

/**
 * Names, identity numbers, phones, addresses, employers, incomes, accounts, the bureau report,
 * collateral owners, the notices' recipients and texts, the comments' texts, task drafts, change
 * requests and the uploaded documents' register rows of one loan. What remains is the
 * application's facts without a person (product, amount, dates, the decision and its reasons).
 */
async function purgeRows(manager: EntityManager, loanId: string, now: Date): Promise<string[]> {
  const gone = '(已清除 purged)';
  // Raw updates: the placeholders are not personal data, and each party keeps a distinct index.
  await manager.query(
    `UPDATE loan_party SET name = ?, id_number = CONCAT('PURGED-', id),
       id_number_index = SHA2(CONCAT('purged-party-', id), 256), phone = '', address = NULL,
       employer = NULL, birth_date = '1900-01-01', monthly_income_minor = 0,
       monthly_debt_minor = 0, relation = NULL
     WHERE loan_id = ?`,
    [gone, loanId],
  );
  await manager.query(
    `UPDATE loan SET payee_account = NULL, payee_name = NULL, personal_data_purged_at = ?
      WHERE id = ?`,
    [now, loanId],
  );
  await manager.query(
    `UPDATE loan_collateral SET owner_name = ?, owner_id_number = CONCAT('PURGED-', id)
      WHERE loan_id = ?`,
    [gone, loanId],
  );
  await manager.query(
    `UPDATE loan_contract SET party_id_number = CONCAT('PURGED-', id) WHERE loan_id = ?`,
    [loanId],
  );
  await manager.query(`DELETE FROM bureau_report WHERE loan_id = ?`, [loanId]);
  await manager.query(`DELETE FROM loan_verified_finances WHERE loan_id = ?`, [loanId]);
  await manager.query(`UPDATE notification SET recipient = ?, body = ? WHERE loan_id = ?`, [
    gone,
    gone,
    loanId,
  ]);
  await manager.query(
    `UPDATE user_task SET loan_summary = NULL, context_json = NULL WHERE business_key = ?`,
    [loanId],
  );
  const files = await manager.query<{ storageKey: string }[]>(
    `SELECT DISTINCT storage_key AS storageKey FROM loan_document WHERE loan_id = ?`,
    [loanId],
  );
  await manager.query(`DELETE FROM loan_document WHERE loan_id = ?`, [loanId]);
  await manager.query(`UPDATE loan_comment SET body = ? WHERE loan_id = ?`, [gone, loanId]);
  // A complaint about the refusal is what the retention period is long enough for; once it is
  // over, what the customer said and what they were told go with the rest.
  await manager.query(
    `UPDATE complaint SET body = ?, answer = IF(answer IS NULL, NULL, ?) WHERE loan_id = ?`,
    [gone, gone, loanId],
  );
  await manager.query(`DELETE FROM task_draft WHERE loan_id = ?`, [loanId]);
  // A change of account or details asked before the refusal: its values and texts go too.
  await manager.query(
    `UPDATE loan_change_request SET before_json = '{}', after_json = '{}', reason = ?,
       review_opinion = IF(review_opinion IS NULL, NULL, ?) WHERE loan_id = ?`,
    [gone, gone, loanId],
  );
  return files.map((file) => file.storageKey);
}
