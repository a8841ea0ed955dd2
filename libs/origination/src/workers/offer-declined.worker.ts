import { SYSTEM_ACTOR } from '@loanflow/audit';
import { JobHandler, JobWorker, NonRetryableJobError } from '@loanflow/workflow';
import { JOB } from '../origination.contract';
import { DecisionRecords } from './decision-records';
import { LoanRef } from './worker-inputs';

/**
 * A counter-offer the applicant declined, or left unanswered for 15 days: the loan ends there,
 * no contract is signed, and the lapse is on record as the applicant's (non-)answer.
 */
@JobWorker({
  type: JOB.recordOfferDeclined,
  description: 'Record a counter-offer declined by the applicant, or lapsed unanswered.',
  input: LoanRef,
})
export class RecordOfferDeclinedWorker implements JobHandler<LoanRef, void> {
  constructor(private readonly register: DecisionRecords) {}

  async handle({ loanId }: LoanRef): Promise<void> {
    await this.register.transaction(async (tx) => {
      const loan = await tx.lockLoan(loanId);
      if (!loan)
        throw new NonRetryableJobError(`loan ${loanId} does not exist in the loan register`);
      if (loan.status === 'offer-declined') return;
      const recorded = await tx.recordedApproval(loanId);
      const lapsed = recorded?.offerAnswer !== 'declined';
      if (lapsed)
        await tx.addDecision({
          loanId,
          kind: 'offer-acceptance',
          outcome: 'expired',
          decidedBy: 'system',
          reasons: 'no answer from the applicant within 15 days',
          decidedAt: new Date(),
        });
      await tx.updateLoan(loanId, { status: 'offer-declined', decisionOutcome: 'offer-declined' });
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: 'decision.offer-declined',
        outcome: 'ok',
        loanKey: loanId,
        reason: lapsed
          ? 'the counter-offer lapsed: no answer from the applicant within 15 days'
          : 'the applicant declined the counter-offer',
      });
    });
  }
}
