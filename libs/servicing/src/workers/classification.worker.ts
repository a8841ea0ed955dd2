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
 * The classification rule as a step of its own, served only for instances of older loan-servicing
 * versions (RETIRED_AT_CLASSIFY): the shipped model applies it inside the due-date check
 * (CheckInstallmentWorker) and the repayments' publisher applies it after a payment. The floor,
 * then who holds the collection work (LoanClassifier); the day's remaining work is the daily book's.
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
