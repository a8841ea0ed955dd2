import { BrokerClock } from '@loanflow/workflow';
import { ExporterRecords, RecordFilter } from './exporter-records';

/**
 * Moves the broker's clock. After a jump of more than a few seconds the broker's watchdog sees its
 * stream processor's last health tick "in the past" and reports the partition unhealthy for about
 * a minute (actuator health DOWN); processing goes on, so tests do not wait for health.
 */
export async function advanceClock(clock: BrokerClock, ms: number): Promise<void> {
  await clock.advance(ms);
}

/** Moves the clock, then waits until the timers it makes due have fired (their TRIGGERED records). */
export async function advanceUntilTimersFire(
  clock: BrokerClock,
  records: ExporterRecords,
  ms: number,
  timers: RecordFilter,
): Promise<void> {
  await advanceClock(clock, ms);
  await records.waitFor(
    'TIMER',
    (record) => record.intent === 'TRIGGERED' && timers(record),
    30_000,
  );
}
