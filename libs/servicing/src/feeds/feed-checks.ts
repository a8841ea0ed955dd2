import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedCheckEntity } from '@loanflow/persistence';
import type { FeedCheckView } from './feed-check.view';

/** Reads one loan's early-warning feed checks, newest first (the route's data access). */
@Injectable()
export class FeedChecks {
  constructor(private readonly dataSource: DataSource) {}

  async ofLoan(loanId: string): Promise<FeedCheckView[]> {
    const rows = await this.dataSource
      .getRepository(FeedCheckEntity)
      .find({ where: { loanId }, order: { id: 'DESC' }, take: 50 });
    return rows.map((row) => {
      const report = JSON.parse(row.report) as Record<string, unknown>;
      return {
        id: row.id,
        feed: row.feed,
        partyRole: row.partyRole,
        checkedOn: row.checkedOn,
        source: row.source,
        outcome: row.outcome,
        level: row.level,
        reasons: row.reasons,
        warningId: row.warningId,
        bureau:
          row.feed === 'bureau-refresh'
            ? {
                score: report.score,
                overdueAccounts: report.overdueAccounts,
                maxDaysOverdue: report.maxDaysOverdue,
                inquiriesLast6Months: report.inquiriesLast6Months,
              }
            : null,
        listing:
          row.feed === 'dishonest-list'
            ? { court: String(report.court), listedOn: String(report.listedOn) }
            : null,
      };
    });
  }
}
