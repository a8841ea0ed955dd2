import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { DataSource } from 'typeorm';
import { DomainError, WARNING_LEVELS, WarningLevel } from '@loanflow/domain';
import { auditActorOf, CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { RiskWarningEntity } from '@loanflow/persistence';
import { BusinessClock } from '@loanflow/workflow';
import { AuditTrail } from '@loanflow/audit';
import { RiskWarnings } from './risk-warnings.service';

export class RaiseWarningRequest {
  @ApiProperty({ enum: WARNING_LEVELS })
  @IsIn([...WARNING_LEVELS], { message: 'level must be one of yellow, orange, red' })
  level!: WarningLevel;

  @ApiProperty({ example: 'borrower’s business closed; rent unpaid for two months' })
  @IsString()
  @Length(10, 1000, { message: 'description must state the signal in 10 to 1000 characters' })
  description!: string;
}

export interface WarningView {
  id: string;
  loanId: string;
  level: WarningLevel;
  signal: string;
  description: string;
  raisedBy: string;
  raisedAt: string;
  state: string;
  supersededBy: string | null;
  closedAt: string | null;
  resolution: string | null;
}

export function warningView(row: RiskWarningEntity): WarningView {
  return {
    id: row.id,
    loanId: row.loanId,
    level: row.level,
    signal: row.signal,
    description: row.description,
    raisedBy: row.raisedBy,
    raisedAt: row.raisedAt.toISOString(),
    state: row.state,
    supersededBy: row.supersededBy,
    closedAt: row.closedAt?.toISOString() ?? null,
    resolution: row.resolution,
  };
}

@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loans/:id/warnings')
export class WarningsController {
  constructor(
    private readonly warnings: RiskWarnings,
    private readonly dataSource: DataSource,
    private readonly clock: BusinessClock,
    private readonly audit: AuditTrail,
  ) {}

  @Post()
  @HttpCode(201)
  @Access.loan(['post-loan-officer', 'risk-manager', 'customer-manager'])
  @ApiOperation({
    summary:
      'Raise a risk warning (yellow, orange, red): starts its handling; a worse one supersedes the open one',
  })
  async raise(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Body() request: RaiseWarningRequest,
  ): Promise<{ outcome: string; warning: WarningView }> {
    const raised = await this.warnings.raise({
      loanId,
      level: request.level,
      signal: 'manual',
      description: request.description,
      actor: auditActorOf(principal),
      at: await this.clock.now(),
    });
    if (raised.outcome === 'already-open') {
      const refusal = new DomainError(
        'WARNING_ALREADY_OPEN',
        `Loan ${loanId} already has an open ${raised.warning.level} warning (${raised.warning.id}); raise a worse level to supersede it.`,
        { openWarning: warningView(raised.warning) },
      );
      await this.audit.record({
        actor: auditActorOf(principal),
        action: 'warning.raise',
        outcome: 'refused',
        loanKey: loanId,
        reason: `${refusal.code}: ${refusal.message}`,
      });
      throw refusal;
    }
    return { outcome: raised.outcome, warning: warningView(raised.warning) };
  }

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
  @ApiOperation({ summary: 'The loan’s risk warnings, open and closed' })
  async list(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
  ): Promise<WarningView[]> {
    const rows = await this.dataSource
      .getRepository(RiskWarningEntity)
      .find({ where: { loanId }, order: { id: 'ASC' } });
    return rows.map(warningView);
  }
}
