import type { components } from '@loanflow/api-client';
import { AuditEntryEntity, NotificationEntity } from '@loanflow/persistence';
import { applyAs, creditApplication, FORM, originationSuite } from '../support';

type CommentView = components['schemas']['CommentView'];
type MentionView = components['schemas']['MentionView'];
type ErrorAnswer = Required<components['schemas']['ErrorAnswer']>;

describe('comments on a loan file: who, when, what, and the colleagues mentioned', () => {
  const suite = originationSuite();
  let hangzhouLoan: string;
  let ningboLoan: string;

  beforeAll(async () => {
    hangzhouLoan = (await applyAs(suite.staff, creditApplication(), 'li.cm')).loanId;
    ningboLoan = (await applyAs(suite.staff, creditApplication(), 'sun.cm')).loanId;
  });

  it('keeps a comment with its author and time, and a mention reaches the colleague’s inbox', async () => {
    const posted = await suite.staff.post('li.cm', `/api/loans/${hangzhouLoan}/comments`, {
      text: '客户补交了工资流水，请 @wang.reviewer 复核。',
    });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({
      loanId: hangzhouLoan,
      taskId: null,
      author: 'li.cm',
      mentions: ['wang.reviewer'],
    });
    expect(Date.parse((posted.body as CommentView).at)).toBeGreaterThan(Date.now() - 60_000);

    const listed = await suite.staff.get('wang.reviewer', `/api/loans/${hangzhouLoan}/comments`);
    expect(listed.status).toBe(200);
    expect((listed.body as CommentView[]).map((c) => c.text)).toEqual([
      '客户补交了工资流水，请 @wang.reviewer 复核。',
    ]);

    const mentions = await suite.staff.get('wang.reviewer', '/api/mentions');
    expect(mentions.status).toBe(200);
    expect((mentions.body as MentionView[]).map((c) => c.id)).toContain(
      (posted.body as CommentView).id,
    );
    const others = await suite.staff.get('qian.reviewer', '/api/mentions');
    expect((others.body as MentionView[]).map((c) => c.id)).not.toContain(
      (posted.body as CommentView).id,
    );

    const notices = await suite.dataSource
      .getRepository(NotificationEntity)
      .findBy({ loanId: hangzhouLoan, kind: 'comment-mention' });
    expect(notices.map((n) => [n.channel, n.recipient])).toEqual([['inbox', 'user:wang.reviewer']]);

    const audit = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ loanKey: hangzhouLoan, action: 'loan.comment' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'li.cm', outcome: 'ok' });
    expect(audit[0].inputsDigest).toBeTruthy();
  });

  it('comments on a task, shown with the task and in the loan’s comments', async () => {
    const task = await suite.staff.waitForTask('li.cm', hangzhouLoan, FORM.investigation);
    const posted = await suite.staff.post('li.cm', `/api/tasks/${task.id}/comments`, {
      text: 'visited the workplace; photos to follow',
      mentions: ['chen.center'],
    });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({
      taskId: task.id,
      taskType: FORM.investigation,
      mentions: ['chen.center'],
    });
    const onTask = await suite.staff.get('li.cm', `/api/tasks/${task.id}/comments`);
    expect((onTask.body as CommentView[]).map((c) => c.id)).toEqual([
      (posted.body as CommentView).id,
    ]);
    const onLoan = await suite.staff.get('chen.center', `/api/loans/${hangzhouLoan}/comments`);
    expect((onLoan.body as CommentView[]).map((c) => c.taskId)).toEqual([null, task.id]);
    const trail = await suite.staff.get('chen.center', `/api/loans/${hangzhouLoan}/audit`);
    expect(
      (trail.body as { action: string; taskId: string }[]).filter(
        (e) => e.action === 'task.comment',
      ),
    ).toEqual([expect.objectContaining({ taskId: task.id })]);
  });

  it('refuses a blank comment and a mention of someone who may not see the loan, naming the field', async () => {
    const blank = await suite.staff.post('li.cm', `/api/loans/${hangzhouLoan}/comments`, {
      text: '  ',
    });
    expect(blank.status).toBe(400);
    expect((blank.body as ErrorAnswer).fieldErrors.map((f: { field: string }) => f.field)).toEqual([
      'text',
    ]);

    const outside = await suite.staff.post('li.cm', `/api/loans/${hangzhouLoan}/comments`, {
      text: 'please look',
      mentions: ['he.reviewer', 'no.such.user'],
    });
    expect(outside.status).toBe(400);
    expect((outside.body as ErrorAnswer).fieldErrors).toEqual([
      {
        field: 'mentions',
        reasons: [`he.reviewer may not see loan ${hangzhouLoan}`, 'there is no user no.such.user'],
        rules: ['isColleagueInScope', 'isColleagueInScope'],
      },
    ]);
    // An @name of someone outside the loan's branch stays text: nobody outside is told.
    const inText = await suite.staff.post('li.cm', `/api/loans/${hangzhouLoan}/comments`, {
      text: 'as @he.reviewer in Ningbo said',
    });
    expect(inText.status).toBe(201);
    expect((inText.body as CommentView).mentions).toEqual([]);
    const theirs = await suite.staff.get('he.reviewer', '/api/mentions');
    expect((theirs.body as MentionView[]).map((c) => c.id)).not.toContain(
      (inText.body as CommentView).id,
    );
  });

  it('answers a comment on another branch’s loan as a missing loan (404), audited', async () => {
    const written = await suite.staff.post('li.cm', `/api/loans/${ningboLoan}/comments`, {
      text: 'not my branch',
    });
    expect(written.status).toBe(404);
    expect((written.body as ErrorAnswer).code).toBe('LOAN_NOT_FOUND');
    const read = await suite.staff.get('li.cm', `/api/loans/${ningboLoan}/comments`);
    expect(read.status).toBe(404);
    const task = await suite.staff.waitForTask('sun.cm', ningboLoan, FORM.investigation);
    const onTask = await suite.staff.post('li.cm', `/api/tasks/${task.id}/comments`, { text: 'x' });
    expect(onTask.status).toBe(404);
    expect((onTask.body as ErrorAnswer).code).toBe('TASK_NOT_FOUND');
    const refusals = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ loanKey: ningboLoan, action: 'access.refused', actor: 'li.cm' });
    expect(refusals.length).toBeGreaterThanOrEqual(3);
    const own = await suite.staff.post('sun.cm', `/api/loans/${ningboLoan}/comments`, {
      text: 'mine',
    });
    expect(own.status).toBe(201);
  });
});
