import { IsString } from 'class-validator';
import { beijingDate } from '@loanflow/domain';
import { parseEngineDateTime } from '@loanflow/loans';
import { JobHandler, JobWorker, NonRetryableJobError } from '@loanflow/workflow';
import { Inject } from '@nestjs/common';
import {
  PORTFOLIO_THRESHOLD_EVALUATOR,
  PortfolioThresholdEvaluator,
  THRESHOLDS_JOB,
} from './thresholds.contract';

export class EvaluateThresholdsInput {
  @IsString() asOf!: string;
}

/** The daily evaluation of the warning levels (the model's timer); repeating it opens no second crossing. */
@JobWorker({
  type: THRESHOLDS_JOB.evaluate,
  description:
    'Compare every unit’s figures with head office’s warning levels; start a task per new crossing.',
  input: EvaluateThresholdsInput,
  outputs: ['crossingsOpened'],
  timeoutMs: 120_000,
})
export class EvaluateThresholdsWorker implements JobHandler<
  EvaluateThresholdsInput,
  { crossingsOpened: number }
> {
  constructor(
    @Inject(PORTFOLIO_THRESHOLD_EVALUATOR) private readonly evaluation: PortfolioThresholdEvaluator,
  ) {}

  async handle({ asOf }: EvaluateThresholdsInput) {
    const at = parseEngineDateTime(asOf);
    if (!at)
      throw new NonRetryableJobError(`asOf "${asOf}" is not a date-time the worker can read`);
    const result = await this.evaluation.evaluate(beijingDate(at), at);
    return { crossingsOpened: result.opened.length };
  }
}
