import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@loanflow/observability';
import { FeedCheckView } from './feed-check.view';
import { FeedChecks } from './feed-checks';

/** The early-warning feeds' results for one loan (the dossier's 外部预警 section). */
@ApiTags('servicing')
@ApiBearerAuth()
@Controller('api/loans/:id/feed-checks')
export class FeedChecksController {
  constructor(private readonly checks: FeedChecks) {}

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
  list(@Param('id') loanId: string): Promise<FeedCheckView[]> {
    return this.checks.ofLoan(loanId);
  }
}
