import Decimal from 'decimal.js';
import { DomainError } from '../errors/domain-error';

/**
 * Warning levels head office sets on the figures (总行警戒水平): a unit whose figure is past its
 * level is asked for an action plan. Each figure has the direction that is bad for it.
 */
export type ThresholdFigure = 'overdue-rate' | 'interest-collection-rate' | 'bad-loan-ratio';

export const THRESHOLD_FIGURES: readonly ThresholdFigure[] = [
  'overdue-rate',
  'interest-collection-rate',
  'bad-loan-ratio',
];

export const THRESHOLD_FIGURE_NAMES: Readonly<Record<ThresholdFigure, string>> = {
  'overdue-rate': '逾期率',
  'interest-collection-rate': '收息率',
  'bad-loan-ratio': '不良率',
};

/** Overdue and bad-loan ratios are bad above their level; the collection rate is bad below it. */
export const THRESHOLD_DIRECTION: Readonly<Record<ThresholdFigure, 'above' | 'below'>> = {
  'overdue-rate': 'above',
  'interest-collection-rate': 'below',
  'bad-loan-ratio': 'above',
};

/** A level is a ratio between 0 and 1 with at most four places (0.0500 is 5%). */
export function checkThresholdValue(value: string): string | null {
  if (typeof value !== 'string' || !/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/.test(value))
    return 'must be a ratio from 0 to 1 with at most four decimal places, e.g. 0.0500 for 5%';
  return null;
}

/**
 * Whether `value` is past `threshold` in the figure's bad direction. Exactly at the level is not
 * past it (the level is the last acceptable value). Compared as decimals, never floats.
 */
export function isPastThreshold(
  figure: ThresholdFigure,
  value: string,
  threshold: string,
): boolean {
  const problem = checkThresholdValue(threshold);
  if (problem) throw new DomainError('THRESHOLD_INVALID', `threshold ${threshold}: ${problem}`);
  const compared = new Decimal(value).comparedTo(new Decimal(threshold));
  return THRESHOLD_DIRECTION[figure] === 'above' ? compared > 0 : compared < 0;
}

/**
 * What an evaluation does for one unit and figure given whether a crossing is open: a crossing is
 * opened once, when the figure goes past its level; it stays open (no new task) while the figure
 * stays past it; it clears when the figure comes back, so the next crossing is a new one.
 */
export type CrossingStep = 'open' | 'still-open' | 'clear' | 'none';

export function crossingStep(past: boolean, openCrossing: boolean): CrossingStep {
  if (past) return openCrossing ? 'still-open' : 'open';
  return openCrossing ? 'clear' : 'none';
}
