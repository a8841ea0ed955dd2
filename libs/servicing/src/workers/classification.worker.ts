import { IsBoolean, IsOptional } from 'class-validator';
import { JobHandler, JobWorker } from '@loanflow/workflow';
import { Classified, LoanClassifier } from '../classification/loan-classifier';
import { GUARDED_AT, SERVICING_JOB } from '../servicing.contract';
import { ServicingStep } from './servicing-inputs';
import { engineMoment } from './servicing-time';

export type { SystemUpgrade } from '../classification/loan-classifier';

export class ClassifyInput extends ServicingStep {
  /**
   * Set only by the per-loan daily timer of loan-servicing versions before the daily book
   * (ClassifyDaily), while such instances run: look for an upgrade the 2023 conditions now allow.
   */
  @IsOptional() @IsBoolean() proposeUpgrade?: boolean;
}

/**
 * The classification rule after a change of the loan's position (a due-date check, a repayment):
 * the floor, then who holds the collection work (LoanClassifier). The day's remaining work (floors
 * that move only because a day passed, earned upgrades) is the daily-book batch's.
 */
@JobWorker({
  type: SERVICING_JOB.classify,
  onlyAt: GUARDED_AT.classify,
  description: 'Apply the five-level classification floor after a change of position.',
  input: ClassifyInput,
  outputs: ['classification', 'daysPastDue', 'systemUpgrade'],
})
export class ClassifyLoanWorker implements JobHandler<ClassifyInput, Classified> {
  constructor(private readonly classifier: LoanClassifier) {}

  async handle({ loanId, asOf, proposeUpgrade }: ClassifyInput) {
    const { at, date } = engineMoment(asOf);
    return this.classifier.classifyAndReassess(loanId, at, date, proposeUpgrade === true);
  }
}
