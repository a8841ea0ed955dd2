import type { components } from '@loanflow/api-client';
import { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import request from 'supertest';
import { loadConfig } from '@loanflow/config';
import { HealthCheckService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { RefusalAudit } from '@loanflow/identity';
import { HealthCheckRegistry } from '@loanflow/observability';
import { AuditEntryEntity } from '@loanflow/persistence';
import { TASK_ARRIVALS_CHANNEL, TasksWorkersModule } from '@loanflow/tasks';
import type { ZeebeClient } from '@loanflow/workflow';
import {
  ExporterRecords,
  fixturePath,
  GOOD_INVESTIGATION,
  httpOf,
  loanVariables,
  ofInstance,
  PASSING_REVIEW,
  stackSuite,
} from '../support';

type ErrorAnswer = Required<components['schemas']['ErrorAnswer']>;

const INVESTIGATION = 'loanflow:investigation-report';
const REVIEW = 'loanflow:review-opinion';
const APPROVAL = 'loanflow:approval-decision';

describe('the task inbox on the real broker and database', () => {
  const suite = stackSuite({
    models: [fixturePath('credit-decision.bpmn')],
    workers: [TasksWorkersModule],
    api: true,
  });
  let api: INestApplication;
  let zeebe: ZeebeClient;
  let records: ExporterRecords;

  beforeAll(() => {
    api = suite.stack.api!;
    zeebe = suite.stack.zeebe;
    records = suite.stack.records;
  });

  async function startLoan(overrides: Record<string, unknown> = {}) {
    const variables = loanVariables(overrides);
    await suite.stack.registerLoan(
      variables.businessKey,
      variables.loan.branchCode,
      variables.loan,
    );
    const instance = await zeebe.createProcessInstance({
      bpmnProcessId: 'test-credit-decision',
      variables,
    });
    return { key: variables.businessKey, processInstanceKey: String(instance.processInstanceKey) };
  }

  async function auditOf(loan: string) {
    return api
      .get(DataSource)
      .getRepository(AuditEntryEntity)
      .find({ where: { loanKey: loan }, order: { id: 'ASC' } });
  }

  it('shows a task only to its candidate role in its org unit; others get 403 on claim and complete, audited', async () => {
    const loan = await startLoan();
    const task = await suite.staff.waitForTask('li.cm', loan.key, INVESTIGATION);
    expect(task).toMatchObject({
      state: 'open',
      assignee: null,
      candidateGroups: ['customer-manager:SB-HZ-XH'],
      loanHeadline: {
        applicantName: '张伟 Zhang Wei',
        product: 'consumer',
        amount: '200000.00',
        riskGrade: 'B',
      },
    });
    expect(task.loanHeadline).not.toHaveProperty('applicantIdNumber');

    // Another branch's customer manager and a reviewer do not see it.
    expect(
      (
        (await suite.staff.get('sun.cm', `/api/tasks?loan=${loan.key}`)).body as {
          items: unknown[];
        }
      ).items,
    ).toEqual([]);
    expect(
      (
        (await suite.staff.get('wang.reviewer', `/api/tasks?loan=${loan.key}`)).body as {
          items: unknown[];
        }
      ).items,
    ).toEqual([]);

    const claim = await suite.staff.post('wang.reviewer', `/api/tasks/${task.id}/claim`);
    expect(claim.status).toBe(403);
    expect((claim.body as ErrorAnswer).code).toBe('NOT_A_CANDIDATE');
    // Another branch's task answers as a missing one would: nothing says where it is.
    const complete = await suite.staff.post('sun.cm', `/api/tasks/${task.id}/complete`, {
      answer: GOOD_INVESTIGATION,
    });
    expect(complete.status).toBe(404);
    expect(complete.body).toMatchObject({ code: 'TASK_NOT_FOUND' });
    expect(JSON.stringify(complete.body)).not.toMatch(/SB-HZ|BR-HZ/);

    const refusals = (await auditOf(loan.key)).filter((entry) => entry.outcome === 'refused');
    expect(refusals.map((entry) => [entry.actor, entry.action])).toEqual([
      ['wang.reviewer', 'task.claim'],
      ['sun.cm', 'access.refused'],
    ]);
    expect(
      ((await suite.staff.get('li.cm', `/api/tasks/${task.id}`)).body as { loan: unknown }).loan,
    ).toMatchObject({
      applicantName: '张伟 Zhang Wei',
      amount: '200000.00',
    });
  });

  it('answers a reader waiting for a task as soon as theirs arrives; an outsider waits out the time and sees nothing', async () => {
    const variables = loanVariables();
    const loan = variables.businessKey;
    await suite.stack.registerLoan(loan, variables.loan.branchCode, variables.loan);
    const list = `/api/tasks?loan=${loan}&type=${encodeURIComponent(INVESTIGATION)}`;
    // Nothing yet, and no wait asked: answered at once.
    expect(((await suite.staff.get('li.cm', list)).body as { items: unknown[] }).items).toEqual([]);
    await suite.staff.get('sun.cm', list);
    const announced: string[] = [];
    const listener = new Redis(loadConfig().REDIS_URL);
    listener.on('message', (_channel: string, key: string) => announced.push(key));
    await listener.subscribe(TASK_ARRIVALS_CHANNEL);
    try {
      const timed = async (username: string, waitSeconds: number) => {
        const asked = Date.now();
        const answer = await suite.staff.get(username, `${list}&waitSeconds=${waitSeconds}`);
        return { answer, tookMs: Date.now() - asked };
      };
      const waiting = timed('li.cm', 25);
      const outsider = timed('sun.cm', 2);
      await zeebe.createProcessInstance({ bpmnProcessId: 'test-credit-decision', variables });
      const [mine, theirs] = await Promise.all([waiting, outsider]);
      expect(mine.answer.status).toBe(200);
      expect(
        (mine.answer.body as { items: { businessKey: string; type: string }[] }).items,
      ).toEqual([expect.objectContaining({ businessKey: loan, type: INVESTIGATION })]);
      expect(mine.tookMs).toBeLessThan(25_000);
      // Another branch's customer manager waited the two seconds and is told nothing.
      expect(theirs.answer.status).toBe(200);
      expect((theirs.answer.body as { items: unknown[] }).items).toEqual([]);
      expect(theirs.tookMs).toBeGreaterThanOrEqual(2_000);
      expect(announced).toContain(loan);
    } finally {
      listener.disconnect();
    }
    for (const bad of ['26', '-1', 'soon']) {
      const refused = await suite.staff.get('li.cm', `${list}&waitSeconds=${bad}`);
      expect(refused.status).toBe(400);
      expect((refused.body as ErrorAnswer).fieldErrors).toEqual([
        expect.objectContaining({ field: 'waitSeconds' }),
      ]);
    }
  });

  it('answers a bad form with 400 and field errors, keeps the task open, and moves the process on with a good one', async () => {
    const loan = await startLoan();
    const task = await suite.staff.waitForTask('li.cm', loan.key, INVESTIGATION);

    const bad = await suite.staff.post('li.cm', `/api/tasks/${task.id}/complete`, {
      answer: { ...GOOD_INVESTIGATION, interviewDone: false, monthlyIncome: '28k', unexpected: 1 },
    });
    expect(bad.status).toBe(400);
    expect((bad.body as ErrorAnswer).code).toBe('VALIDATION_FAILED');
    const fields = ((bad.body as ErrorAnswer).fieldErrors as { field: string }[])
      .map((error) => error.field)
      .sort();
    expect(fields).toEqual(['answer.monthlyIncome', 'answer.opinion', 'answer.unexpected']);
    expect(
      ((await suite.staff.get('li.cm', `/api/tasks/${task.id}`)).body as { state: string }).state,
    ).toBe('open');

    const good = await suite.staff.post('li.cm', `/api/tasks/${task.id}/complete`, {
      answer: GOOD_INVESTIGATION,
    });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ state: 'completed', completedBy: 'li.cm' });

    const completedJob = await records.waitFor(
      'JOB',
      ofInstance(loan.processInstanceKey, 'COMPLETED'),
    );
    expect(completedJob.value.variables).toMatchObject({ investigationOpinion: 'recommend' });
    expect(
      (completedJob.value.variables as { investigation: { debtToIncome: string } }).investigation
        .debtToIncome,
    ).toBe('0.1500');
    const review = await suite.staff.waitForTask('wang.reviewer', loan.key, REVIEW);
    expect(review.dueAt).not.toBeNull();
    expect(
      (
        (await suite.staff.get('li.cm', `/api/tasks?state=completed&loan=${loan.key}`)).body as {
          items: { id: string }[];
        }
      ).items.map((t: { id: string }) => t.id),
    ).toContain(task.id);
  });

  it('refuses the investigator as reviewer of the same loan (403, audited)', async () => {
    const loan = await startLoan();
    // zhou.cm holds both posts at the Hangzhou branch.
    const investigation = await suite.staff.waitForTask('zhou.cm', loan.key, INVESTIGATION);
    await suite.staff
      .post('zhou.cm', `/api/tasks/${investigation.id}/complete`, { answer: GOOD_INVESTIGATION })
      .then((r) => expect(r.status).toBe(200));
    const review = await suite.staff.waitForTask('zhou.cm', loan.key, REVIEW);

    const claim = await suite.staff.post('zhou.cm', `/api/tasks/${review.id}/claim`);
    expect(claim.status).toBe(403);
    expect(claim.body).toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
      message:
        'zhou.cm did the investigation (贷前调查) of this loan and may not also do its review (贷款审查)',
    });
    const complete = await suite.staff.post('zhou.cm', `/api/tasks/${review.id}/complete`, {
      answer: PASSING_REVIEW,
    });
    expect(complete.status).toBe(403);
    const refused = (await auditOf(loan.key)).filter(
      (e) => e.outcome === 'refused' && e.actor === 'zhou.cm',
    );
    expect(refused).toHaveLength(2);
    expect(refused[0].reason).toContain('SEPARATION_OF_DUTIES');

    // Another reviewer may.
    await suite.staff
      .post('qian.reviewer', `/api/tasks/${review.id}/claim`)
      .then((r) => expect(r.status).toBe(200));
  });

  it('refuses work on a declared relative’s application', async () => {
    const loan = await startLoan({ applicantIdNumber: '330106198808082341' });
    const investigation = await suite.staff.waitForTask('li.cm', loan.key, INVESTIGATION);
    await suite.staff.post('li.cm', `/api/tasks/${investigation.id}/complete`, {
      answer: GOOD_INVESTIGATION,
    });
    const review = await suite.staff.waitForTask('wang.reviewer', loan.key, REVIEW);
    const claim = await suite.staff.post('wang.reviewer', `/api/tasks/${review.id}/claim`);
    expect(claim.status).toBe(403);
    expect((claim.body as ErrorAnswer).code).toBe('CONFLICT_OF_INTEREST');
  });

  it('refuses an approver above their authority, naming the level required; the center head approves', async () => {
    const loan = await startLoan({ amount: '500000.00', riskGrade: 'B' });
    const investigation = await suite.staff.waitForTask('li.cm', loan.key, INVESTIGATION);
    await suite.staff.post('li.cm', `/api/tasks/${investigation.id}/complete`, {
      answer: GOOD_INVESTIGATION,
    });
    const review = await suite.staff.waitForTask('wang.reviewer', loan.key, REVIEW);
    await suite.staff
      .post('wang.reviewer', `/api/tasks/${review.id}/complete`, { answer: PASSING_REVIEW })
      .then((r) => expect(r.status).toBe(200));
    const approval = await suite.staff.waitForTask('zhao.approver', loan.key, APPROVAL);
    const decision = {
      decision: 'approve',
      amount: '500000.00',
      termMonths: 36,
      annualRate: '0.0435',
      reasons: 'stable income, low DTI',
    };

    const refused = await suite.staff.post('zhao.approver', `/api/tasks/${approval.id}/complete`, {
      answer: decision,
    });
    expect(refused.status).toBe(403);
    expect((refused.body as ErrorAnswer).code).toBe('ABOVE_AUTHORITY');
    expect((refused.body as ErrorAnswer).details).toEqual({ requiredLevel: 'center' });
    expect((refused.body as ErrorAnswer).message).toContain(
      'approval by center head (中心负责人) is required',
    );
    expect(
      (
        (await suite.staff.get('zhao.approver', `/api/tasks/${approval.id}`)).body as {
          state: string;
        }
      ).state,
    ).toBe('open');

    const approved = await suite.staff.post('chen.center', `/api/tasks/${approval.id}/complete`, {
      answer: decision,
    });
    expect(approved.status).toBe(200);
    const ended = await records.waitFor(
      'PROCESS_INSTANCE',
      ofInstance(
        loan.processInstanceKey,
        'ELEMENT_COMPLETED',
        (r) => r.value.bpmnElementType === 'END_EVENT',
      ),
    );
    expect(ended.value.elementId).toBe('Decided');

    const trail = await suite.staff.get('jiang.audit', `/api/loans/${loan.key}/audit`);
    expect(trail.status).toBe(200);
    expect(
      (trail.body as { actor: string; action: string; outcome: string }[]).map(
        (e: { actor: string; action: string; outcome: string }) =>
          `${e.actor} ${e.action} ${e.outcome}`,
      ),
    ).toEqual([
      'li.cm task.complete ok',
      'wang.reviewer task.complete ok',
      'zhao.approver task.complete refused',
      'chen.center task.complete ok',
    ]);
  });

  it('lets a manager delegate to a candidate, and not to someone who is not one', async () => {
    const loan = await startLoan();
    const task = await suite.staff.waitForTask('li.cm', loan.key, INVESTIGATION);
    const notManager = await suite.staff.post('li.cm', `/api/tasks/${task.id}/delegate`, {
      username: 'li.cm',
    });
    expect(notManager.status).toBe(403);
    expect((notManager.body as ErrorAnswer).code).toBe('ROLE_REQUIRED');
    const wrong = await suite.staff.post('chen.center', `/api/tasks/${task.id}/delegate`, {
      username: 'sun.cm',
    });
    expect(wrong.status).toBe(403);
    expect((wrong.body as ErrorAnswer).code).toBe('NOT_A_CANDIDATE');
    const delegated = await suite.staff.post('chen.center', `/api/tasks/${task.id}/delegate`, {
      username: 'li.cm',
    });
    expect(delegated.status).toBe(200);
    expect((delegated.body as { assignee: string | null }).assignee).toBe('li.cm');
    const unclaimed = await suite.staff.post('li.cm', `/api/tasks/${task.id}/unclaim`);
    expect((unclaimed.body as { assignee: string | null }).assignee).toBeNull();
  });

  it('answers a candidate waiting for a task when a colleague gives it back to the pool', async () => {
    const loan = await startLoan();
    const investigation = await suite.staff.waitForTask('li.cm', loan.key, INVESTIGATION);
    await suite.staff.post('li.cm', `/api/tasks/${investigation.id}/complete`, {
      answer: GOOD_INVESTIGATION,
    });
    const review = await suite.staff.waitForTask('wang.reviewer', loan.key, REVIEW);
    expect((await suite.staff.post('wang.reviewer', `/api/tasks/${review.id}/claim`)).status).toBe(
      200,
    );
    // Claimed by a colleague: the other reviewer of the branch does not see it.
    const list = `/api/tasks?loan=${loan.key}&type=${encodeURIComponent(REVIEW)}`;
    expect(
      ((await suite.staff.get('qian.reviewer', list)).body as { items: unknown[] }).items,
    ).toEqual([]);
    const announced: string[] = [];
    const listener = new Redis(loadConfig().REDIS_URL);
    listener.on('message', (_channel: string, key: string) => announced.push(key));
    await listener.subscribe(TASK_ARRIVALS_CHANNEL);
    try {
      const waiting = suite.staff.get('qian.reviewer', `${list}&waitSeconds=25`);
      const given = await suite.staff.post('wang.reviewer', `/api/tasks/${review.id}/unclaim`);
      expect(given.status).toBe(200);
      const answer = await waiting;
      expect((answer.body as { items: { id: string }[] }).items.map((task) => task.id)).toEqual([
        review.id,
      ]);
      expect(announced).toContain(loan.key);
    } finally {
      listener.disconnect();
    }
  });

  it('reports the inbox intake on the workers’ health', async () => {
    const registry = suite.stack.workers!.get(HealthCheckRegistry);
    expect(registry.names()).toContain('inbox');
    const result = await suite.stack.workers!.get(HealthCheckService).check(registry.all());
    expect(result.status).toBe('ok');
    expect(result.info?.inbox).toEqual({ status: 'up' });
  });

  it('answers 401 without a valid token, and audits it', async () => {
    // 401s are counted per address and minute and written when the minute ends: flush to read them.
    await api.get(RefusalAudit).flush();
    const before = await api
      .get(DataSource)
      .getRepository(AuditEntryEntity)
      .countBy({ action: 'access.unauthenticated' });
    await request(httpOf(api)).get('/api/tasks').expect(401);
    await request(httpOf(api))
      .get('/api/tasks')
      .set('authorization', 'Bearer not.a.token')
      .expect(401);
    await api.get(RefusalAudit).flush();
    const after = await api
      .get(DataSource)
      .getRepository(AuditEntryEntity)
      .countBy({ action: 'access.unauthenticated' });
    expect(after - before).toBeGreaterThanOrEqual(1);
    const wrongPassword = await request(httpOf(api))
      .post('/api/auth/login')
      .send({ username: 'li.cm', password: 'guess' });
    expect(wrongPassword.status).toBe(401);
  });
});
