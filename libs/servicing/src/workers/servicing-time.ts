import { NonRetryableJobError } from '@loanflow/workflow';
import { beijingDate, parseEngineDateTime } from '@loanflow/origination';

/** The engine's moment a step ran (FEEL string(now())), and its Beijing business date. */
export function engineMoment(asOf: string): { at: Date; date: string } {
  const at = parseEngineDateTime(asOf);
  if (!at)
    throw new NonRetryableJobError(`asOf "${asOf}" is not a UTC date-time the worker can read`);
  return { at, date: beijingDate(at) };
}

/** An installment is looked at once its due date has ended in Beijing (the next midnight, UTC+8). */
export function endOfBeijingDay(date: string): string {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();
}
