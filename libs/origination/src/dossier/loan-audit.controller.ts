import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { DataSource, In } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import { Access } from '@loanflow/observability';
import { UserTaskEntity } from '@loanflow/persistence';
import { LoanDossierService } from './loan-dossier.service';

export class AuditEntryView {
  @ApiProperty() id!: string;
  @ApiProperty() at!: string;
  @ApiPropertyOptional() actor!: string | null;
  @ApiProperty({ type: [String] }) actorRoles!: string[];
  @ApiPropertyOptional() orgUnitCode!: string | null;
  @ApiProperty() action!: string;
  @ApiPropertyOptional() taskId!: string | null;
  @ApiPropertyOptional({
    description: 'the form key of the task the act was on, e.g. loanflow:review-opinion',
  })
  taskType!: string | null;
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
    private readonly dataSource: DataSource,
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
    // Which task each act was on, so that a reader sees "review opinion", not a job key.
    const taskIds = [...new Set(entries.map((entry) => entry.taskId).filter((t) => t !== null))];
    const tasks = taskIds.length
      ? await this.dataSource
          .getRepository(UserTaskEntity)
          .find({ select: { id: true, formKey: true }, where: { id: In(taskIds) } })
      : [];
    const typeOf = new Map(tasks.map((task) => [task.id, task.formKey]));
    return entries.map((entry) => ({
      id: entry.id,
      at: entry.at.toISOString(),
      actor: entry.actor,
      actorRoles: entry.actorRoles ? entry.actorRoles.split(',') : [],
      orgUnitCode: entry.orgUnitCode,
      action: entry.action,
      taskId: entry.taskId,
      taskType: entry.taskId ? (typeOf.get(entry.taskId) ?? null) : null,
      outcome: entry.outcome,
      reason: entry.reason,
      inputsDigest: entry.inputsDigest,
      hash: entry.hash,
    }));
  }
}
