import { DataSource } from 'typeorm';
import { AuditTrail, SYSTEM_ACTOR } from '@loanflow/audit';
import { Money } from '@loanflow/domain';
import { LoanEntity, LoanRefundEntity } from '@loanflow/persistence';
import { advanceBalance } from '../repayments/loan-accounts';
import { JobHandler, JobWorker, NonRetryableJobError } from '@loanflow/workflow';
import { GUARDED_AT, SERVICING_JOB } from '../servicing.contract';
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
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async handle({ loanId, asOf }: ServicingStep) {
    const { at } = engineMoment(asOf);
    return this.dataSource.transaction(async (manager) => {
      // Locked: a redelivery running beside this one waits, then finds the loan settled, so the
      // money held in advance is owed back once (and a payment being applied waits too).
      const loan = await manager.findOne(LoanEntity, {
        where: { id: loanId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!loan)
        throw new NonRetryableJobError(`loan ${loanId} does not exist in the loan register`);
      if (loan.status !== 'settled') {
        await manager.update(LoanEntity, { id: loanId }, { status: 'settled', settledAt: at });
        // Money still held for the borrower once nothing is owed goes back to them, on record.
        const held = await advanceBalance(manager, loanId);
        if (held.compare(Money.zero()) > 0)
          await manager.insert(LoanRefundEntity, {
            loanId,
            amountMinor: held.minorUnits.toString(),
            state: 'due',
            reason: 'paid beyond what the loan owed: held in the advance account when it settled',
            dueAt: at,
          });
        await this.audit.append(manager, {
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
