/** The process of the warning levels (bpmn/portfolio-thresholds.bpmn): the daily evaluation and each crossing's task. */
export const THRESHOLDS_PROCESS_ID = 'portfolio-thresholds';
/** Starts a crossing's instance (one per crossing; the correlation key is the crossing id). */
export const THRESHOLD_CROSSED_MESSAGE = 'threshold-crossed';
export const THRESHOLD_CROSSED_VARIABLES = [
  'crossingId',
  'orgUnitCode',
  'figure',
  'figureName',
  'direction',
  'figureValue',
  'thresholdValue',
  'asOf',
  'crossingLoans',
];
export const THRESHOLDS_JOB = { evaluate: 'thresholds.evaluate' } as const;

/**
 * What evaluates the warning levels (the monitoring area, which reads the figures): the worker
 * here only runs it on the model's timer, so that the model check knows the job type.
 */
export interface PortfolioThresholdEvaluator {
  evaluate(asOf: string, now: Date): Promise<{ opened: string[] }>;
}

export const PORTFOLIO_THRESHOLD_EVALUATOR = Symbol('PORTFOLIO_THRESHOLD_EVALUATOR');
