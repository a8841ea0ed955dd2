import { endOfBeijingDay } from '@loanflow/domain';
import { NonRetryableJobError } from '@loanflow/workflow';
import { beijingDate, parseEngineDateTime } from '@loanflow/loans';

/** The engine's moment a step ran (FEEL string(now())), and its Beijing business date. */
export function engineMoment(asOf: string): { at: Date; date: string } {
  const at = parseEngineDateTime(asOf);
  if (!at)
    throw new NonRetryableJobError(`asOf "${asOf}" is not a UTC date-time the worker can read`);
  return { at, date: beijingDate(at) };
}

/** An installment is looked at once its due date has ended in Beijing (the next midnight, UTC+8). */
export function endOfBeijingDayIso(date: string): string {
  return endOfBeijingDay(date).toISOString();
}
