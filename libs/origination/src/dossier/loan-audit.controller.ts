import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { AuditTrail } from '@loanflow/audit';
import { Access } from '@loanflow/observability';
import { LoanDossierService } from './loan-dossier.service';

export class AuditEntryView {
  @ApiProperty() id!: string;
  @ApiProperty() at!: string;
  @ApiPropertyOptional() actor!: string | null;
  @ApiProperty({ type: [String] }) actorRoles!: string[];
  @ApiPropertyOptional() orgUnitCode!: string | null;
  @ApiProperty() action!: string;
  @ApiPropertyOptional() taskId!: string | null;
  @ApiProperty() outcome!: string;
  @ApiPropertyOptional() reason!: string | null;
  @ApiPropertyOptional() inputsDigest!: string | null;
  @ApiProperty() hash!: string;
}

@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loans')
export class LoanAuditController {
  constructor(
    private readonly audit: AuditTrail,
    private readonly dossiers: LoanDossierService,
  ) {}

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
  async trail(@Param('id') id: string): Promise<AuditEntryView[]> {
    const entries = await this.audit.forLoan(id);
    return entries.map((entry) => ({
      id: entry.id,
      at: entry.at.toISOString(),
      actor: entry.actor,
      actorRoles: entry.actorRoles ? entry.actorRoles.split(',') : [],
      orgUnitCode: entry.orgUnitCode,
      action: entry.action,
      taskId: entry.taskId,
      outcome: entry.outcome,
      reason: entry.reason,
      inputsDigest: entry.inputsDigest,
      hash: entry.hash,
    }));
  }
}
