import { BrokerClock, ZeebeClient } from '@loanflow/workflow';
import {
  advanceClock,
  advanceUntilTimersFire,
  ExporterRecords,
  fixturePath,
  ofInstance,
  stackSuite,
} from '../support';

const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

describe("a P30D timer on the broker's controlled clock", () => {
  const suite = stackSuite({ models: [fixturePath('timer-p30d.bpmn')] });
  let zeebe: ZeebeClient;
  let records: ExporterRecords;
  let clock: BrokerClock;

  beforeAll(() => {
    zeebe = suite.stack.zeebe;
    records = suite.stack.records;
    clock = suite.stack.clock;
  });

  it('waits 30 days of broker time, not of test time, and then fires', async () => {
    const instance = await zeebe.createProcessInstance({
      bpmnProcessId: 'test-timer-p30d',
      variables: {},
    });
    const key = String(instance.processInstanceKey);
    const created = await records.waitFor('TIMER', ofInstance(key, 'CREATED'));
    const brokerNow = (await clock.now()).getTime();
    expect(Number(created.value.dueDate) - brokerNow).toBeGreaterThan(THIRTY_DAYS_MS - 60_000);

    // A day short of due: nothing fires.
    await advanceClock(clock, THIRTY_DAYS_MS - 24 * 3600 * 1000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await records.all('TIMER', ofInstance(key, 'TRIGGERED'))).toHaveLength(0);

    await advanceUntilTimersFire(clock, records, 24 * 3600 * 1000 + 60_000, ofInstance(key));
    const completed = await records.waitFor(
      'PROCESS_INSTANCE',
      ofInstance(key, 'ELEMENT_COMPLETED', (r) => r.value.bpmnElementType === 'PROCESS'),
    );
    expect(completed.value.bpmnProcessId).toBe('test-timer-p30d');
  });
});
