import { Inject } from '@nestjs/common';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditTrail, SYSTEM_ACTOR } from '@loanflow/audit';
import { NOTIFIER, Notifier } from '@loanflow/adapters';
import { WARNING_LEVEL_NAMES, WARNING_LEVELS, WarningLevel, warningRank } from '@loanflow/domain';
import { LoanRecords } from '@loanflow/origination';
import { LoanEntity, RiskWarningEntity } from '@loanflow/persistence';
import { JobHandler, JobWorker, NonRetryableJobError } from '@loanflow/workflow';
import { GUARDED_AT, SERVICING_JOB } from '../servicing.contract';
import { ServicingStep } from '../workers/servicing-inputs';
import { engineMoment } from '../workers/servicing-time';
import { applyRedWarningFloor } from './risk-warnings.service';

export class WarningStep extends ServicingStep {
  @IsString() warningId!: string;
}

export class EscalateWarningInput extends WarningStep {
  @IsIn([...WARNING_LEVELS]) escalateTo!: WarningLevel;
  @IsOptional() @IsString() escalationReason?: string;
}

async function openWarning(dataSource: DataSource, warningId: string, loanId: string) {
  const warning = await dataSource
    .getRepository(RiskWarningEntity)
    .findOneBy({ id: warningId, loanId });
  if (!warning)
    throw new NonRetryableJobError(`warning ${warningId} of loan ${loanId} does not exist`);
  return warning;
}

/**
 * Raises the warning's level in its own instance (a deadline missed, or a review asking for it):
 * the row, the trail and the center manager are told. A level not worse than the current one
 * leaves it as it is, so a red review asking to escalate runs the emergency path again.
 */
@JobWorker({
  type: SERVICING_JOB.escalateWarning,
  description: 'Escalate a risk warning to a higher level (missed deadline or review).',
  input: EscalateWarningInput,
  outputs: ['level'],
})
export class EscalateWarningWorker implements JobHandler<
  EscalateWarningInput,
  { level: WarningLevel }
> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly records: LoanRecords,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  async handle({ loanId, warningId, escalateTo, escalationReason, asOf }: EscalateWarningInput) {
    const { at } = engineMoment(asOf);
    const warning = await openWarning(this.dataSource, warningId, loanId);
    if (warningRank(escalateTo) <= warningRank(warning.level)) return { level: warning.level };
    const { loan } = await this.records.fileForJob(loanId);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(RiskWarningEntity, { id: warningId }, { level: escalateTo });
      if (escalateTo === 'red') {
        const locked = await manager.findOne(LoanEntity, {
          where: { id: loanId },
          lock: { mode: 'pessimistic_write' },
        });
        if (locked)
          await applyRedWarningFloor(manager, this.audit, locked, {
            reason: `warning ${warningId} turned red: ${escalationReason ?? 'escalated'}`,
            actor: SYSTEM_ACTOR,
            at,
          });
      }
      await this.audit.append(manager, {
        actor: SYSTEM_ACTOR,
        action: 'warning.escalate',
        outcome: 'ok',
        loanKey: loanId,
        reason: `warning ${warningId} ${warning.level} → ${escalateTo} (${WARNING_LEVEL_NAMES[escalateTo]}): ${escalationReason ?? 'escalated'}`,
      });
    });
    await this.notifier.send({
      dedupeKey: `warning-escalated:${warningId}:${escalateTo}`,
      loanId,
      channel: 'inbox',
      recipient: `role:center-manager:${loan.branchCode}`,
      kind: 'warning-escalated',
      subject: `${WARNING_LEVEL_NAMES[escalateTo]} Risk warning escalated: ${loanId}`,
      body: `Warning ${warningId} on loan ${loanId} is now ${escalateTo}: ${escalationReason ?? ''}`,
    });
    return { level: escalateTo };
  }
}

/** The red warning's emergency plan is late: the center manager is told (the risk manager keeps the task). */
@JobWorker({
  type: SERVICING_JOB.notifyWarningLate,
  description: 'Tell the center manager a red warning has no emergency plan after 5 days.',
  input: WarningStep,
})
export class NotifyWarningLateWorker implements JobHandler<WarningStep, void> {
  constructor(
    private readonly records: LoanRecords,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  async handle({ loanId, warningId }: WarningStep): Promise<void> {
    const { loan } = await this.records.fileForJob(loanId);
    await this.notifier.send({
      dedupeKey: `warning-plan-late:${warningId}`,
      loanId,
      channel: 'inbox',
      recipient: `role:center-manager:${loan.branchCode}`,
      kind: 'warning-plan-late',
      subject: `红色预警应急预案逾期 Emergency plan overdue: ${loanId}`,
      body: `Red warning ${warningId} on loan ${loanId} has had no emergency plan for 5 days.`,
    });
  }
}

/** 提前收回: the borrower is told the loan is recalled early, as the emergency plan decided. */
@JobWorker({
  type: SERVICING_JOB.recallLoan,
  onlyAt: GUARDED_AT.recallLoan,
  description: 'Demand early repayment of the loan (emergency plan of a red warning).',
  input: WarningStep,
})
export class RecallLoanWorker implements JobHandler<WarningStep, void> {
  constructor(
    private readonly records: LoanRecords,
    private readonly audit: AuditTrail,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  async handle({ loanId, warningId }: WarningStep): Promise<void> {
    const { loan, applicant } = await this.records.fileForJob(loanId);
    const receipt = await this.notifier.send({
      dedupeKey: `early-recall:${warningId}`,
      loanId,
      channel: 'sms',
      recipient: applicant.phone,
      kind: 'early-recall',
      subject: '贷款提前收回通知 Notice of early recall',
      body: `尊敬的${applicant.name}: 根据借款合同约定, 本行决定提前收回贷款 ${loan.id}, 请与客户经理联系。`,
    });
    if (receipt.sentNow)
      await this.audit.record({
        actor: SYSTEM_ACTOR,
        action: 'loan.recall',
        outcome: 'ok',
        loanKey: loanId,
        reason: `early recall demanded (red warning ${warningId}); notice ${receipt.id}`,
      });
  }
}

export class ResolveWarningInput extends WarningStep {
  @IsOptional() @IsString() resolution?: string;
}

/** The warning is closed: its risk is under control, on the reviewer's grounds. */
@JobWorker({
  type: SERVICING_JOB.resolveWarning,
  description: 'Close a risk warning after its review.',
  input: ResolveWarningInput,
})
export class ResolveWarningWorker implements JobHandler<ResolveWarningInput, void> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async handle({ loanId, warningId, resolution, asOf }: ResolveWarningInput): Promise<void> {
    const { at } = engineMoment(asOf);
    await this.dataSource.transaction(async (manager) => {
      const closed = await manager.update(
        RiskWarningEntity,
        { id: warningId, loanId, state: 'open' },
        { state: 'resolved', openKey: null, closedAt: at, resolution: resolution ?? 'resolved' },
      );
      if (!closed.affected) return; // an earlier delivery closed it
      await this.audit.append(manager, {
        actor: SYSTEM_ACTOR,
        action: 'warning.resolve',
        outcome: 'ok',
        loanKey: loanId,
        reason: `warning ${warningId} closed: ${resolution ?? 'resolved'}`,
      });
    });
  }
}
