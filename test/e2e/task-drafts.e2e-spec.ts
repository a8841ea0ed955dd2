import { GOOD_INVESTIGATION, PASSING_REVIEW } from '@loanflow/origination';
import { AuditEntryEntity, TaskDraftEntity, UserTaskEntity } from '@loanflow/persistence';
import { applyAs, creditApplication, eventually, FORM, originationSuite } from '../support';

const HALF_FILLED = { interviewDone: true, monthlyIncome: '28000.00', remarks: '还差收入证明' };
const HALF_REVIEWED = { outcome: 'pass', legalityChecked: true, remarks: '待核对抵押登记' };

describe('task drafts: a form saved half-filled, resumed by its assignee only, gone when the task ends', () => {
  const suite = originationSuite();

  const draftOf = (taskId: string) =>
    suite.dataSource.getRepository(TaskDraftEntity).findOneBy({ taskId });

  const readDraft = (username: string, id: string) =>
    suite.staff.as(username, (api) =>
      api.GET('/api/tasks/{id}/draft', { params: { path: { id } } }),
    );
  const saveDraft = (username: string, id: string, answer: Record<string, unknown>) =>
    suite.staff.as(username, (api) =>
      api.PUT('/api/tasks/{id}/draft', { params: { path: { id } }, body: { answer } }),
    );

  it('keeps the draft for its assignee, refuses everyone else, and drops it on completion', async () => {
    const applied = await applyAs(suite.staff, creditApplication(), 'li.cm');
    await applied.desk.completeOk('li.cm', FORM.investigation, GOOD_INVESTIGATION);
    const task = await suite.staff.waitForTask('wang.reviewer', applied.loanId, FORM.review);
    const path = `/api/tasks/${task.id}/draft`;

    // A candidate who has not claimed the task keeps no draft of it.
    const unclaimed = await saveDraft('wang.reviewer', task.id, HALF_REVIEWED);
    expect(unclaimed.response.status).toBe(403);
    expect(unclaimed.error?.code).toBe('NOT_ASSIGNEE');

    expect((await suite.staff.post('wang.reviewer', `/api/tasks/${task.id}/claim`)).status).toBe(
      200,
    );
    const none = await readDraft('wang.reviewer', task.id);
    expect(none.response.status).toBe(404);
    expect(none.error?.code).toBe('DRAFT_NOT_FOUND');

    const saved = await saveDraft('wang.reviewer', task.id, HALF_REVIEWED);
    expect(saved.response.status).toBe(200);
    expect(saved.data).toMatchObject({ taskId: task.id, answer: HALF_REVIEWED });
    // Bad input as a client might send it, past the typed client.
    const bad = await suite.staff.put('wang.reviewer', path, { answer: 'not an object' });
    expect(bad.status).toBe(400);
    const { fieldErrors } = bad.body as { fieldErrors: { field: string }[] };
    expect(fieldErrors.map((f) => f.field)).toEqual(['answer']);

    const resumed = await readDraft('wang.reviewer', task.id);
    expect(resumed.response.status).toBe(200);
    expect(resumed.data?.answer).toEqual(HALF_REVIEWED);
    // Never the engine's: the task waits as before; the draft is encrypted at rest.
    expect(
      (await suite.dataSource.getRepository(UserTaskEntity).findOneByOrFail({ id: task.id })).state,
    ).toBe('open');
    const [raw] = await suite.dataSource.query<{ answer: string }[]>(
      `SELECT answer FROM task_draft WHERE task_id = ?`,
      [task.id],
    );
    expect(raw.answer).toMatch(/^enc:v1:/);

    // Another reviewer of the group, the branch's manager, and another branch: none may read it.
    const colleague = await readDraft('qian.reviewer', task.id);
    expect(colleague.response.status).toBe(403);
    expect(colleague.error?.code).toBe('NOT_ASSIGNEE');
    const manager = await saveDraft('chen.center', task.id, {});
    expect(manager.response.status).toBe(403);
    expect(manager.error?.code).toBe('NOT_ASSIGNEE');
    const otherBranch = await readDraft('he.reviewer', task.id);
    expect(otherBranch.response.status).toBe(404);
    expect(otherBranch.error?.code).toBe('TASK_NOT_FOUND');
    const refusals = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ taskId: task.id, outcome: 'refused' });
    expect(refusals.map((r) => r.actor)).toEqual(
      expect.arrayContaining(['qian.reviewer', 'chen.center']),
    );

    const completed = await suite.staff.post('wang.reviewer', `/api/tasks/${task.id}/complete`, {
      answer: PASSING_REVIEW,
    });
    expect(completed.status).toBe(200);
    expect(await draftOf(task.id)).toBeNull();
    const after = await readDraft('wang.reviewer', task.id);
    expect(after.response.status).toBe(409);
    expect(after.error?.code).toBe('TASK_ENDED');
    const acts = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .find({ where: { taskId: task.id, outcome: 'ok' }, order: { id: 'ASC' } });
    expect(acts.map((a) => a.action)).toEqual(['task.claim', 'task.draft-save', 'task.complete']);
  });

  it('drops the draft when the engine ends the task (the application is cancelled)', async () => {
    const { loanId, processInstanceKey } = await applyAs(suite.staff, creditApplication(), 'li.cm');
    const task = await suite.staff.waitForTask('li.cm', loanId, FORM.investigation);
    expect((await suite.staff.post('li.cm', `/api/tasks/${task.id}/claim`)).status).toBe(200);
    const path = `/api/tasks/${task.id}/draft`;
    expect((await suite.staff.put('li.cm', path, { answer: HALF_FILLED })).status).toBe(200);
    expect(await draftOf(task.id)).not.toBeNull();

    await suite.stack.zeebe.cancelProcessInstance(processInstanceKey);
    const ended = await eventually(
      () => suite.dataSource.getRepository(UserTaskEntity).findOneByOrFail({ id: task.id }),
      (row) => row.state !== 'open',
    );
    expect(ended.state).toBe('cancelled');
    expect(await draftOf(task.id)).toBeNull();
  });
});
