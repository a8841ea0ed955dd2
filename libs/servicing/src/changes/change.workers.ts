import { Type } from 'class-transformer';
import { IsIn, IsObject, IsString, Matches, ValidateNested } from 'class-validator';
import { AuditActor, staffActor } from '@loanflow/audit';
import { assertChangeAllowed, BorrowerDetails, DetailField, DomainError } from '@loanflow/domain';
import type { LoanChangeRequestEntity } from '@loanflow/persistence';
import { JobHandler, JobWorker, NonRetryableJobError } from '@loanflow/workflow';
import {
  DecisionTransaction,
  LoanRequestDecisionRecords,
} from '../requests/request-decision-records';
import { GUARDED_AT, SERVICING_JOB } from '../servicing.contract';
import { ServicingStep } from '../workers/servicing-inputs';
import { engineMoment } from '../workers/servicing-time';

class ChangeReviewVariable {
  @IsIn(['approve', 'refuse']) outcome!: 'approve' | 'refuse';
  @IsString() by!: string;
}

export class ChangeStepInput extends ServicingStep {
  @Matches(/^\d{1,18}$/, { message: 'changeRequestId must be a change request id' })
  changeRequestId!: string;
  @IsObject()
  @ValidateNested()
  @Type(() => ChangeReviewVariable)
  changeReview!: ChangeReviewVariable;
}

/**
 * Puts an approved change into effect, judged again on the loan as it is now: the payout account
 * on the loan (read by the payout when it runs: an approved change before the payout is the
 * account paid), the borrower's details on their party record; a repayment-account change is in
 * force from its approval (the debit reads the last approved one). A payout-account change
 * approved after the payout is recorded as not applied. A job delivered twice applies once.
 */
@JobWorker({
  type: SERVICING_JOB.applyChange,
  onlyAt: GUARDED_AT.applyChange,
  description:
    'Apply an approved change of account or borrower details, or record why it cannot be.',
  input: ChangeStepInput,
  outputs: ['changeApplied'],
})
export class ApplyChangeWorker implements JobHandler<ChangeStepInput, { changeApplied: boolean }> {
  constructor(private readonly register: LoanRequestDecisionRecords) {}

  async handle({ loanId, changeRequestId, changeReview, asOf }: ChangeStepInput) {
    const { at } = engineMoment(asOf);
    const reviewer = staffActor(changeReview.by, 'reviewer');
    const changeApplied = await this.register.transaction(async (tx) => {
      const loan = await tx.lockLoan(loanId);
      const change = await tx.request('change', changeRequestId, loanId);
      if (!loan || !change)
        throw new NonRetryableJobError(
          `change ${changeRequestId} of loan ${loanId} does not exist`,
        );
      if (change.state !== 'requested') return change.state === 'applied'; // an earlier delivery
      try {
        assertChangeAllowed(change.kind, loan.status, loanId);
        // Core banking records the payout before the loan's status says so: a payout on record
        // means the money went to the account the loan had, whatever its status reads.
        if (change.kind === 'payout-account' && (await tx.paidOut(loanId)))
          assertChangeAllowed('payout-account', 'disbursed', loanId);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        await close(tx, change, 'refused', `not applied: ${error.message}`, reviewer, at);
        return false;
      }
      const after = JSON.parse(change.afterJson) as Record<string, string | null>;
      if (change.kind === 'payout-account')
        await tx.setPayee(loanId, {
          payeeAccount: after.account,
          ...('accountName' in after ? { payeeName: after.accountName } : {}),
        });
      if (change.kind === 'borrower-details') {
        const updates: BorrowerDetails = {};
        for (const field of change.fields.split(',') as DetailField[])
          updates[field] = after[field];
        await tx.updateParty(loanId, change.partyId!, updates);
      }
      await close(tx, change, 'applied', `applied: ${change.fields}`, reviewer, at);
      return true;
    });
    return { changeApplied };
  }
}

/** A change the reviewer refused: closed, the reviewer's grounds kept with it (encrypted). */
@JobWorker({
  type: SERVICING_JOB.closeChange,
  description: 'Record a change of account or borrower details as refused at review.',
  input: ChangeStepInput,
})
export class CloseChangeWorker implements JobHandler<ChangeStepInput, void> {
  constructor(private readonly register: LoanRequestDecisionRecords) {}

  async handle({ loanId, changeRequestId, changeReview, asOf }: ChangeStepInput): Promise<void> {
    const { at } = engineMoment(asOf);
    await this.register.transaction(async (tx) => {
      const change = await tx.request('change', changeRequestId, loanId);
      if (!change) throw new NonRetryableJobError(`change ${changeRequestId} does not exist`);
      if (change.state !== 'requested') return;
      const reviewer = staffActor(changeReview.by, 'reviewer');
      await close(tx, change, 'refused', 'refused at review', reviewer, at);
    });
  }
}

async function close(
  tx: DecisionTransaction,
  change: LoanChangeRequestEntity,
  state: 'applied' | 'refused',
  outcome: string,
  reviewer: AuditActor,
  at: Date,
): Promise<void> {
  await tx.update('change', change.id, {
    state,
    openKey: null,
    outcome: outcome.slice(0, 500),
    closedAt: at,
  });
  await tx.audit({
    actor: reviewer,
    action: state === 'applied' ? 'loan.change-apply' : 'loan.change-refused',
    outcome: state === 'applied' ? 'ok' : 'refused',
    loanKey: change.loanId,
    reason: `${change.kind} change ${change.id} (${change.fields}) reviewed by ${reviewer.username}: ${outcome}`,
  });
}
