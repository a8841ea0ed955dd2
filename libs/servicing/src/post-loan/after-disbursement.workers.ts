import { Inject } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsString, ValidateNested } from 'class-validator';
import { staffActor, SYSTEM_ACTOR } from '@loanflow/audit';
import { NOTIFIER, Notifier } from '@loanflow/adapters';
import { AppConfig } from '@loanflow/config';
import {
  beijingDate,
  DomainError,
  endOfBeijingDay,
  followUpDueOn,
  followUpWarning,
  LoanProduct,
  loanPosition,
  Money,
  parseLtvLimits,
  parseRevaluationMonths,
  percent,
  planNextRevaluation,
  revaluationCover,
  WarningLevel,
} from '@loanflow/domain';
import { CollateralRevaluation, FollowUpReport } from '@loanflow/tasks';
import { JobContext, JobHandler, JobWorker, NonRetryableJobError } from '@loanflow/workflow';
import { SERVICING_JOB } from '../servicing.contract';
import { ServicingStep } from '../workers/servicing-inputs';
import { engineMoment } from '../workers/servicing-time';
import { AfterDisbursementRecords, LateTaskKind } from './after-disbursement-records';
import { RiskWarnings } from './risk-warnings.service';
import { LoanRecords } from '@loanflow/loans';

/** A warning raised by a rule on a loan that left servicing meanwhile (settled early) is moot. */
async function raiseUnlessClosed(
  warnings: RiskWarnings,
  request: Parameters<RiskWarnings['raise']>[0],
): Promise<void> {
  await warnings.raise(request).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'LOAN_NOT_IN_SERVICING') return;
    throw error;
  });
}

export interface PlannedFollowUpVariable {
  id: string;
  dueOn: string;
  /** The end of the due date in Beijing: the inbox's deadline. */
  dueAt: string;
}

/**
 * Plans the follow-up with the borrower (贷后回访), FOLLOW_UP_DAYS after the payout. One per loan: a
 * re-delivered job finds the row it planned before.
 */
@JobWorker({
  type: SERVICING_JOB.planFollowUp,
  description: 'Plan the customer manager’s follow-up with the borrower after the payout.',
  input: ServicingStep,
  outputs: ['followUp'],
})
export class PlanFollowUpWorker implements JobHandler<
  ServicingStep,
  { followUp: PlannedFollowUpVariable }
> {
  constructor(
    private readonly register: AfterDisbursementRecords,
    private readonly records: LoanRecords,
    private readonly config: AppConfig,
  ) {}

  async handle({ loanId, asOf }: ServicingStep) {
    const { at } = engineMoment(asOf);
    const { loan } = await this.records.fileForJob(loanId);
    if (!loan.disbursedAt)
      throw new NonRetryableJobError(`loan ${loanId} has not been disbursed: nothing to follow up`);
    let row = await this.register.followUpOf(loanId);
    if (!row)
      // The unique loan id makes a concurrent duplicate delivery fail and retry into the read above.
      row = await this.register.planFollowUp({
        loanId,
        dueOn: followUpDueOn(beijingDate(loan.disbursedAt), this.config.FOLLOW_UP_DAYS),
        plannedAt: at,
        completedAt: null,
        completedOn: null,
        completedBy: null,
        useOfFunds: null,
        contactConfirmed: null,
        reportJson: null,
        warningLevel: null,
      });
    return {
      followUp: {
        id: row.id,
        dueOn: row.dueOn,
        dueAt: endOfBeijingDay(row.dueOn).toISOString(),
      },
    };
  }
}

class FollowUpReportVariable extends FollowUpReport {
  @IsString() by!: string;
}

export class RecordFollowUpInput extends ServicingStep {
  @IsString() followUpId!: string;
  @ValidateNested()
  @Type(() => FollowUpReportVariable)
  followUpReport!: FollowUpReportVariable;
}

/** Records the follow-up; money used otherwise than for the stated purpose raises a warning. */
@JobWorker({
  type: SERVICING_JOB.recordFollowUp,
  description: 'Record the follow-up after disbursement; raise a warning on misuse of the funds.',
  input: RecordFollowUpInput,
  outputs: ['followUpWarning'],
})
export class RecordFollowUpWorker implements JobHandler<
  RecordFollowUpInput,
  { followUpWarning: WarningLevel | null }
> {
  constructor(
    private readonly register: AfterDisbursementRecords,
    private readonly warnings: RiskWarnings,
  ) {}

  async handle(input: RecordFollowUpInput, context: JobContext) {
    const { at, date } = engineMoment(input.asOf);
    const { by, ...report } = input.followUpReport;
    const manager = staffActor(by, 'customer-manager');
    const warning = followUpWarning(report);
    await this.register.once(
      SERVICING_JOB.recordFollowUp,
      input.followUpId,
      context.jobKey,
      async (tx) => {
        const updated = await tx.completeFollowUp(input.followUpId, input.loanId, {
          completedAt: at,
          completedOn: date,
          completedBy: by,
          useOfFunds: report.useOfFunds,
          contactConfirmed: report.contactConfirmed ? 1 : 0,
          reportJson: JSON.stringify(report),
          warningLevel: warning,
        });
        if (!updated)
          throw new NonRetryableJobError(
            `follow-up ${input.followUpId} of loan ${input.loanId} does not exist`,
          );
      },
    );
    if (warning)
      await raiseUnlessClosed(this.warnings, {
        loanId: input.loanId,
        level: warning,
        signal: 'follow-up',
        description: `follow-up ${input.followUpId} by ${by}: funds ${report.useOfFunds}${report.contactConfirmed ? '' : ', contact not confirmed'}: ${report.fundsNotes}`,
        actor: manager,
        at,
      });
    return { followUpWarning: warning };
  }
}

export interface PlannedRevaluationVariable {
  id: string;
  number: number;
  dueOn: string;
  /** The start of its opening day in Beijing: when the task is handed out. */
  opensAt: string;
  dueAt: string;
  /** The items due, with their kind and last value (no description: it may name an address). */
  items: { collateralId: string; kind: string; lastValue: string; lastValuedOn: string }[];
}

/**
 * Plans the next revaluation of a secured loan's collateral (押品价值重估) by each item's kind
 * (COLLATERAL_REVALUATION_MONTHS), or none when no item is revalued. A re-delivered job finds the
 * round it planned before: a new one is planned only once the last one is recorded.
 */
@JobWorker({
  type: SERVICING_JOB.planRevaluation,
  description:
    'Plan the next collateral revaluation by collateral kind (none for an unsecured loan).',
  input: ServicingStep,
  outputs: ['revaluation'],
})
export class PlanRevaluationWorker implements JobHandler<
  ServicingStep,
  { revaluation: PlannedRevaluationVariable | null }
> {
  private readonly months;

  constructor(
    private readonly register: AfterDisbursementRecords,
    private readonly records: LoanRecords,
    config: AppConfig,
  ) {
    this.months = parseRevaluationMonths(config.COLLATERAL_REVALUATION_MONTHS);
  }

  async handle({ loanId, asOf }: ServicingStep) {
    const { at, date } = engineMoment(asOf);
    const { loan, collateral } = await this.records.fileForJob(loanId);
    if (!loan.disbursedAt)
      throw new NonRetryableJobError(`loan ${loanId} has not been disbursed: nothing to revalue`);
    const values = await this.register.currentValues(loan, collateral);
    const last = await this.register.lastRound(loanId);
    let planned = last && !last.completedAt ? last : null;
    if (!planned) {
      const plan = planNextRevaluation(
        collateral.map((item) => ({
          collateralId: String(item.id),
          kind: item.kind,
          lastValuedOn: values.get(String(item.id))!.valuedOn,
        })),
        date,
        this.months,
      );
      if (!plan) return { revaluation: null };
      // The unique (loan, number) makes a concurrent duplicate delivery fail and retry into the branch above.
      planned = await this.register.planRound({
        loanId,
        number: (last?.number ?? 0) + 1,
        opensOn: plan.opensOn,
        dueOn: plan.dueOn,
        collateralIdsJson: JSON.stringify(plan.collateralIds),
        plannedAt: at,
        completedAt: null,
        completedOn: null,
        valuedBy: null,
        outstandingPrincipalMinor: null,
        collateralValueMinor: null,
        lendableValueMinor: null,
        ltv: null,
        ltvLimit: null,
        withinLimit: null,
        shortfallMinor: null,
        warningLevel: null,
        remarks: null,
      });
    }
    const due = JSON.parse(planned.collateralIdsJson) as string[];
    return {
      revaluation: {
        id: planned.id,
        number: planned.number,
        dueOn: planned.dueOn,
        opensAt: new Date(endOfBeijingDay(planned.opensOn).getTime() - 86_400_000).toISOString(),
        dueAt: endOfBeijingDay(planned.dueOn).toISOString(),
        items: due.map((id) => {
          const item = collateral.find((c) => String(c.id) === id);
          const current = values.get(id);
          return {
            collateralId: id,
            kind: item?.kind ?? 'other',
            lastValue: current?.value.toDecimalString() ?? '0.00',
            lastValuedOn: current?.valuedOn ?? planned.opensOn,
          };
        }),
      },
    };
  }
}

class RevaluationVariable extends CollateralRevaluation {
  @IsString() by!: string;
}

export class RecordRevaluationInput extends ServicingStep {
  @IsString() revaluationId!: string;
  @ValidateNested()
  @Type(() => RevaluationVariable)
  collateralRevaluation!: RevaluationVariable;
}

type RevaluationOutcome = {
  revaluationWithinLimit: boolean;
  revaluationWarning: WarningLevel | null;
};

/**
 * Records the new values (each item's history), recomputes the loan-to-value on the principal
 * still owed with the origination table, and above the limit raises the warning whose remediation
 * asks the borrower for more security or a partial repayment.
 */
@JobWorker({
  type: SERVICING_JOB.recordRevaluation,
  description:
    'Record a collateral revaluation; recompute the LTV on the principal owed and warn above the limit.',
  input: RecordRevaluationInput,
  outputs: ['revaluationWithinLimit', 'revaluationWarning'],
})
export class RecordRevaluationWorker implements JobHandler<
  RecordRevaluationInput,
  RevaluationOutcome
> {
  private readonly limits;

  constructor(
    private readonly register: AfterDisbursementRecords,
    private readonly warnings: RiskWarnings,
    config: AppConfig,
  ) {
    this.limits = parseLtvLimits(config.COLLATERAL_LTV_LIMITS);
  }

  async handle(input: RecordRevaluationInput, context: JobContext): Promise<RevaluationOutcome> {
    const { at, date } = engineMoment(input.asOf);
    const { by, items, remarks } = input.collateralRevaluation;
    const clerk = staffActor(by, 'mortgage-clerk');
    const result = await this.register.once(
      SERVICING_JOB.recordRevaluation,
      input.revaluationId,
      context.jobKey,
      async (tx) => {
        const round = await tx.round(input.revaluationId, input.loanId);
        if (!round)
          throw new NonRetryableJobError(
            `revaluation ${input.revaluationId} of loan ${input.loanId} does not exist`,
          );
        const { loan, collateral } = await tx.file(input.loanId);
        const values = await tx.currentValues(loan, collateral);
        for (const item of items) {
          const previous = values.get(item.collateralId);
          if (!previous)
            throw new NonRetryableJobError(
              `collateral item ${item.collateralId} does not secure loan ${input.loanId}`,
            );
          const value = Money.parse(item.newValue);
          await tx.addValuation({
            loanId: input.loanId,
            collateralId: item.collateralId,
            revaluationId: round.id,
            previousValueMinor: previous.value.minorUnits.toString(),
            valueMinor: value.minorUnits.toString(),
            basis: item.basis,
            basisNotes: item.basisNotes ?? null,
            valuedOn: date,
            valuedBy: by,
          });
          values.set(item.collateralId, { value, valuedOn: date });
        }
        const { outstandingPrincipal } = loanPosition({
          ...(await tx.ledger(input.loanId)),
          asOf: date,
        });
        const cover = revaluationCover(
          {
            product: loan.product as LoanProduct,
            outstandingPrincipal,
            collateral: collateral.map((item) => ({
              kind: item.kind,
              value: values.get(String(item.id))!.value,
            })),
            secondHome: loan.secondHome === 1,
          },
          this.limits,
        );
        await tx.completeRound(round.id, {
          completedAt: at,
          completedOn: date,
          valuedBy: by,
          outstandingPrincipalMinor: outstandingPrincipal.minorUnits.toString(),
          collateralValueMinor: Money.parse(cover.appraisedValue).minorUnits.toString(),
          lendableValueMinor: Money.parse(cover.lendableValue).minorUnits.toString(),
          ltv: cover.ltv,
          ltvLimit: cover.limit,
          withinLimit: cover.within ? 1 : 0,
          shortfallMinor: Money.parse(cover.shortfall).minorUnits.toString(),
          warningLevel: cover.warning,
          remarks: remarks ?? null,
        });
        await tx.audit({
          actor: clerk,
          action: 'collateral.revalue',
          outcome: 'ok',
          loanKey: input.loanId,
          reason: `revaluation ${round.number}: collateral ${cover.appraisedValue} against ${outstandingPrincipal.toDecimalString()} owed, LTV ${percent(cover.ltv)} (limit ${percent(cover.limit)})${cover.within ? '' : `, ${cover.shortfall} no longer secured`}`,
        });
        return {
          revaluationWithinLimit: cover.within,
          revaluationWarning: cover.warning,
          description: cover.within
            ? ''
            : `revaluation ${round.number} by ${by}: the collateral now worth ${cover.appraisedValue} secures ${cover.lendableValue} of the ${outstandingPrincipal.toDecimalString()} owed (LTV ${percent(cover.ltv)}, limit ${percent(cover.limit)}): more security or a repayment of ${cover.shortfall} is needed`,
        };
      },
    );
    if (result.revaluationWarning)
      await raiseUnlessClosed(this.warnings, {
        loanId: input.loanId,
        level: result.revaluationWarning,
        signal: 'revaluation',
        description: result.description,
        actor: clerk,
        at,
      });
    return {
      revaluationWithinLimit: result.revaluationWithinLimit,
      revaluationWarning: result.revaluationWarning,
    };
  }
}

/** The center manager of the loan's branch is told once that a post-loan task is overdue. */
async function escalateLate(
  register: AfterDisbursementRecords,
  notifier: Notifier,
  records: LoanRecords,
  late: {
    loanId: string;
    at: Date;
    kind: LateTaskKind;
    id: string;
    action: string;
    notice: string;
    what: string;
    subject: string;
  },
): Promise<void> {
  const { loan } = await records.fileForJob(late.loanId);
  const row = await register.transaction(async (tx) => {
    // Locked: a second delivery at the same time waits, then finds it escalated.
    const found = await tx.lockLate(late.kind, late.id, late.loanId);
    if (!found)
      throw new NonRetryableJobError(
        `${late.what} ${late.id} of loan ${late.loanId} does not exist`,
      );
    if (found.escalatedAt || found.completedAt) return found; // an earlier delivery, or done in time
    await tx.markEscalated(late.kind, found.id, late.at);
    await tx.audit({
      actor: SYSTEM_ACTOR,
      action: late.action,
      outcome: 'ok',
      loanKey: late.loanId,
      reason: `${late.what} due ${found.dueOn} not done: escalated to the center manager of ${loan.branchCode}`,
    });
    return found;
  });
  if (row.completedAt) return;
  await notifier.send({
    dedupeKey: `${late.notice}:${row.id}`,
    loanId: late.loanId,
    channel: 'inbox',
    recipient: `role:center-manager:${loan.branchCode}`,
    kind: late.notice,
    subject: `${late.subject}: ${late.loanId}`,
    body: `The ${late.what} of loan ${late.loanId} was due ${row.dueOn} and is not done.`,
  });
}

export class FollowUpRef extends ServicingStep {
  @IsString() followUpId!: string;
}

/** A follow-up not done by its due date: recorded as late and reported to the center manager. */
@JobWorker({
  type: SERVICING_JOB.escalateFollowUp,
  description: 'Escalate a follow-up after disbursement not done by its due date.',
  input: FollowUpRef,
})
export class EscalateFollowUpWorker implements JobHandler<FollowUpRef, void> {
  constructor(
    private readonly register: AfterDisbursementRecords,
    private readonly records: LoanRecords,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  async handle({ loanId, followUpId, asOf }: FollowUpRef): Promise<void> {
    await escalateLate(this.register, this.notifier, this.records, {
      loanId,
      at: engineMoment(asOf).at,
      kind: 'follow-up',
      id: followUpId,
      action: 'inspection.follow-up-late',
      notice: 'follow-up-late',
      what: 'follow-up after disbursement',
      subject: '贷后回访逾期 Follow-up overdue',
    });
  }
}

export class RevaluationRef extends ServicingStep {
  @IsString() revaluationId!: string;
}

/** A revaluation not recorded by its date: recorded as late and reported to the center manager. */
@JobWorker({
  type: SERVICING_JOB.escalateRevaluation,
  description: 'Escalate a collateral revaluation not recorded by its due date.',
  input: RevaluationRef,
})
export class EscalateRevaluationWorker implements JobHandler<RevaluationRef, void> {
  constructor(
    private readonly register: AfterDisbursementRecords,
    private readonly records: LoanRecords,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  async handle({ loanId, revaluationId, asOf }: RevaluationRef): Promise<void> {
    await escalateLate(this.register, this.notifier, this.records, {
      loanId,
      at: engineMoment(asOf).at,
      kind: 'revaluation',
      id: revaluationId,
      action: 'inspection.revaluation-late',
      notice: 'revaluation-late',
      what: 'collateral revaluation',
      subject: '押品重估逾期 Collateral revaluation overdue',
    });
  }
}
