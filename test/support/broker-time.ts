import { BrokerClock } from '@loanflow/workflow';
import { ExporterRecords, RecordFilter } from './exporter-records';

/**
 * Moves the broker's clock and waits until the timers it makes due have fired (their TRIGGERED
 * records reach the exporter), so a test never races the broker's timer sweep.
 */
export async function advanceUntilTimersFire(
  clock: BrokerClock,
  records: ExporterRecords,
  ms: number,
  timers: RecordFilter,
): Promise<void> {
  await clock.advance(ms);
  await records.waitFor('TIMER', (record) => record.intent === 'TRIGGERED' && timers(record), 30_000);
}
