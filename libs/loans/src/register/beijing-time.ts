import { beijingDate } from '@loanflow/domain';

/** The bank's business day is Beijing's (UTC+8, no daylight saving). */
export { beijingDate };

export function beijingToday(): string {
  return beijingDate(new Date());
}

/**
 * Reads a date-time the engine wrote with FEEL's string(now()): ISO 8601 with an offset, or with a
 * zone id after "@" (2026-09-30T02:00:00@Etc/UTC). Only UTC zone ids are expected from the broker.
 */
export function parseEngineDateTime(value: string): Date | null {
  const [local = '', zone] = value.split('@');
  if (zone !== undefined && !/^((Etc\/)?(UTC|GMT)|Z)$/i.test(zone)) return null;
  const hasOffset = /([zZ]|[+-]\d{2}:?\d{2})$/.test(local);
  const parsed = new Date(hasOffset ? local : `${local}Z`);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}
