import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Access } from '@loanflow/observability';
import { FeedCheckEntity } from '@loanflow/persistence';

export class FeedCheckView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['bureau-refresh', 'dishonest-list'] }) feed!: string;
  @ApiProperty({ enum: ['applicant', 'guarantor'] }) partyRole!: string;
  @ApiProperty() checkedOn!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ enum: ['clear', 'hit'] }) outcome!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) level!: string | null;
  @ApiProperty() reasons!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) warningId!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    description:
      'the bureau figures of a refresh (score, overdue accounts, worst days past due, inquiries); masked for those who do not serve the customer',
  })
  bureau!: Record<string, unknown> | null;
  @ApiPropertyOptional({
    nullable: true,
    description: 'the court and listing date of a dishonest-debtor hit',
  })
  listing!: { court: string; listedOn: string } | null;
}

/** The early-warning feeds' results for one loan (the dossier's 外部预警 section). */
@ApiTags('servicing')
@ApiBearerAuth()
@Controller('api/loans/:id/feed-checks')
export class FeedChecksController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Access.loan([
    'post-loan-officer',
    'risk-manager',
    'customer-manager',
    'collection-officer',
    'center-manager',
    'auditor',
    'admin',
  ])
  @ApiOperation({
    summary:
      'The loan’s early-warning feed checks, newest first: bureau refreshes (each one) and dishonest-debtor list hits, with the warning each raised',
  })
  @ApiOkResponse({ type: [FeedCheckView] })
  async list(@Param('id') loanId: string): Promise<FeedCheckView[]> {
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
