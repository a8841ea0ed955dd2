import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '@loanflow/observability';
import { AuditEntryView } from './audit-entry.view';
import { LoanAuditTrail } from './loan-audit-trail';

@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loans')
export class LoanAuditController {
  constructor(private readonly trails: LoanAuditTrail) {}

  /**
   * Who did what on a loan, in order: the evidence for responsibility and for exemption (尽职免责).
   * Scoped like the dossier: staff read loans of their unit and the units below it.
   */
  @Get(':id/audit')
  @Access.loan([
    'auditor',
    'admin',
    'center-manager',
    'risk-manager',
    'customer-manager',
    'reviewer',
    'approver',
  ])
  @ApiOkResponse({ type: [AuditEntryView] })
  trail(@Param('id') id: string): Promise<AuditEntryView[]> {
    return this.trails.of(id);
  }
}
