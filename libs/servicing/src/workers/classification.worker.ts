import { DataSource } from 'typeorm';
import { AuditTrail, SYSTEM_ACTOR } from '@loanflow/audit';
import { dailyRule, LOAN_CLASS_NAMES, LoanClass } from '@loanflow/domain';
import { LoanEntity } from '@loanflow/persistence';
import { JobHandler, JobWorker, NonRetryableJobError } from '@loanflow/workflow';
import { positionOn } from '../repayments/loan-ledger';
import { GUARDED_AT, SERVICING_JOB } from '../servicing.contract';
import { recordClassification } from '../post-loan/record-classification';
import { ServicingStep } from './servicing-inputs';
import { engineMoment } from './servicing-time';

/**
 * The daily classification rule: the floor by days past due (any overdue → special mention, over
 * 90 → substandard, over 270 → doubtful, over 360 → loss) applied when it is worse than the loan's
 * level. The rule never makes a loan better: that needs a review with approval.
 */
@JobWorker({
  type: SERVICING_JOB.classify,
  onlyAt: GUARDED_AT.classify,
  description: 'Apply the five-level classification floor by days past due (daily rule).',
  input: ServicingStep,
  outputs: ['classification', 'daysPastDue'],
})
export class ClassifyLoanWorker implements JobHandler<
  ServicingStep,
  { classification: LoanClass; daysPastDue: number }
> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async handle({ loanId, asOf }: ServicingStep) {
    const { at, date } = engineMoment(asOf);
    return this.dataSource.transaction(async (manager) => {
      const loan = await manager.findOne(LoanEntity, {
        where: { id: loanId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!loan)
        throw new NonRetryableJobError(`loan ${loanId} does not exist in the loan register`);
      const position = await positionOn(manager, loanId, date);
      const current = loan.classification as LoanClass;
      const level = dailyRule(current, position.daysPastDue);
      if (level !== current) {
        await recordClassification(manager, this.audit, {
          loanId,
          from: current,
          to: level,
          daysPastDue: position.daysPastDue,
          source: 'rule',
          reason: `${position.daysPastDue} days past due on ${date}: the floor is ${LOAN_CLASS_NAMES[level]}`,
          actor: SYSTEM_ACTOR,
          at,
        });
      }
      return { classification: level, daysPastDue: position.daysPastDue };
    });
  }
}
