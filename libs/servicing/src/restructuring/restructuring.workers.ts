import { Inject } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditTrail, staffActor, SYSTEM_ACTOR } from '@loanflow/audit';
import { DomainError, isWorseClass, itemAt, LoanClass, restructuredFloor } from '@loanflow/domain';
import { LoanEntity, LoanInstallmentEntity, LoanRestructuringEntity } from '@loanflow/persistence';
import { RestructuringApproval, RestructuringReview } from '@loanflow/tasks';
import {
  JobHandler,
  JobWorker,
  NonRetryableJobError,
  ZEEBE_CLIENT,
  ZeebeClient,
  publishOnce,
} from '@loanflow/workflow';
import { readClassificationFacts } from '../classification/classification-facts';
import { CollectionBands } from '../collection/collection-bands';
import { recordClassification } from '../post-loan/record-classification';
import { positionOn } from '../repayments/loan-ledger';
import { SCHEDULE_REVISED_MESSAGE, GUARDED_AT, SERVICING_JOB } from '../servicing.contract';
import { ServicingStep } from '../workers/servicing-inputs';
import { engineMoment } from '../workers/servicing-time';
import { judgeRestructuring } from './restructuring-rules';
import { sqlRequestReads } from '../requests/request-reads';

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
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly bands: CollectionBands,
  ) {}

  async handle({ loanId, restructuringId, restructuringApproval, asOf }: ApplyRestructuringInput) {
    const { at, date } = engineMoment(asOf);
    const approver = staffActor(restructuringApproval.by, 'approver');
    const applied = await this.dataSource.transaction(async (manager) => {
      const loan = await manager.findOne(LoanEntity, {
        where: { id: loanId },
        lock: { mode: 'pessimistic_write' },
      });
      const request = await manager.findOneBy(LoanRestructuringEntity, {
        id: restructuringId,
        loanId,
      });
      if (!loan || !request)
        throw new NonRetryableJobError(
          `restructuring ${restructuringId} of loan ${loanId} does not exist`,
        );
      if (request.state !== 'requested') return request.state === 'applied'; // an earlier delivery
      const before = await readClassificationFacts(manager, loan, date);
      let respread;
      try {
        respread = await judgeRestructuring(
          sqlRequestReads(manager),
          loan,
          { ...request, excludeId: request.id },
          date,
        );
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        await close(
          manager,
          this.audit,
          request,
          'refused',
          `${error.code}: ${error.message}`,
          approver,
          at,
        );
        return false;
      }
      await manager.delete(
        LoanInstallmentEntity,
        respread.replaced.map((number) => ({ loanId, number })),
      );
      let balance = respread.principal;
      for (const installment of respread.installments) {
        balance = balance.minus(installment.principal);
        await manager.insert(LoanInstallmentEntity, {
          loanId,
          number: installment.number,
          dueDate: installment.dueDate,
          paymentMinor: installment.principal.plus(installment.interest).minorUnits.toString(),
          principalMinor: installment.principal.minorUnits.toString(),
          interestMinor: installment.interest.minorUnits.toString(),
          balanceMinor: balance.minorUnits.toString(),
          principalPaidMinor: '0',
          interestPaidMinor: '0',
        });
      }
      const first = itemAt(respread.installments, 0, 'the re-spread schedule');
      const last = itemAt(respread.installments, -1, 'the re-spread schedule');
      const summary =
        `${request.kind} by ${request.extraMonths} months applied: ${respread.principal.toDecimalString()} ` +
        `re-spread over ${respread.installments.length} installments (${first.dueDate} to ${last.dueDate})`;
      // The 2023 rules: a restructured (or extended) loan's floor comes from its level before.
      const levelBefore = loan.classification as LoanClass;
      const whileInObservation = before.floor.restructured?.inObservation === true;
      const floor = restructuredFloor(levelBefore, whileInObservation);
      await manager.update(
        LoanRestructuringEntity,
        { id: request.id },
        {
          levelBefore,
          firstNewInstallment: first.number,
          whileInObservation,
          appliedOn: date,
        },
      );
      if (isWorseClass(floor, levelBefore)) {
        const { daysPastDue } = await positionOn(manager, loanId, date);
        await recordClassification(manager, this.audit, {
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
      await close(manager, this.audit, request, 'applied', summary, approver, at);
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

async function close(
  manager: EntityManager,
  audit: AuditTrail,
  request: LoanRestructuringEntity,
  state: 'applied' | 'refused',
  outcome: string,
  actor: AuditActor,
  at: Date,
): Promise<void> {
  await manager.update(
    LoanRestructuringEntity,
    { id: request.id },
    {
      state,
      openKey: null,
      decidedBy: actor.username,
      outcome: outcome.slice(0, 2000),
      closedAt: at,
    },
  );
  await audit.append(manager, {
    actor: state === 'applied' ? actor : SYSTEM_ACTOR,
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
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

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
    await this.dataSource.transaction(async (manager) => {
      const request = await manager.findOneBy(LoanRestructuringEntity, {
        id: input.restructuringId,
        loanId: input.loanId,
      });
      if (!request)
        throw new NonRetryableJobError(`restructuring ${input.restructuringId} does not exist`);
      if (request.state !== 'requested') return;
      await close(manager, this.audit, request, 'refused', grounds, decider, at);
    });
  }
}
