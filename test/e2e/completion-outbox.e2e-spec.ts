import { DataSource } from 'typeorm';
import { NonRetryableJobError, RecordPendingError } from '@loanflow/workflow';
import {
  AuditEntryEntity,
  TaskCompletionOutboxEntity,
  UserTaskEntity,
} from '@loanflow/persistence';
import {
  CompletionOutbox,
  CompletionSweeper,
  failNextSettlement,
  TasksWorkersModule,
} from '@loanflow/tasks';
import {
  eventually,
  fixturePath,
  GOOD_INVESTIGATION,
  loanVariables,
  ofInstance,
  stackSuite,
} from '../support';
import { LoanRecords } from '@loanflow/loans';
import { anyNumber } from '../support/expected-text';

const INVESTIGATION = 'loanflow:investigation-report';

/**
 * Every task completion is audited exactly once, whatever fails between the broker's yes and the
 * database commit: the completion goes through the outbox (task_completion_outbox).
 */
describe('task completion through the outbox', () => {
  const suite = stackSuite({
    models: [fixturePath('credit-decision.bpmn')],
    workers: [TasksWorkersModule],
    api: true,
  });
  let db: DataSource;
  let sweeper: CompletionSweeper;

  beforeAll(() => {
    db = suite.dataSource;
    sweeper = suite.stack.workers!.get(CompletionSweeper);
  });

  async function openTask() {
    const variables = loanVariables();
    await suite.stack.registerLoan(
      variables.businessKey,
      variables.loan.branchCode,
      variables.loan,
    );
    const instance = await suite.stack.zeebe.createProcessInstance({
      bpmnProcessId: 'test-credit-decision',
      variables,
    });
    const task = await suite.staff.waitForTask('li.cm', variables.businessKey, INVESTIGATION);
    return {
      task,
      processInstanceKey: String(instance.processInstanceKey),
      loanId: variables.businessKey,
    };
  }

  function completionsAudited(taskId: string): Promise<number> {
    return db
      .getRepository(AuditEntryEntity)
      .countBy({ taskId, action: 'task.complete', outcome: 'ok' });
  }

  const outboxRow = (jobKey: string) =>
    db.getRepository(TaskCompletionOutboxEntity).findOneBy({ jobKey });

  it('keeps the audit entry of a completion whose database commit failed after the broker accepted it: settled once, from the engine records', async () => {
    const { task, processInstanceKey } = await openTask();
    failNextSettlement(task.id);

    const response = await suite.staff.post('li.cm', `/api/tasks/${task.id}/complete`, {
      answer: GOOD_INVESTIGATION,
    });
    // The engine has it: the person is told it is done, and must not send it again.
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ state: 'completed', completedBy: 'li.cm' });
    await suite.stack.records.waitFor('JOB', ofInstance(processInstanceKey, 'COMPLETED'));

    const settled = await eventually(
      async () => {
        await sweeper.sweep(0);
        return outboxRow(task.id);
      },
      (row) => row?.state === 'done',
    );
    expect(settled).toMatchObject({ state: 'done', username: 'li.cm', answerJson: null });
    expect(await completionsAudited(task.id)).toBe(1);
    expect(await db.getRepository(UserTaskEntity).findOneBy({ id: task.id })).toMatchObject({
      state: 'completed',
      completedBy: 'li.cm',
      endReason: 'completed',
    });

    // Another pass, and a redelivered record, change nothing.
    await sweeper.sweep(0);
    expect(await suite.stack.workers!.get(CompletionOutbox).settle(task.id, 'test')).toBe(
      'not-pending',
    );
    expect(await completionsAudited(task.id)).toBe(1);
  });

  it('releases a completion the broker never received (the api died before asking): the person completes it again, audited once', async () => {
    const { task } = await openTask();
    // What a request leaves behind when its process dies right after recording the intent.
    await suite.stack.api!.get(CompletionOutbox).intend(task.id, {
      actor: { username: 'li.cm', roles: ['customer-manager'], orgUnitCode: 'SB-HZ-XH' },
      answer: GOOD_INVESTIGATION,
      completedAt: new Date(),
    });

    const meanwhile = await suite.staff.post('li.cm', `/api/tasks/${task.id}/complete`, {
      answer: GOOD_INVESTIGATION,
    });
    expect(meanwhile.status).toBe(409);
    expect((meanwhile.body as { code: string }).code).toBe('TASK_COMPLETION_PENDING');

    // The operators' consistency check counts it, for the auditor and the administrator only.
    const report = await suite.staff.as('jiang.audit', (api) =>
      api.GET('/api/monitor/consistency'),
    );
    expect(report.response.status).toBe(200);
    expect(report.data?.completionOutbox.pending).toBeGreaterThanOrEqual(1);
    expect(report.data?.completionOutbox.oldestAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(report.data?.inbox).toMatchObject({
      missing: anyNumber(),
      extra: anyNumber(),
    });
    expect((await suite.staff.get('li.cm', '/api/monitor/consistency')).status).toBe(403);

    // The broker still holds the job: the completion never took, so the row is released.
    expect(await sweeper.sweep(0)).toMatchObject({ released: 1, settled: 0 });
    expect(await outboxRow(task.id)).toBeNull();
    expect(await completionsAudited(task.id)).toBe(0);

    const again = await suite.staff.post('li.cm', `/api/tasks/${task.id}/complete`, {
      answer: GOOD_INVESTIGATION,
    });
    expect(again.status).toBe(200);
    expect(await completionsAudited(task.id)).toBe(1);
    expect((await outboxRow(task.id))?.state).toBe('done');
  });

  it('gives one completion and one audit entry when the same task is completed twice at once', async () => {
    const { task } = await openTask();
    const send = () =>
      suite.staff.post('li.cm', `/api/tasks/${task.id}/complete`, { answer: GOOD_INVESTIGATION });
    const responses = await Promise.all([send(), send(), send()]);
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    for (const refused of responses.filter((r) => r.status === 409))
      expect(['TASK_COMPLETION_PENDING', 'TASK_ENDED']).toContain(
        (refused.body as { code: string }).code,
      );

    await sweeper.sweep(0);
    expect(await completionsAudited(task.id)).toBe(1);
    expect((await outboxRow(task.id))?.state).toBe('done');
  });

  it('has a job that needs what a completion records wait while that completion is pending, and go to an incident once nothing is', async () => {
    const { task, loanId } = await openTask();
    const records = suite.stack.api!.get(LoanRecords, { strict: false });
    // The broker has the investigation's completion; its effects (the verified finances) are not
    // committed yet: the next job must be tried again, its retries kept, not sent to an incident.
    await suite.stack.api!.get(CompletionOutbox).intend(task.id, {
      actor: { username: 'li.cm', roles: ['customer-manager'], orgUnitCode: 'SB-HZ-XH' },
      answer: GOOD_INVESTIGATION,
      completedAt: new Date(),
    });
    expect(await records.completionPending(loanId)).toBe(true);
    await expect(records.verifiedFinancesForJob(loanId)).rejects.toBeInstanceOf(RecordPendingError);
    // Another loan's pending completion does not hold this one's jobs.
    expect(await records.completionPending(`${loanId}X`)).toBe(false);

    // Nothing pending any more (the broker never had it: released): a missing record is a fault.
    expect(await sweeper.sweep(0)).toMatchObject({ released: 1 });
    expect(await records.completionPending(loanId)).toBe(false);
    await expect(records.verifiedFinancesForJob(loanId)).rejects.toBeInstanceOf(
      NonRetryableJobError,
    );
  });
});
