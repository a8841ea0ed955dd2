import { Inject } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { AuditActor, staffActor, SYSTEM_ACTOR } from '@loanflow/audit';
import {
  DomainError,
  isWorseClass,
  itemAt,
  LoanClass,
  loanPosition,
  restructuredFloor,
} from '@loanflow/domain';
import type { LoanRestructuringEntity } from '@loanflow/persistence';
import { RestructuringApproval, RestructuringReview } from '@loanflow/tasks';
import {
  JobHandler,
  JobWorker,
  NonRetryableJobError,
  ZEEBE_CLIENT,
  ZeebeClient,
  publishOnce,
} from '@loanflow/workflow';
import { CollectionBands } from '../collection/collection-bands';
import { SCHEDULE_REVISED_MESSAGE, GUARDED_AT, SERVICING_JOB } from '../servicing.contract';
import { ServicingStep } from '../workers/servicing-inputs';
import { engineMoment } from '../workers/servicing-time';
import { judgeRestructuring } from './restructuring-rules';
import {
  DecisionTransaction,
  LoanRequestDecisionRecords,
  RevisedInstallment,
} from '../requests/request-decision-records';

class ApprovalVariable extends RestructuringApproval {
  @IsString() by!: string;
}

export class ApplyRestructuringInput extends ServicingStep {
  @IsString() restructuringId!: string;
  @IsObject()
  @ValidateNested()
  @Type(() => ApprovalVariable)
  restructuringApproval!: ApprovalVariable;
}

/**
 * Puts an approved request into effect: the installments not yet due are replaced by the new
 * spread, the loan gets the restructured floor from its level before (2023 rules: special mention
 * from a performing loan, substandard from a non-performing one or one restructured again while
 * under observation) and its observation period starts, and servicing is told to look for its
 * next installment again. Judged again first: a loan that fell behind since is not extended.
 */
@JobWorker({
  type: SERVICING_JOB.applyRestructuring,
  onlyAt: GUARDED_AT.applyRestructuring,
  description:
    'Apply an approved extension or restructuring: re-spread the schedule, tell servicing.',
  input: ApplyRestructuringInput,
  outputs: ['restructuringApplied'],
})
export class ApplyRestructuringWorker implements JobHandler<
  ApplyRestructuringInput,
  { restructuringApplied: boolean }
> {
  constructor(
    private readonly register: LoanRequestDecisionRecords,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly bands: CollectionBands,
  ) {}

  async handle({ loanId, restructuringId, restructuringApproval, asOf }: ApplyRestructuringInput) {
    const { at, date } = engineMoment(asOf);
    const approver = staffActor(restructuringApproval.by, 'approver');
    const applied = await this.register.transaction(async (tx) => {
      const loan = await tx.lockLoan(loanId);
      const request = await tx.request('restructuring', restructuringId, loanId);
      if (!loan || !request)
        throw new NonRetryableJobError(
          `restructuring ${restructuringId} of loan ${loanId} does not exist`,
        );
      if (request.state !== 'requested') return request.state === 'applied'; // an earlier delivery
      // Read before the schedule is re-spread: the observation the loan was under until now.
      const whileInObservation = await tx.inObservation(loan, date);
      let respread;
      try {
        respread = await judgeRestructuring(tx, loan, { ...request, excludeId: request.id }, date);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // The rules refused what the approver approved: the system refuses, the approver decided.
        const grounds = `${error.code}: ${error.message}`;
        await close(
          tx,
          request,
          'refused',
          grounds,
          { decidedBy: approver, actor: SYSTEM_ACTOR },
          at,
        );
        return false;
      }
      let balance = respread.principal;
      const installments: RevisedInstallment[] = respread.installments.map((installment) => {
        balance = balance.minus(installment.principal);
        return { ...installment, balance };
      });
      await tx.replaceInstallments(loanId, respread.replaced, installments);
      const first = itemAt(respread.installments, 0, 'the re-spread schedule');
      const last = itemAt(respread.installments, -1, 'the re-spread schedule');
      const summary =
        `${request.kind} by ${request.extraMonths} months applied: ${respread.principal.toDecimalString()} ` +
        `re-spread over ${respread.installments.length} installments (${first.dueDate} to ${last.dueDate})`;
      // The 2023 rules: a restructured (or extended) loan's floor comes from its level before.
      const levelBefore = loan.classification as LoanClass;
      const floor = restructuredFloor(levelBefore, whileInObservation);
      await tx.update('restructuring', request.id, {
        levelBefore,
        firstNewInstallment: first.number,
        whileInObservation,
        appliedOn: date,
      });
      if (isWorseClass(floor, levelBefore)) {
        const { daysPastDue } = loanPosition({ ...(await tx.ledger(loanId)), asOf: date });
        await tx.classify({
          loanId,
          from: levelBefore,
          to: floor,
          daysPastDue,
          source: 'manual',
          reason: `${request.kind === 'extension' ? 'extended (展期)' : 'restructured (重组)'} on ${approver.username}'s approval: a restructured loan that was ${levelBefore} is at least ${floor}${whileInObservation ? ' (restructured again during observation)' : ''}; observation starts on ${first.dueDate}`,
          actor: approver,
          at,
        });
      }
      await close(tx, request, 'applied', summary, { decidedBy: approver, actor: approver }, at);
      return true;
    });
    if (applied) {
      await this.publish(loanId, restructuringId);
      // The new schedule may move the loan's collection work (a repeat of this job too).
      await this.bands.reassess(loanId, date, at);
    }
    return { restructuringApplied: applied };
  }

  private async publish(loanId: string, restructuringId: string): Promise<void> {
    await publishOnce(this.zeebe, {
      name: SCHEDULE_REVISED_MESSAGE,
      correlationKey: loanId,
      messageId: `${SCHEDULE_REVISED_MESSAGE}:${restructuringId}`,
      // Caught when servicing next waits for an installment (it may be checking one right now).
      timeToLive: 3_600_000,
      variables: { restructuringId },
    });
  }
}

/** Who decided the request (kept on it) and who the audit entry names as acting. */
interface Closing {
  decidedBy: AuditActor;
  actor: AuditActor;
}

async function close(
  tx: DecisionTransaction,
  request: LoanRestructuringEntity,
  state: 'applied' | 'refused',
  outcome: string,
  { decidedBy, actor }: Closing,
  at: Date,
): Promise<void> {
  await tx.update('restructuring', request.id, {
    state,
    openKey: null,
    decidedBy: decidedBy.username,
    outcome: outcome.slice(0, 2000),
    closedAt: at,
  });
  await tx.audit({
    actor,
    action: state === 'applied' ? 'loan.restructure' : 'loan.restructure-refused',
    outcome: state === 'applied' ? 'ok' : 'refused',
    loanKey: request.loanId,
    reason: outcome,
  });
}

class ReviewVariable extends RestructuringReview {
  @IsString() by!: string;
}

export class CloseRestructuringInput extends ServicingStep {
  @IsString() restructuringId!: string;
  @IsObject() @ValidateNested() @Type(() => ReviewVariable) restructuringReview!: ReviewVariable;
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ApprovalVariable)
  restructuringApproval?: ApprovalVariable;
}

/** A request the reviewer rejected or the approver refused: closed with their grounds. */
@JobWorker({
  type: SERVICING_JOB.closeRestructuring,
  description: 'Record an extension or restructuring request as refused, with the grounds.',
  input: CloseRestructuringInput,
})
export class CloseRestructuringWorker implements JobHandler<CloseRestructuringInput, void> {
  constructor(private readonly register: LoanRequestDecisionRecords) {}

  async handle(input: CloseRestructuringInput): Promise<void> {
    const { at } = engineMoment(input.asOf);
    const { restructuringReview: review, restructuringApproval: approval } = input;
    const byApprover = review.outcome === 'pass' && approval;
    const decider = byApprover
      ? staffActor(approval.by, 'approver')
      : staffActor(review.by, 'reviewer');
    const grounds = byApprover
      ? `refused by the approver: ${approval.reasons}`
      : `rejected at review: ${review.opinion}`;
    await this.register.transaction(async (tx) => {
      const request = await tx.request('restructuring', input.restructuringId, input.loanId);
      if (!request)
        throw new NonRetryableJobError(`restructuring ${input.restructuringId} does not exist`);
      if (request.state !== 'requested') return;
      await close(tx, request, 'refused', grounds, { decidedBy: decider, actor: decider }, at);
    });
  }
}
