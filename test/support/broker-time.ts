import { loadConfig } from '@loanflow/config';
import { BrokerClock } from '@loanflow/workflow';
import { ExporterRecords, RecordFilter } from './exporter-records';

/**
 * Moves the broker's clock and waits until the broker is healthy again. A jump of days makes the
 * broker's actor watchdog think its stream processor stalled for that long: the partition reports
 * unhealthy and reinstalls its services for a moment. Tests wait that out instead of racing it.
 */
export async function advanceClock(clock: BrokerClock, ms: number): Promise<void> {
  await clock.advance(ms);
  await waitForHealthyBroker();
}

/** Moves the clock, waits for health, then until the timers it makes due have fired. */
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

export async function waitForHealthyBroker(timeoutMs = 60_000): Promise<void> {
  const url = `${loadConfig().ZEEBE_MANAGEMENT_URL}/actuator/health`;
  const deadline = Date.now() + timeoutMs;
  let healthyInARow = 0;
  while (Date.now() < deadline) {
    const up = await fetch(url)
      .then((response) => response.ok)
      .catch(() => false);
    healthyInARow = up ? healthyInARow + 1 : 0;
    if (healthyInARow >= 5) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the broker did not become healthy within ${timeoutMs} ms after the clock moved`);
}
