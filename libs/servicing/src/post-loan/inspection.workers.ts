import { Inject } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsString, ValidateNested, IsOptional } from 'class-validator';
import { staffActor, SYSTEM_ACTOR } from '@loanflow/audit';
import { NOTIFIER, Notifier } from '@loanflow/adapters';
import {
  beijingDate,
  DomainError,
  endOfBeijingDay,
  LOAN_CLASSES,
  LoanClass,
  keyCustomerInspectionMonths,
  LoanProduct,
  loanPosition,
  planNextInspection,
  reclassify,
  RiskGrade,
  warningFromFindings,
  WarningLevel,
  worseWarning,
} from '@loanflow/domain';
import { InspectionReport, ReclassificationApproval } from '@loanflow/tasks';
import { JobContext, JobHandler, JobWorker, NonRetryableJobError } from '@loanflow/workflow';
import { GUARDED_AT, SERVICING_JOB } from '../servicing.contract';
import { ServicingStep } from '../workers/servicing-inputs';
import { engineMoment } from '../workers/servicing-time';
import { InspectionRecords } from './inspection-records';
import { RiskWarnings } from './risk-warnings.service';
import { servicedLoanSummaryOf, LoanRecords } from '@loanflow/loans';

export interface PlannedInspectionVariable {
  id: string;
  number: number;
  kind: 'first' | 'periodic';
  dueOn: string;
  /** When the task is handed out: the start of its opening day in Beijing. */
  opensAt: string;
  /** The end of the due date in Beijing: a report after it is late. */
  dueAt: string;
}

/**
 * Plans the loan's next inspection (the first after disbursement, then periodic by product, grade
 * and classification) and gives the process its dates. A re-delivered job finds the inspection it
 * planned before: a new one is planned only once the last one is reported.
 */
@JobWorker({
  type: SERVICING_JOB.planInspection,
  description: 'Plan the next post-loan inspection (first by product, then periodic by risk).',
  input: ServicingStep,
  outputs: ['inspection', 'loan'],
})
export class PlanInspectionWorker implements JobHandler<
  ServicingStep,
  { inspection: PlannedInspectionVariable; loan: object }
> {
  constructor(
    private readonly register: InspectionRecords,
    private readonly records: LoanRecords,
  ) {}

  async handle({ loanId, asOf }: ServicingStep) {
    const { at, date } = engineMoment(asOf);
    const { loan, applicant, guarantors } = await this.records.fileForJob(loanId);
    if (!loan.disbursedAt)
      throw new NonRetryableJobError(`loan ${loanId} has not been disbursed: nothing to inspect`);
    const last = await this.register.lastInspection(loanId);
    let planned = last && !last.completedAt ? last : null;
    if (!planned) {
      // A borrower on any unit's key-customer list (重点客户) is inspected at that entry's interval
      // when it is shorter; an entry added or removed applies from the next inspection planned.
      const listed = await this.register.keyCustomerEntries(applicant.idNumberIndex);
      const plan = planNextInspection(
        {
          product: loan.product as LoanProduct,
          riskGrade: (loan.riskGrade as RiskGrade | null) ?? null,
          classification: loan.classification as LoanClass,
          disbursedOn: beijingDate(loan.disbursedAt),
          previousDueOn: last?.dueOn ?? null,
          keyCustomerMonths: keyCustomerInspectionMonths(listed),
        },
        date,
      );
      // The unique (loan, number) makes a concurrent duplicate delivery fail and retry into the branch above.
      planned = await this.register.planInspection({
        loanId,
        number: (last?.number ?? 0) + 1,
        kind: plan.kind,
        opensOn: plan.opensOn,
        dueOn: plan.dueOn,
        intervalMonths: plan.intervalMonths,
        escalatedAt: null,
        completedAt: null,
        completedOn: null,
        inspector: null,
        reportJson: null,
        plannedAt: at,
      });
    }
    const opensAt = new Date(endOfBeijingDay(planned.opensOn).getTime() - 86_400_000);
    return {
      inspection: {
        id: planned.id,
        number: planned.number,
        kind: planned.kind,
        dueOn: planned.dueOn,
        opensAt: opensAt.toISOString(),
        dueAt: endOfBeijingDay(planned.dueOn).toISOString(),
      },
      loan: servicedLoanSummaryOf(loan, applicant, guarantors),
    };
  }
}

class InspectionReportVariable extends InspectionReport {
  @IsString() by!: string;
}

export class RecordInspectionInput extends ServicingStep {
  @IsString() inspectionId!: string;
  @ValidateNested()
  @Type(() => InspectionReportVariable)
  inspectionReport!: InspectionReportVariable;
}

// A type (not an interface) so that it is assignable to the job's variables.
type InspectionOutcome = {
  upgradeProposed: boolean;
  proposedClassification: LoanClass;
  inspectionWarning: WarningLevel | null;
};

/**
 * Records the officer's report. A worse classification applies at once; a better one waits for the
 * risk manager (upgradeProposed); the warning the report or its findings call for is raised.
 */
@JobWorker({
  type: SERVICING_JOB.recordInspection,
  description:
    'Record an inspection report: reclassify if worse, propose if better, raise warnings.',
  input: RecordInspectionInput,
  outputs: ['upgradeProposed', 'proposedClassification', 'inspectionWarning'],
})
export class RecordInspectionWorker implements JobHandler<
  RecordInspectionInput,
  InspectionOutcome
> {
  constructor(
    private readonly register: InspectionRecords,
    private readonly warnings: RiskWarnings,
  ) {}

  async handle(input: RecordInspectionInput, context: JobContext): Promise<InspectionOutcome> {
    const { at, date } = engineMoment(input.asOf);
    const report = input.inspectionReport;
    const inspector = staffActor(report.by, 'post-loan-officer');
    const result = await this.register.once(
      SERVICING_JOB.recordInspection,
      input.inspectionId,
      context.jobKey,
      async (tx): Promise<InspectionOutcome> => {
        const loan = await tx.lockLoan(input.loanId);
        if (!loan) throw new NonRetryableJobError(`loan ${input.loanId} does not exist`);
        const { by: _by, ...findings } = report;
        const updated = await tx.completeInspection(input.inspectionId, input.loanId, {
          completedAt: at,
          completedOn: date,
          inspector: report.by,
          reportJson: JSON.stringify(findings),
        });
        if (!updated)
          throw new NonRetryableJobError(
            `inspection ${input.inspectionId} of loan ${input.loanId} does not exist`,
          );
        const current = loan.classification as LoanClass;
        const { daysPastDue } = loanPosition({ ...(await tx.ledger(loan.id)), asOf: date });
        const warning = worseWarning(
          report.warningLevel === 'none' ? null : report.warningLevel,
          warningFromFindings(report),
        );
        const outcome = {
          upgradeProposed: false,
          proposedClassification: current,
          inspectionWarning: warning,
        };
        try {
          await tx.assertBetterLevelAllowed(loan, report.proposedClassification, date);
          const decision = reclassify(current, report.proposedClassification, 'inspection', {
            daysPastDue,
          });
          if (decision.applies)
            await tx.classify({
              loanId: loan.id,
              from: current,
              to: decision.level,
              daysPastDue,
              source: 'inspection',
              reason: `inspection ${input.inspectionId}: ${report.findings}`,
              actor: inspector,
              at,
            });
          return {
            ...outcome,
            upgradeProposed: decision.needsApproval,
            proposedClassification: decision.needsApproval ? decision.to : decision.level,
          };
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          // Below a floor, or an upgrade not earned: the level stands, and the trail names the rule.
          await tx.audit({
            actor: inspector,
            action: 'loan.classify',
            outcome: 'refused',
            loanKey: loan.id,
            reason: `${error.code}: ${error.message}`,
          });
          return outcome;
        }
      },
    );
    if (result.inspectionWarning) {
      await this.warnings
        .raise({
          loanId: input.loanId,
          level: result.inspectionWarning,
          signal: 'inspection',
          description: `inspection ${input.inspectionId} by ${report.by}: ${report.findings}`,
          actor: inspector,
          at,
        })
        .catch((error: unknown) => {
          if (error instanceof DomainError && error.code === 'LOAN_NOT_IN_SERVICING') return;
          throw error;
        });
    }
    return result;
  }
}

export class InspectionRef extends ServicingStep {
  @IsString() inspectionId!: string;
}

/** An inspection report not in by its due date: recorded as late and reported to the center manager. */
@JobWorker({
  type: SERVICING_JOB.escalateInspection,
  description: 'Escalate a post-loan inspection not reported by its due date.',
  input: InspectionRef,
})
export class EscalateInspectionWorker implements JobHandler<InspectionRef, void> {
  constructor(
    private readonly register: InspectionRecords,
    private readonly records: LoanRecords,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  async handle({ loanId, inspectionId, asOf }: InspectionRef): Promise<void> {
    const { at } = engineMoment(asOf);
    const { loan, applicant } = await this.records.fileForJob(loanId);
    const inspection = await this.register.transaction(async (tx) => {
      // Locked: a second delivery at the same time waits, then finds it escalated.
      const row = await tx.lockInspection(inspectionId, loanId);
      if (!row)
        throw new NonRetryableJobError(
          `inspection ${inspectionId} of loan ${loanId} does not exist`,
        );
      if (row.escalatedAt || row.completedAt) return row; // an earlier delivery, or reported just in time
      await tx.markEscalated(row.id, at);
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: 'inspection.late',
        outcome: 'ok',
        loanKey: loanId,
        reason: `inspection ${row.number} (${row.kind}) due ${row.dueOn} not reported: escalated to the center manager of ${loan.branchCode}`,
      });
      return row;
    });
    if (inspection.completedAt) return;
    await this.notifier.send({
      dedupeKey: `inspection-late:${inspection.id}`,
      loanId,
      channel: 'inbox',
      recipient: `role:center-manager:${loan.branchCode}`,
      kind: 'inspection-late',
      subject: `贷后检查逾期 Post-loan inspection overdue: ${loanId}`,
      body: `Inspection ${inspection.number} of the loan of ${applicant.name} (${loanId}) was due ${inspection.dueOn} and has no report.`,
    });
  }
}

class ApprovalVariable extends ReclassificationApproval {
  @IsString() by!: string;
}

export class ApplyUpgradeInput extends ServicingStep {
  /** The inspection's proposal; for the system's, the level it recorded on the loan. */
  @IsOptional() @IsIn([...LOAN_CLASSES]) proposedClassification?: LoanClass | null;
  /** system: the daily rule proposed it (the 2023 conditions met); else an inspection did. */
  @IsOptional() @IsIn(['system', 'inspection']) upgradeSource?: 'system' | 'inspection';
  @ValidateNested() @Type(() => ApprovalVariable) reclassificationApproval!: ApprovalVariable;
}

/** Applies a better classification the risk manager approved (never below the floor). */
@JobWorker({
  type: SERVICING_JOB.reclassify,
  onlyAt: GUARDED_AT.reclassify,
  description: 'Apply an approved better classification (never below the days-past-due floor).',
  input: ApplyUpgradeInput,
  outputs: ['classification'],
})
export class ApplyUpgradeWorker implements JobHandler<
  ApplyUpgradeInput,
  { classification: LoanClass }
> {
  constructor(private readonly register: InspectionRecords) {}

  async handle({
    loanId,
    asOf,
    proposedClassification,
    reclassificationApproval,
    upgradeSource,
  }: ApplyUpgradeInput) {
    const { at, date } = engineMoment(asOf);
    const approver = staffActor(reclassificationApproval.by, 'risk-manager');
    return this.register.transaction(async (tx) => {
      const loan = await tx.lockLoan(loanId);
      if (!loan) throw new NonRetryableJobError(`loan ${loanId} does not exist`);
      const current = loan.classification as LoanClass;
      if (upgradeSource === 'system') await tx.closeUpgradeProposal(loanId);
      const proposed =
        upgradeSource === 'system'
          ? (loan.upgradeProposedLevel as LoanClass | null)
          : proposedClassification;
      if (!proposed)
        throw new NonRetryableJobError(`no proposed classification to apply to loan ${loanId}`);
      if (!reclassificationApproval.approved) return { classification: current };
      const { daysPastDue } = loanPosition({ ...(await tx.ledger(loanId)), asOf: date });
      try {
        await tx.assertBetterLevelAllowed(loan, proposed, date);
        const decision = reclassify(current, proposed, 'inspection', {
          daysPastDue,
          approved: true,
        });
        if (decision.applies)
          await tx.classify({
            loanId,
            from: current,
            to: decision.level,
            daysPastDue,
            source: upgradeSource === 'system' ? 'rule' : 'inspection',
            reason: `better level approved by ${approver.username}: ${reclassificationApproval.reasons}`,
            actor: approver,
            at,
          });
        return { classification: decision.level };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // The loan fell further behind since the inspection: the floor now forbids the better level.
        await tx.audit({
          actor: approver,
          action: 'loan.classify',
          outcome: 'refused',
          loanKey: loanId,
          reason: `${error.code}: ${error.message}`,
        });
        return { classification: current };
      }
    });
  }
}
