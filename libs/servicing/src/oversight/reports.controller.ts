import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import {
  DomainError,
  REPORT_OUTCOMES,
  REPORT_STATUSES,
  REPORT_SUBJECTS,
  ReportOutcome,
  ReportStatus,
  ReportSubject,
  reportTransition,
} from '@loanflow/domain';
import { auditActorOf, CurrentUser, Principal } from '@loanflow/identity';
import { LOAN_ID_PATTERN } from '@loanflow/origination';
import { Access } from '@loanflow/observability';
import {
  LoanEntity,
  MisconductReportEntity,
  MisconductReportStepEntity,
  UserEntity,
} from '@loanflow/persistence';
import { BusinessClock } from '@loanflow/workflow';
import { asFieldError, invalidField } from '../complaints/field-error';

export class FileReportRequest {
  @ApiProperty({ enum: REPORT_SUBJECTS })
  @IsIn([...REPORT_SUBJECTS], { message: 'subject must be loan or staff' })
  subject!: ReportSubject;

  @ApiPropertyOptional({ example: 'LN20261123-7KQ2M9' })
  @ValidateIf((r: FileReportRequest) => r.subject === 'loan')
  @Matches(LOAN_ID_PATTERN, { message: 'loanId must be a loan id such as LN20261123-7KQ2M9' })
  loanId?: string;

  @ApiPropertyOptional({ example: 'li.cm' })
  @ValidateIf((r: FileReportRequest) => r.subject === 'staff')
  @Matches(/^[a-z][a-z0-9._-]{1,63}$/, { message: 'staff must be a user name such as li.cm' })
  staff?: string;

  @ApiProperty({ example: '该笔贷款的收入证明疑似由客户经理代为制作' })
  @IsString()
  @Length(20, 8000, { message: 'text must describe what was seen in 20 to 8000 characters' })
  text!: string;
}

export class ReportHandlingRequest {
  @ApiProperty({ enum: REPORT_STATUSES })
  @IsIn([...REPORT_STATUSES], { message: 'status must be received, investigating or closed' })
  status!: ReportStatus;

  @ApiProperty({ example: '已调取该笔贷款的调查底稿及收入证明原件' })
  @IsString()
  @Length(5, 8000, { message: 'note must record the step in 5 to 8000 characters' })
  note!: string;

  @ApiPropertyOptional({ enum: REPORT_OUTCOMES })
  @IsOptional()
  @IsIn([...REPORT_OUTCOMES], { message: `outcome must be one of ${REPORT_OUTCOMES.join(', ')}` })
  outcome?: ReportOutcome;
}

export interface ReportReceipt {
  id: string;
  filedAt: string;
}

export interface ReportView {
  id: string;
  subject: string;
  loanId: string | null;
  staff: string | null;
  text: string;
  filedBy: string;
  filedAt: string;
  status: string;
  outcome: string | null;
  updatedAt: string;
  steps: { status: string; outcome: string | null; note: string; by: string; at: string }[];
}

/**
 * Reports of suspicious activity (举报). Anyone signed in files one and gets a receipt, nothing
 * more; only the auditor role reads reports and records their handling (an admin without it does
 * not). The audit trail names the report by number only: no loan key (the loan's audit trail is
 * read by its branch), no subject, no text.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class ReportsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: BusinessClock,
  ) {}

  @Post()
  @HttpCode(201)
  @Access.signedIn()
  @ApiOperation({
    summary:
      'Report suspicious activity about a loan or a member of staff: readable only by audit, the reporter gets a receipt',
  })
  async file(
    @CurrentUser() principal: Principal,
    @Body() request: FileReportRequest,
  ): Promise<ReportReceipt> {
    const now = await this.clock.now();
    if (request.subject === 'loan') {
      const loan = await this.dataSource
        .getRepository(LoanEntity)
        .existsBy({ id: request.loanId! });
      if (!loan) throw invalidField('loanId', `there is no loan ${request.loanId}`);
    } else {
      const person = await this.dataSource
        .getRepository(UserEntity)
        .existsBy({ username: request.staff! });
      if (!person) throw invalidField('staff', `there is no user ${request.staff}`);
      if (request.staff === principal.username)
        throw invalidField('staff', 'a report is about someone else');
    }
    const row = await this.dataSource.transaction(async (manager) => {
      const created = manager.create(MisconductReportEntity, {
        subjectKind: request.subject,
        loanId: request.subject === 'loan' ? request.loanId! : null,
        staffUsername: request.subject === 'staff' ? request.staff! : null,
        body: request.text,
        filedBy: principal.username,
        filedAt: now,
        status: 'received',
        outcome: null,
        updatedAt: now,
      });
      await manager.insert(MisconductReportEntity, created);
      await this.audit.append(manager, {
        actor: auditActorOf(principal),
        action: 'report.file',
        outcome: 'ok',
        reason: `report ${created.id} received`,
      });
      return created;
    });
    return { id: row.id, filedAt: row.filedAt.toISOString() };
  }

  @Get()
  @Access.roles('auditor')
  @ApiOperation({ summary: 'Every report, newest first (auditors only)' })
  async list(@CurrentUser() principal: Principal): Promise<{ items: ReportView[] }> {
    const rows = await this.dataSource
      .getRepository(MisconductReportEntity)
      .find({ order: { id: 'DESC' }, take: 500 });
    return {
      items: rows.filter((row) => readable(row, principal)).map((row) => viewOf(row, [])),
    };
  }

  @Get(':reportId')
  @Access.roles('auditor')
  @ApiOperation({ summary: 'One report with its handling (auditors only); each read is audited' })
  async get(
    @CurrentUser() principal: Principal,
    @Param('reportId') id: string,
  ): Promise<ReportView> {
    const row = await this.find(id);
    if (!readable(row, principal)) throw notFound(id);
    const steps = await this.dataSource
      .getRepository(MisconductReportStepEntity)
      .find({ where: { reportId: row.id }, order: { id: 'ASC' } });
    await this.audit.record({
      actor: auditActorOf(principal),
      action: 'report.read',
      outcome: 'ok',
      reason: `report ${row.id} read`,
    });
    return viewOf(row, steps);
  }

  @Post(':reportId/handling')
  @HttpCode(200)
  @Access.roles('auditor')
  @ApiOperation({
    summary:
      'Record a step of a report’s handling: its status, a note, and when closed its outcome',
  })
  async handle(
    @CurrentUser() principal: Principal,
    @Param('reportId') id: string,
    @Body() request: ReportHandlingRequest,
  ): Promise<ReportView> {
    const now = await this.clock.now();
    await this.dataSource
      .transaction(async (manager) => {
        const row = await manager.findOne(MisconductReportEntity, {
          where: { id: this.idOf(id) },
          lock: { mode: 'pessimistic_write' },
        });
        // A report an auditor filed or that is about them is for their colleagues: as if missing.
        if (!row || !readable(row, principal)) throw notFound(id);
        try {
          reportTransition(row.status as ReportStatus, request.status, request.outcome ?? null);
        } catch (error) {
          throw error instanceof DomainError && error.code === 'REPORT_CLOSED'
            ? error
            : asFieldError(error);
        }
        await manager.update(
          MisconductReportEntity,
          { id: row.id },
          { status: request.status, outcome: request.outcome ?? null, updatedAt: now },
        );
        await manager.insert(MisconductReportStepEntity, {
          reportId: row.id,
          status: request.status,
          outcome: request.outcome ?? null,
          note: request.note,
          by: principal.username,
          at: now,
        });
        await this.audit.append(manager, {
          actor: auditActorOf(principal),
          action: 'report.handle',
          outcome: 'ok',
          inputs: request,
          reason: `report ${row.id}: ${request.status}${request.outcome ? ` (${request.outcome})` : ''}`,
        });
      })
      .catch(async (error: unknown) => {
        if (error instanceof DomainError)
          await this.audit.record({
            actor: auditActorOf(principal),
            action: 'report.handle',
            outcome: 'refused',
            reason: `${error.code}: report ${id}`,
          });
        throw error;
      });
    return this.get(principal, id);
  }

  private idOf(id: string): string {
    return /^\d{1,18}$/.test(id) ? id : '0';
  }

  private async find(id: string): Promise<MisconductReportEntity> {
    const row = await this.dataSource
      .getRepository(MisconductReportEntity)
      .findOneBy({ id: this.idOf(id) });
    if (!row) throw notFound(id);
    return row;
  }
}

/** An auditor reads neither the reports they filed nor those about them. */
function readable(row: MisconductReportEntity, principal: Principal): boolean {
  return row.filedBy !== principal.username && row.staffUsername !== principal.username;
}

function notFound(id: string): DomainError {
  return new DomainError('REPORT_NOT_FOUND', `There is no report ${id}.`);
}

function viewOf(row: MisconductReportEntity, steps: MisconductReportStepEntity[]): ReportView {
  return {
    id: row.id,
    subject: row.subjectKind,
    loanId: row.loanId,
    staff: row.staffUsername,
    text: row.body,
    filedBy: row.filedBy,
    filedAt: row.filedAt.toISOString(),
    status: row.status,
    outcome: row.outcome,
    updatedAt: row.updatedAt.toISOString(),
    steps: steps.map((s) => ({
      status: s.status,
      outcome: s.outcome,
      note: s.note,
      by: s.by,
      at: s.at.toISOString(),
    })),
  };
}
