import { Inject } from '@nestjs/common';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import { NOTIFIER, Notifier } from '@loanflow/adapters';
import {
  beijingDate,
  defaultPenaltyAnnualRate,
  planRecall,
  WARNING_LEVEL_NAMES,
  WARNING_LEVELS,
  WarningLevel,
  warningRank,
} from '@loanflow/domain';
import {
  JobHandler,
  JobWorker,
  NonRetryableJobError,
  publishOnce,
  ZEEBE_CLIENT,
  ZeebeClient,
} from '@loanflow/workflow';
import { CollectionBands } from '../collection/collection-bands';
import { GUARDED_AT, SCHEDULE_REVISED_MESSAGE, SERVICING_JOB } from '../servicing.contract';
import { ServicingStep } from '../workers/servicing-inputs';
import { engineMoment } from '../workers/servicing-time';
import { applyRedWarningFloor } from './risk-warnings.service';
import { LoanRecords } from '@loanflow/loans';
import { WarningRecords, WarningTransaction } from './warning-records';

export class WarningStep extends ServicingStep {
  @IsString() warningId!: string;
}

export class EscalateWarningInput extends WarningStep {
  @IsIn([...WARNING_LEVELS]) escalateTo!: WarningLevel;
  @IsOptional() @IsString() escalationReason?: string;
}

async function openWarning(register: WarningRecords, warningId: string, loanId: string) {
  const warning = await register.oneOfLoan(loanId, warningId);
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
    private readonly register: WarningRecords,
    private readonly records: LoanRecords,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  async handle({ loanId, warningId, escalateTo, escalationReason, asOf }: EscalateWarningInput) {
    const { at } = engineMoment(asOf);
    const escalates = (warning: { state: string; level: WarningLevel }) =>
      warning.state === 'open' && warningRank(escalateTo) > warningRank(warning.level);
    const warning = await openWarning(this.register, warningId, loanId);
    // A warning closed meanwhile (resolved, or superseded by a worse one) is not raised again: a
    // late timer would otherwise reclassify the loan for a risk already dealt with.
    if (!escalates(warning))
      return this.escalatedBefore(loanId, warning, escalateTo, escalationReason);
    const now = await this.register.transaction(async (tx) => {
      // Under the loan's lock, read again: a delivery beside this one (or a resolution) that
      // committed first leaves nothing to record.
      const locked = await tx.lockLoan(loanId);
      const current = await tx.openOf(loanId);
      if (!current || current.id !== warning.id || !escalates(current))
        return {
          escalated: false,
          level: current?.id === warning.id ? current.level : warning.level,
        };
      await tx.update(warningId, { level: escalateTo });
      if (escalateTo === 'red' && locked)
        await applyRedWarningFloor(tx, locked, {
          reason: `warning ${warningId} turned red: ${escalationReason ?? 'escalated'}`,
          actor: SYSTEM_ACTOR,
          at,
        });
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: 'warning.escalate',
        outcome: 'ok',
        loanKey: loanId,
        reason: `warning ${warningId} ${current.level} → ${escalateTo} (${WARNING_LEVEL_NAMES[escalateTo]}): ${escalationReason ?? 'escalated'}`,
      });
      return { escalated: true, level: escalateTo };
    });
    if (!now.escalated)
      return this.escalatedBefore(
        loanId,
        { id: warningId, level: now.level },
        escalateTo,
        escalationReason,
      );
    await this.notify(loanId, warningId, escalateTo, escalationReason);
    return { level: escalateTo };
  }

  /**
   * Nothing to escalate now. An earlier delivery of this escalation may have committed and failed
   * to tell the center manager: the notice is sent again (deduplicated). No escalation recorded,
   * nobody told.
   */
  private async escalatedBefore(
    loanId: string,
    warning: { id: string; level: WarningLevel },
    escalateTo: WarningLevel,
    escalationReason: string | undefined,
  ): Promise<{ level: WarningLevel }> {
    if (await this.register.escalationRecorded(loanId, warning.id, escalateTo))
      await this.notify(loanId, warning.id, escalateTo, escalationReason);
    return { level: warning.level };
  }

  private async notify(
    loanId: string,
    warningId: string,
    escalateTo: WarningLevel,
    escalationReason: string | undefined,
  ): Promise<void> {
    const { loan } = await this.records.fileForJob(loanId);
    await this.notifier.send({
      dedupeKey: `warning-escalated:${warningId}:${escalateTo}`,
      loanId,
      channel: 'inbox',
      recipient: `role:center-manager:${loan.branchCode}`,
      kind: 'warning-escalated',
      subject: `${WARNING_LEVEL_NAMES[escalateTo]} Risk warning escalated: ${loanId}`,
      body: `Warning ${warningId} on loan ${loanId} is now ${escalateTo}: ${escalationReason ?? ''}`,
    });
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

/** What the borrower is asked for: the recall installment's amount and due date, or the arrears at once. */
interface Recalled {
  amount: string | null;
  dueOn: string | null;
}

/**
 * An earlier delivery's recall, read back: the installment it created (its number on the trail, its
 * amounts and due date in the schedule), or none when every installment was already due.
 */
async function recalledEarlier(
  tx: WarningTransaction,
  loanId: string,
  reason: string,
): Promise<Recalled> {
  const created = /replaced by installment (\d+) of /.exec(reason);
  if (!created) return { amount: null, dueOn: null };
  const number = Number(created[1]);
  const installment = (await tx.ledger(loanId)).installments.find((row) => row.number === number);
  if (!installment)
    throw new NonRetryableJobError(
      `loan ${loanId}: the recall's installment ${number} is no longer in the schedule`,
    );
  return {
    amount: installment.principal.plus(installment.interest).toDecimalString(),
    dueOn: installment.dueDate,
  };
}

export class RecallLoanInput extends WarningStep {
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'recallDueOn must be a date such as 2027-03-31' })
  recallDueOn?: string | null;
}

/**
 * 提前收回: the loan is called in as the red warning's emergency plan decided. Every installment not
 * yet due on the recall date is replaced by one due on that date with all the outstanding principal
 * and the current period's interest; servicing is told (schedule-revised) so it waits for that date,
 * and if it passes unpaid the loan is overdue and collection opens as for any missed installment.
 * The borrower is told what falls due when. Once per warning, however often the job is delivered.
 */
@JobWorker({
  type: SERVICING_JOB.recallLoan,
  onlyAt: GUARDED_AT.recallLoan,
  description: 'Call the loan in early: all principal due on the recall date (red warning plan).',
  input: RecallLoanInput,
})
export class RecallLoanWorker implements JobHandler<RecallLoanInput, void> {
  constructor(
    private readonly register: WarningRecords,
    private readonly records: LoanRecords,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly bands: CollectionBands,
  ) {}

  async handle({ loanId, warningId, recallDueOn, asOf }: RecallLoanInput): Promise<void> {
    const { at, date } = engineMoment(asOf);
    // A date already past is carried out at once: the loan falls due today.
    const dueOn = recallDueOn && recallDueOn > date ? recallDueOn : date;
    const recalled = await this.register.transaction(async (tx): Promise<Recalled | null> => {
      const loan = await tx.lockLoan(loanId);
      if (!loan) throw new NonRetryableJobError(`loan ${loanId} does not exist`);
      const done = await tx.recallRecorded(loanId, warningId);
      // An earlier delivery recalled it: what follows the commit may not have happened, so it is
      // done again (each step is idempotent) with the installment that recall created.
      if (done) return done.outcome === 'ok' ? recalledEarlier(tx, loanId, done.reason) : null;
      if (loan.status !== 'disbursed' || !loan.annualRate || !loan.disbursedAt) {
        await tx.audit({
          actor: SYSTEM_ACTOR,
          action: 'loan.recall',
          outcome: 'refused',
          loanKey: loanId,
          reason: `nothing to recall: the loan is ${loan.status} (red warning ${warningId})`,
        });
        return null;
      }
      const ledger = await tx.ledger(loanId);
      const plan = planRecall({
        ...ledger,
        recallDate: dueOn,
        disbursementDate: beijingDate(loan.disbursedAt),
        annualRate: loan.annualRate,
        penaltyAnnualRate: defaultPenaltyAnnualRate(loan.annualRate),
      });
      const { installment } = plan ?? { installment: null };
      if (plan && installment) await tx.replaceInstallments(loanId, plan.replaced, installment);
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: 'loan.recall',
        outcome: 'ok',
        loanKey: loanId,
        reason: installment
          ? `loan called in on ${date}: installments ${plan!.replaced.join(', ')} replaced by installment ${installment.number} of ${installment.principal.toDecimalString()} principal and ${installment.interest.toDecimalString()} interest due on ${dueOn} (red warning ${warningId})`
          : `loan called in on ${date}: every installment is already due (red warning ${warningId})`,
      });
      return installment
        ? {
            amount: installment.principal.plus(installment.interest).toDecimalString(),
            dueOn: installment.dueDate,
          }
        : { amount: null, dueOn: null };
    });
    if (!recalled) return;
    const { loan, applicant } = await this.records.fileForJob(loanId);
    const { amount, dueOn: recalledDueOn } = recalled;
    await this.notifier.send({
      dedupeKey: `early-recall:${warningId}`,
      loanId,
      channel: 'sms',
      recipient: applicant.phone,
      kind: 'early-recall',
      subject: '贷款提前收回通知 Notice of early recall',
      body: `尊敬的${applicant.name}: 根据借款合同约定, 本行决定提前收回贷款 ${loan.id}${amount ? `, 请于 ${recalledDueOn} 前归还剩余本金及利息共 ${amount} 元` : ', 请立即归还全部逾期款项'}, 如有疑问请与客户经理联系。`,
    });
    if (amount)
      await publishOnce(this.zeebe, {
        name: SCHEDULE_REVISED_MESSAGE,
        correlationKey: loanId,
        messageId: `${SCHEDULE_REVISED_MESSAGE}:recall:${warningId}`,
        timeToLive: 3_600_000,
        variables: { recallWarningId: warningId },
      });
    await this.bands.reassess(loanId, date, at);
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
  constructor(private readonly register: WarningRecords) {}

  async handle({ loanId, warningId, resolution, asOf }: ResolveWarningInput): Promise<void> {
    const { at } = engineMoment(asOf);
    await this.register.transaction(async (tx) => {
      const closed = await tx.updateOpen(loanId, warningId, {
        state: 'resolved',
        openKey: null,
        closedAt: at,
        resolution: resolution ?? 'resolved',
      });
      if (!closed) return; // an earlier delivery closed it
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: 'warning.resolve',
        outcome: 'ok',
        loanKey: loanId,
        reason: `warning ${warningId} closed: ${resolution ?? 'resolved'}`,
      });
    });
  }
}
