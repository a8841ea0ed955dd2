import { SYSTEM_ACTOR } from '@loanflow/audit';
import { Money } from '@loanflow/domain';
import { JobHandler, JobWorker, NonRetryableJobError } from '@loanflow/workflow';
import { GUARDED_AT, SERVICING_JOB } from '../servicing.contract';
import { LoanClosingRecords } from './loan-closing-records';
import { ServicingStep } from './servicing-inputs';
import { engineMoment } from './servicing-time';

/** 结清: nothing is outstanding; the loan is settled and says whether collateral is to be released. */
@JobWorker({
  type: SERVICING_JOB.settle,
  onlyAt: GUARDED_AT.settle,
  description: 'Record the loan as settled (结清) and say whether collateral is to be released.',
  input: ServicingStep,
  outputs: ['collateralToRelease'],
})
export class SettleLoanWorker implements JobHandler<
  ServicingStep,
  { collateralToRelease: boolean }
> {
  constructor(private readonly register: LoanClosingRecords) {}

  async handle({ loanId, asOf }: ServicingStep) {
    const { at } = engineMoment(asOf);
    return this.register.transaction(async (tx) => {
      // Locked: a redelivery running beside this one waits, then finds the loan settled, so the
      // money held in advance is owed back once (and a payment being applied waits too).
      const loan = await tx.lockLoan(loanId);
      if (!loan)
        throw new NonRetryableJobError(`loan ${loanId} does not exist in the loan register`);
      if (loan.status !== 'settled') {
        await tx.markSettled(loanId, at);
        // Money still held for the borrower once nothing is owed goes back to them, on record.
        const held = await tx.advanceHeld(loanId);
        if (held.compare(Money.zero()) > 0)
          await tx.oweRefund({
            loanId,
            amount: held,
            reason: 'paid beyond what the loan owed: held in the advance account when it settled',
            dueAt: at,
          });
        await tx.audit({
          actor: SYSTEM_ACTOR,
          action: 'loan.settle',
          outcome: 'ok',
          loanKey: loanId,
          reason: `settled on ${at.toISOString()}: nothing outstanding`,
        });
      }
      return {
        collateralToRelease: loan.guaranteeType === 'mortgage' || loan.guaranteeType === 'pledge',
      };
    });
  }
}
