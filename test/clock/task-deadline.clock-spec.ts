import { TasksWorkersModule } from '@loanflow/tasks';
import { BrokerClock, ZeebeClient } from '@loanflow/workflow';
import {
  advanceUntilTimersFire,
  ExporterRecords,
  fixturePath,
  GOOD_INVESTIGATION,
  loanVariables,
  ofInstance,
  PASSING_REVIEW,
  stackSuite,
} from '../support';
import { textContaining } from '../support/expected-text';

const FIVE_DAYS_MS = 5 * 24 * 3600 * 1000;

describe('a review task interrupted by its 5-day boundary timer', () => {
  const suite = stackSuite({
    models: [fixturePath('credit-decision.bpmn')],
    workers: [TasksWorkersModule],
    api: true,
  });
  let zeebe: ZeebeClient;
  let records: ExporterRecords;
  let clock: BrokerClock;

  beforeAll(() => {
    zeebe = suite.stack.zeebe;
    records = suite.stack.records;
    clock = suite.stack.clock;
  });

  it('leaves every inbox when the timer fires, and completing it afterwards is a 409', async () => {
    const variables = loanVariables();
    await suite.stack.registerLoan(variables.businessKey);
    const instance = await zeebe.createProcessInstance({
      bpmnProcessId: 'test-credit-decision',
      variables,
    });
    const key = String(instance.processInstanceKey);
    const investigation = await suite.staff.waitForTask(
      'li.cm',
      variables.businessKey,
      'loanflow:investigation-report',
    );
    await suite.staff.post('li.cm', `/api/tasks/${investigation.id}/complete`, {
      answer: GOOD_INVESTIGATION,
    });
    const review = await suite.staff.waitForTask(
      'wang.reviewer',
      variables.businessKey,
      'loanflow:review-opinion',
    );
    await suite.staff
      .post('wang.reviewer', `/api/tasks/${review.id}/claim`)
      .then((r) => expect(r.status).toBe(200));

    await advanceUntilTimersFire(clock, records, FIVE_DAYS_MS + 60_000, ofInstance(key));
    await records.waitFor(
      'PROCESS_INSTANCE',
      ofInstance(key, 'ELEMENT_COMPLETED', (r) => r.value.elementId === 'ReviewOverdue'),
    );

    const gone = await waitUntil(async () => {
      const inbox = await suite.staff.get(
        'wang.reviewer',
        `/api/tasks?loan=${variables.businessKey}`,
      );
      return (inbox.body as { items: unknown[] }).items.length === 0;
    });
    expect(gone).toBe(true);
    expect(
      (
        (await suite.staff.get('qian.reviewer', `/api/tasks?loan=${variables.businessKey}`))
          .body as {
          items: unknown[];
        }
      ).items,
    ).toEqual([]);

    const late = await suite.staff.post('wang.reviewer', `/api/tasks/${review.id}/complete`, {
      answer: PASSING_REVIEW,
    });
    expect(late.status).toBe(409);
    expect((late.body as { code: string }).code).toBe('TASK_ENDED');
    const detail = await suite.staff.get('wang.reviewer', `/api/tasks/${review.id}`);
    expect(detail.body).toMatchObject({
      state: 'cancelled',
      endReason: textContaining('withdrawn by the engine'),
    });

    const trail = await suite.staff.get('jiang.audit', `/api/loans/${variables.businessKey}/audit`);
    expect(
      (trail.body as { actor: string; action: string; outcome: string }[]).map(
        (e) => `${e.actor} ${e.action} ${e.outcome}`,
      ),
    ).toEqual([
      'li.cm task.complete ok',
      'wang.reviewer task.claim ok',
      'engine task.ended-in-engine ok',
      'wang.reviewer task.complete refused',
    ]);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
