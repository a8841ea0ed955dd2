import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, LessThan } from 'typeorm';
import { AuditTrail, SYSTEM_ACTOR } from '@loanflow/audit';
import { AppConfig } from '@loanflow/config';
import { LoanEntity, onlyRow } from '@loanflow/persistence';
import { DOCUMENT_STORE, DocumentStore } from '../documents/document-store';

/** The statuses of an application that ended without a loan: no business relationship began. */
export const ENDED_WITHOUT_LOAN = ['refused', 'rejected', 'declined', 'offer-declined'] as const;

const BATCH = 100;
const DAY_MS = 86_400_000;

export interface PurgeResult {
  loans: string[];
  asOf: string;
}

/**
 * Personal data of applications that ended without a loan, purged once their retention period is
 * over (PERSONAL_DATA_RETENTION_REFUSED_DAYS after the decision; docs/security/personal-data.md says
 * why): names, identity numbers, phones, addresses, employers, incomes, accounts, the bureau
 * report, collateral owners, the notices' recipients and texts, the comments' texts, task drafts,
 * and the uploaded documents (their register rows, and their files once no other loan's document
 * is the same file). What remains is the application's
 * facts without a person (product, amount, dates, the decision and its reasons) and the audit
 * trail, whose hash chain is the bank's record that the decision was taken. Each loan is purged
 * in one transaction and audited; a loan already purged is skipped.
 */
@Injectable()
export class PersonalDataRetention {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly config: AppConfig,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
  ) {}

  /** The applications whose retention ended by `now`, purged; their ids. */
  async purgeExpired(now: Date): Promise<PurgeResult> {
    const days = this.config.PERSONAL_DATA_RETENTION_REFUSED_DAYS;
    const before = new Date(now.getTime() - days * DAY_MS);
    const purged: string[] = [];
    for (;;) {
      const due = await this.dataSource.getRepository(LoanEntity).find({
        select: { id: true },
        where: {
          status: In([...ENDED_WITHOUT_LOAN]),
          decidedAt: LessThan(before),
          personalDataPurgedAt: IsNull(),
        },
        order: { decidedAt: 'ASC' },
        take: BATCH,
      });
      if (due.length === 0) break;
      for (const { id } of due) {
        const files = await this.dataSource.transaction((manager) =>
          this.purge(manager, id, days, now),
        );
        // After the commit: a file goes once no document row points at it any more.
        for (const key of files) {
          const { n } = onlyRow(
            await this.dataSource.query<{ n: string }[]>(
              `SELECT COUNT(*) AS n FROM loan_document WHERE storage_key = ?`,
              [key],
            ),
            'documents on a stored file',
          );
          if (Number(n) === 0) await this.documents.delete(key);
        }
        purged.push(id);
      }
    }
    return { loans: purged, asOf: now.toISOString() };
  }

  /** Purges one loan; returns the storage keys of the documents it had. */
  private async purge(
    manager: EntityManager,
    loanId: string,
    days: number,
    now: Date,
  ): Promise<string[]> {
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
    await this.audit.append(manager, {
      actor: SYSTEM_ACTOR,
      action: 'personal-data.purge',
      outcome: 'ok',
      loanKey: loanId,
      reason: `application ended without a loan more than ${days} days ago: the applicant's and guarantors' personal data purged`,
    });
    return files.map((file) => file.storageKey);
  }
}
