import { Logger } from '@nestjs/common';
import { RecordedNotifier } from '@loanflow/test-support/recorded-notifier';
import type { Role } from '@loanflow/domain';
import type { Directory, Principal, UnitScope } from '@loanflow/identity';
import { FakeLoanCommentRecords } from './loan-comment-records.fixture';
import { LoanCommentsService } from './loan-comments.service';
import { staffPrincipal } from '@loanflow/test-support/principals';

const LOAN = 'LN20260901-7KQ2M9';
/** A loan booked at the Hangzhou branch itself, above its sub-branches. */
const BRANCH_LOAN = 'LN20260903-5RT7UB';
const NINGBO_LOAN = 'LN20260902-3HX8PA';
const TASK = '2251799813700001';
const REVIEW = 'loanflow:review-opinion';

const UNITS: Record<string, { path: string; subtree: string[] }> = {
  HO: { path: '/HO/', subtree: ['HO', 'BR-HZ', 'SB-HZ-XH', 'BR-NB'] },
  'BR-HZ': { path: '/HO/BR-HZ/', subtree: ['BR-HZ', 'SB-HZ-XH'] },
  'SB-HZ-XH': { path: '/HO/BR-HZ/SB-HZ-XH/', subtree: ['SB-HZ-XH'] },
  'BR-NB': { path: '/HO/BR-NB/', subtree: ['BR-NB'] },
};

/** The active staff the directory knows, with their posts and units. */
const PEOPLE: Record<string, { roles: Role[]; unit: string }> = {
  'li.cm': { roles: ['customer-manager'], unit: 'SB-HZ-XH' },
  'wang.reviewer': { roles: ['reviewer'], unit: 'BR-HZ' },
  'chen.center': { roles: ['center-manager'], unit: 'BR-HZ' },
  'sun.cm': { roles: ['customer-manager'], unit: 'BR-NB' },
  'zhou.audit': { roles: ['auditor'], unit: 'HO' },
};
/** Twelve reviewers of the Hangzhou branch, for the limit on mentions. */
const REVIEWERS = Array.from({ length: 12 }, (_, i) => `rev${String(i + 1).padStart(2, '0')}`);
for (const username of REVIEWERS) PEOPLE[username] = { roles: ['reviewer'], unit: 'BR-HZ' };

function principal(username: string): Principal {
  const person = PEOPLE[username];
  if (!person) throw new Error(`no such person in the fixture: ${username}`);
  return staffPrincipal(username, person.roles, person.unit, UNITS[person.unit].path);
}

function scopeOf(unit: string): UnitScope {
  return unit === 'HO'
    ? { all: true, unitCodes: UNITS.HO.subtree }
    : { all: false, unitCodes: UNITS[unit].subtree };
}

const actorOf = (username: string) => ({
  username,
  roles: PEOPLE[username].roles,
  orgUnitCode: PEOPLE[username].unit,
});

interface Setup {
  /** The notifier fails for these recipients (`user:NAME`). */
  failingRecipients?: string[];
}

/** The service over the fake register, with the directory and the notifier it talks to. */
function commentsOver(records: FakeLoanCommentRecords, setup: Setup = {}) {
  records.loanBranches.set(LOAN, 'SB-HZ-XH');
  records.loanBranches.set(BRANCH_LOAN, 'BR-HZ');
  records.loanBranches.set(NINGBO_LOAN, 'BR-NB');
  records.tasks.set(TASK, { businessKey: LOAN, formKey: REVIEW });
  const directory = {
    principalByUsername: async (username: string) =>
      PEOPLE[username] ? principal(username) : null,
    scopeOf: async (person: Pick<Principal, 'orgUnitCode'>) => scopeOf(person.orgUnitCode),
  } as unknown as Directory;
  const notifier = new RecordedNotifier();
  notifier.failing = (notice) =>
    setup.failingRecipients?.includes(notice.recipient)
      ? new Error('the inbox is not reachable')
      : undefined;
  const sent = notifier.sent;
  return { service: new LoanCommentsService(records, directory, notifier), sent };
}

const at = (minute: number) => new Date(Date.UTC(2026, 8, 1, 2, minute));

describe('comments on a loan file: the rules the service keeps over its register', () => {
  describe('reading', () => {
    it('lists the comments on a loan and on its tasks, oldest first, each task named by its type', async () => {
      const records = new FakeLoanCommentRecords();
      const { service } = commentsOver(records);
      const later = records.put({ loanId: LOAN, at: at(30), body: '第二条' });
      const onTask = records.put({
        loanId: LOAN,
        taskId: TASK,
        at: at(10),
        author: 'wang.reviewer',
        body: '请补充流水 @li.cm',
        mentions: '["li.cm"]',
      });
      // Same minute as the one on the task, written after it: the id breaks the tie.
      const sameMinute = records.put({ loanId: LOAN, at: at(10), body: '同一分钟' });
      // On a task the inbox no longer knows: no type to show.
      const goneTask = records.put({ loanId: LOAN, taskId: '2251799813700999', at: at(20) });
      records.put({ loanId: NINGBO_LOAN, at: at(5), author: 'sun.cm' });

      const views = await service.onLoan(LOAN);

      expect(views.map((v) => v.id)).toEqual([onTask.id, sameMinute.id, goneTask.id, later.id]);
      expect(views[0]).toEqual({
        id: onTask.id,
        loanId: LOAN,
        taskId: TASK,
        taskType: REVIEW,
        author: 'wang.reviewer',
        at: '2026-09-01T02:10:00.000Z',
        text: '请补充流水 @li.cm',
        mentions: ['li.cm'],
      });
      expect(views[1]).toMatchObject({ taskId: null, taskType: null, mentions: [] });
      expect(views[2]).toMatchObject({ taskId: '2251799813700999', taskType: null });
    });

    it('asks for no task types when no comment is on a task', async () => {
      const records = new FakeLoanCommentRecords();
      const { service } = commentsOver(records);
      records.put({ loanId: LOAN, at: at(1) });
      expect(await service.onLoan(LOAN)).toHaveLength(1);
      expect(records.calls).toEqual(['ofLoan']);
    });

    it('lists a task’s comments only, oldest first', async () => {
      const records = new FakeLoanCommentRecords();
      const { service } = commentsOver(records);
      const second = records.put({ loanId: LOAN, taskId: TASK, at: at(20) });
      const first = records.put({ loanId: LOAN, taskId: TASK, at: at(10) });
      records.put({ loanId: LOAN, at: at(5) });
      records.put({ loanId: LOAN, taskId: '2251799813700002', at: at(6) });

      const views = await service.onTask(TASK);

      expect(views.map((v) => [v.id, v.taskType])).toEqual([
        [first.id, REVIEW],
        [second.id, REVIEW],
      ]);
    });
  });

  describe('writing', () => {
    it('records the trimmed text by the caller on the loan, audited with a reason naming the comment', async () => {
      const records = new FakeLoanCommentRecords();
      const { service, sent } = commentsOver(records);
      const before = Date.now();

      const view = await service.addToLoan(principal('li.cm'), LOAN, {
        text: '  客户补交了工资流水。 \n',
      });

      expect(view).toEqual({
        id: view.id,
        loanId: LOAN,
        taskId: null,
        taskType: null,
        author: 'li.cm',
        at: view.at,
        text: '客户补交了工资流水。',
        mentions: [],
      });
      expect(Date.parse(view.at)).toBeGreaterThanOrEqual(before);
      expect(records.stored(view.id)).toEqual({
        id: view.id,
        loanId: LOAN,
        taskId: null,
        author: 'li.cm',
        at: new Date(view.at),
        body: '客户补交了工资流水。',
        mentions: '[]',
      });
      expect(records.mentions).toEqual([]);
      expect(records.audited).toEqual([
        {
          actor: actorOf('li.cm'),
          action: 'loan.comment',
          outcome: 'ok',
          loanKey: LOAN,
          taskId: null,
          inputs: { text: '客户补交了工资流水。', mentions: [] },
          reason: `comment ${view.id}`,
        },
      ]);
      expect(sent).toEqual([]);
    });

    it('writes a comment on a task onto the task’s loan, audited as a task comment', async () => {
      const records = new FakeLoanCommentRecords();
      const { service } = commentsOver(records);

      const view = await service.addToTask(principal('wang.reviewer'), TASK, { text: '已复核' });

      expect(view).toMatchObject({ loanId: LOAN, taskId: TASK, taskType: REVIEW });
      expect(records.stored(view.id)).toMatchObject({ loanId: LOAN, taskId: TASK });
      expect(records.audited).toEqual([
        expect.objectContaining({
          action: 'task.comment',
          loanKey: LOAN,
          taskId: TASK,
          reason: `comment ${view.id}`,
        }),
      ]);
    });

    it.each([
      ['does not exist', null],
      ['belongs to no loan', { businessKey: null, formKey: REVIEW }],
    ])('refuses a task that %s: TASK_NOT_FOUND, nothing written', async (_, task) => {
      const records = new FakeLoanCommentRecords();
      const { service } = commentsOver(records);
      if (task) records.tasks.set('2251799813700777', task);
      await expect(
        service.addToTask(principal('li.cm'), '2251799813700777', { text: '请看' }),
      ).rejects.toThrowDomainError('TASK_NOT_FOUND', {
        message: 'There is no task 2251799813700777.',
      });
      expect(records.comments).toEqual([]);
      expect(records.audited).toEqual([]);
    });

    it('refuses a loan that does not exist: LOAN_NOT_FOUND, nothing written', async () => {
      const records = new FakeLoanCommentRecords();
      const { service } = commentsOver(records);
      await expect(
        service.addToLoan(principal('li.cm'), 'LN20260101-NOPE00', { text: '请看' }),
      ).rejects.toThrowDomainError('LOAN_NOT_FOUND', {
        message: 'There is no loan LN20260101-NOPE00.',
      });
      records.tasks.set('2251799813700888', { businessKey: 'LN20260101-NOPE00', formKey: REVIEW });
      await expect(
        service.addToTask(principal('li.cm'), '2251799813700888', { text: '请看' }),
      ).rejects.toThrowDomainError('LOAN_NOT_FOUND');
      expect(records.comments).toEqual([]);
      expect(records.calls).not.toContain('transaction');
    });

    it('records nothing and tells nobody when the audit entry cannot be written', async () => {
      const records = new FakeLoanCommentRecords();
      const { service, sent } = commentsOver(records);
      records.auditFailure = new Error('the audit trail is unavailable');
      await expect(
        service.addToLoan(principal('li.cm'), LOAN, { text: '请 @wang.reviewer 复核' }),
      ).rejects.toThrow('the audit trail is unavailable');
      expect(records.comments).toEqual([]);
      expect(records.mentions).toEqual([]);
      expect(records.audited).toEqual([]);
      expect(sent).toEqual([]);
    });
  });

  describe('mentions', () => {
    it('tells a listed colleague who may see the loan: a mention row, an inbox notice, the audit reason', async () => {
      const records = new FakeLoanCommentRecords();
      const { service, sent } = commentsOver(records);

      const view = await service.addToLoan(principal('li.cm'), LOAN, {
        text: '客户补交了工资流水',
        mentions: ['wang.reviewer'],
      });

      expect(view.mentions).toEqual(['wang.reviewer']);
      const stored = records.stored(view.id);
      expect(stored?.mentions).toBe('["wang.reviewer"]');
      expect(records.mentions).toEqual([
        { commentId: view.id, username: 'wang.reviewer', loanId: LOAN, at: stored?.at },
      ]);
      expect(sent).toEqual([
        {
          dedupeKey: `comment-mention:${view.id}:wang.reviewer`,
          loanId: LOAN,
          channel: 'inbox',
          recipient: 'user:wang.reviewer',
          kind: 'comment-mention',
          subject: `li.cm 在 ${LOAN} 提到了你 mentioned you`,
          body: `li.cm mentioned you in a comment on loan ${LOAN}: see the loan's comments.`,
        },
      ]);
      expect(records.audited).toEqual([
        expect.objectContaining({
          inputs: { text: '客户补交了工资流水', mentions: ['wang.reviewer'] },
          reason: `comment ${view.id}, mentioning wang.reviewer`,
        }),
      ]);
    });

    it('tells a colleague named with @ in the text; the notice names the task it was written on', async () => {
      const records = new FakeLoanCommentRecords();
      const { service, sent } = commentsOver(records);

      const view = await service.addToTask(principal('li.cm'), TASK, {
        text: '请 @Chen.Center. 审批',
      });

      expect(view.mentions).toEqual(['chen.center']);
      expect(sent.map((n) => [n.recipient, n.body])).toEqual([
        [
          'user:chen.center',
          `li.cm mentioned you in a comment on loan ${LOAN} (task ${TASK}): see the loan's comments.`,
        ],
      ]);
    });

    it('refuses listed names that are nobody or may not see the loan: one 400 naming mentions, nothing written or sent', async () => {
      const records = new FakeLoanCommentRecords();
      const { service, sent } = commentsOver(records);

      await expect(
        service.addToLoan(principal('li.cm'), LOAN, {
          text: '请看',
          mentions: ['nobody.here', 'sun.cm', 'wang.reviewer'],
        }),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', {
        message: `mentions: there is no user nobody.here; sun.cm may not see loan ${LOAN}.`,
        details: {
          fieldErrors: [
            {
              field: 'mentions',
              reasons: ['there is no user nobody.here', `sun.cm may not see loan ${LOAN}`],
              rules: ['isColleagueInScope', 'isColleagueInScope'],
            },
          ],
        },
      });
      expect(records.comments).toEqual([]);
      expect(records.audited).toEqual([]);
      expect(records.calls).not.toContain('transaction');
      expect(sent).toEqual([]);
    });

    it('leaves an @name in the text that is nobody, or may not see the loan, as text', async () => {
      const records = new FakeLoanCommentRecords();
      const { service, sent } = commentsOver(records);

      const view = await service.addToLoan(principal('li.cm'), LOAN, {
        text: '抄送 @nobody.here 和 @sun.cm',
      });

      expect(view.text).toBe('抄送 @nobody.here 和 @sun.cm');
      expect(view.mentions).toEqual([]);
      expect(records.mentions).toEqual([]);
      expect(records.calls).not.toContain('insertMentions');
      expect(sent).toEqual([]);
    });

    it('reaches whoever’s unit subtree holds the loan’s branch: head office everywhere, a sub-branch not its branch', async () => {
      const records = new FakeLoanCommentRecords();
      const { service } = commentsOver(records);

      const view = await service.addToLoan(principal('sun.cm'), NINGBO_LOAN, {
        text: '请稽核',
        mentions: ['zhou.audit'],
      });
      expect(view.mentions).toEqual(['zhou.audit']);

      await expect(
        service.addToLoan(principal('wang.reviewer'), BRANCH_LOAN, {
          text: '请看',
          mentions: ['li.cm'],
        }),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', {
        message: `mentions: li.cm may not see loan ${BRANCH_LOAN}.`,
      });
    });

    it('never mentions the author, and each colleague once, listed names first', async () => {
      const records = new FakeLoanCommentRecords();
      const { service, sent } = commentsOver(records);

      const view = await service.addToLoan(principal('li.cm'), LOAN, {
        text: '@wang.reviewer 和 @li.cm，另请 @chen.center 看看',
        mentions: [' Chen.Center ', 'li.cm', 'chen.center'],
      });

      expect(view.mentions).toEqual(['chen.center', 'wang.reviewer']);
      expect(sent.map((n) => n.recipient)).toEqual(['user:chen.center', 'user:wang.reviewer']);
    });

    it('tells at most ten colleagues, the first ten named', async () => {
      const records = new FakeLoanCommentRecords();
      const { service, sent } = commentsOver(records);
      const text = REVIEWERS.map((name) => `@${name}`).join(' ');

      const view = await service.addToLoan(principal('li.cm'), LOAN, { text });

      const firstTen = REVIEWERS.slice(0, 10);
      expect(view.mentions).toEqual(firstTen);
      expect(records.mentions.map((m) => m.username)).toEqual(firstTen);
      expect(sent.map((n) => n.recipient)).toEqual(firstTen.map((name) => `user:${name}`));
      expect(records.audited[0].reason).toBe(
        `comment ${view.id}, mentioning ${firstTen.join(', ')}`,
      );
    });

    it('keeps the comment when a notice does not go out, says so in the log, and still tells the others', async () => {
      const records = new FakeLoanCommentRecords();
      const { service, sent } = commentsOver(records, {
        failingRecipients: ['user:wang.reviewer'],
      });
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      try {
        const view = await service.addToLoan(principal('li.cm'), LOAN, {
          text: '请 @wang.reviewer 与 @chen.center 复核',
        });

        expect(view.mentions).toEqual(['wang.reviewer', 'chen.center']);
        expect(records.stored(view.id)).toBeDefined();
        expect(records.mentions.map((m) => m.username)).toEqual(['wang.reviewer', 'chen.center']);
        expect(sent.map((n) => n.recipient)).toEqual(['user:chen.center']);
        expect(warn).toHaveBeenCalledWith(
          'mention notice to wang.reviewer not sent: the inbox is not reachable',
        );
      } finally {
        warn.mockRestore();
      }
    });
  });

  describe('the comments that mention me', () => {
    it('lists them newest first, only on loans the caller may see now', async () => {
      const records = new FakeLoanCommentRecords();
      const { service } = commentsOver(records);
      const older = records.put({ loanId: LOAN, at: at(10), mentions: '["wang.reviewer"]' });
      const newer = records.put({
        loanId: BRANCH_LOAN,
        taskId: TASK,
        at: at(30),
        mentions: '["wang.reviewer","chen.center"]',
      });
      records.put({ loanId: NINGBO_LOAN, at: at(40), mentions: '["wang.reviewer"]' });
      records.put({ loanId: LOAN, at: at(50), mentions: '["chen.center"]' });
      records.put({ loanId: LOAN, at: at(60) });

      const views = await service.mentionsOf(principal('wang.reviewer'), scopeOf('BR-HZ'));

      expect(views.map((v) => v.id)).toEqual([newer.id, older.id]);
      expect(views[0]).toMatchObject({
        taskType: REVIEW,
        mentions: ['wang.reviewer', 'chen.center'],
      });
      const everywhere = await service.mentionsOf(principal('wang.reviewer'), scopeOf('HO'));
      expect(everywhere).toHaveLength(3);
    });

    it('leaves out mentions on a loan that is no longer on file', async () => {
      const records = new FakeLoanCommentRecords();
      const { service } = commentsOver(records);
      records.put({ loanId: 'LN20260101-GONE00', at: at(10), mentions: '["zhou.audit"]' });
      const kept = records.put({ loanId: LOAN, at: at(5), mentions: '["zhou.audit"]' });

      const views = await service.mentionsOf(principal('zhou.audit'), scopeOf('HO'));

      expect(views.map((v) => v.id)).toEqual([kept.id]);
    });

    it('reads no comments when nobody mentioned the caller or none may be seen, and nothing without a scope', async () => {
      const records = new FakeLoanCommentRecords();
      const { service } = commentsOver(records);
      expect(await service.mentionsOf(principal('li.cm'), scopeOf('SB-HZ-XH'))).toEqual([]);
      expect(records.calls).toEqual(['mentionsOf']);

      records.put({ loanId: NINGBO_LOAN, at: at(1), mentions: '["li.cm"]' });
      records.calls.length = 0;
      expect(await service.mentionsOf(principal('li.cm'), scopeOf('SB-HZ-XH'))).toEqual([]);
      expect(records.calls).toEqual(['mentionsOf']);

      records.calls.length = 0;
      expect(await service.mentionsOf(principal('li.cm'), { all: false, unitCodes: [] })).toEqual(
        [],
      );
      expect(records.calls).toEqual([]);
    });

    it('shows the 50 newest mentions', async () => {
      const records = new FakeLoanCommentRecords();
      const { service } = commentsOver(records);
      const put = Array.from({ length: 60 }, (_, i) =>
        records.put({ loanId: LOAN, at: at(i), mentions: '["wang.reviewer"]' }),
      );

      const views = await service.mentionsOf(principal('wang.reviewer'), scopeOf('BR-HZ'));

      expect(records.mentionLimits).toEqual([50]);
      expect(views.map((v) => v.id)).toEqual(
        put
          .slice(10)
          .reverse()
          .map((c) => c.id),
      );
    });

    it('asks for mentions within the caller’s scope, so newer ones elsewhere do not crowd them out', async () => {
      const records = new FakeLoanCommentRecords();
      const { service } = commentsOver(records);
      const mine = records.put({ loanId: LOAN, at: at(1), mentions: '["wang.reviewer"]' });
      for (let i = 0; i < 120; i += 1)
        records.put({ loanId: NINGBO_LOAN, at: at(10 + i), mentions: '["wang.reviewer"]' });

      const views = await service.mentionsOf(principal('wang.reviewer'), scopeOf('BR-HZ'));

      expect(views.map((v) => v.id)).toEqual([mine.id]);
    });
  });
});
