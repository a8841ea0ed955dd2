import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@loanflow/config';
import { DOCUMENT_STORE, DocumentStore } from '../documents/document-store';
import { PurgeRecords } from './purge-records';

export { ENDED_WITHOUT_LOAN } from './purge-records';

const BATCH = 100;
const DAY_MS = 86_400_000;

export interface PurgeResult {
  loans: string[];
  asOf: string;
}

/**
 * Personal data of applications that ended without a loan, purged once their retention period is
 * over (PERSONAL_DATA_RETENTION_REFUSED_DAYS after the decision; docs/security/personal-data.md says
 * why), and the uploaded documents' files once no other loan's document is the same file. The audit
 * trail stays: its hash chain is the bank's record that the decision was taken. Each loan is purged
 * in one transaction and audited; a loan already purged is not found again.
 */
@Injectable()
export class PersonalDataRetention {
  constructor(
    private readonly records: PurgeRecords,
    // The token named: a Pick is no class for Nest to inject by.
    @Inject(AppConfig)
    private readonly config: Pick<AppConfig, 'PERSONAL_DATA_RETENTION_REFUSED_DAYS'>,
    @Inject(DOCUMENT_STORE) private readonly documents: Pick<DocumentStore, 'delete'>,
  ) {}

  /** The applications whose retention ended by `now`, purged; their ids. */
  async purgeExpired(now: Date): Promise<PurgeResult> {
    const days = this.config.PERSONAL_DATA_RETENTION_REFUSED_DAYS;
    const before = new Date(now.getTime() - days * DAY_MS);
    const reason = `application ended without a loan more than ${days} days ago: the applicant's and guarantors' personal data purged`;
    const purged: string[] = [];
    for (;;) {
      const due = await this.records.endedBefore(before, BATCH);
      if (due.length === 0) break;
      for (const id of due) {
        const files = await this.records.purge(id, now, reason);
        // After the commit: a file goes once no document row points at it any more.
        for (const key of files)
          if ((await this.records.documentsOnFile(key)) === 0) await this.documents.delete(key);
        purged.push(id);
      }
    }
    return { loans: purged, asOf: now.toISOString() };
  }
}
