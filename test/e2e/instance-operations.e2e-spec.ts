import type { components } from '@loanflow/api-client';
import { MonitoringWorkersModule } from '@loanflow/monitoring';
import { AuditEntryEntity, ProcessInstanceEntity } from '@loanflow/persistence';
import {
  applyAs,
  approvalOf,
  creditApplication,
  eventually,
  fixturePath,
  FORM,
  GOOD_INVESTIGATION,
  originationSuite,
  PASSING_REVIEW,
  uniqueKey,
} from '../support';
import { textContaining } from '../support/expected-text';
import { deploy } from '../support/zeebe';

type ErrorAnswer = Required<components['schemas']['ErrorAnswer']>;

const PROCESS = 'test-operations-incident';
const JOB_TYPE = 'test.operations-call';

/**
 * Operating running instances on the real broker: a token moved back from approval to
 * investigation once a second person approved it, a move past a control refused, batches with a
 * per-item result, and the monitor's filters.
 */
type Preview = components['schemas']['ModificationPreviewView'];
type EvaluationPage = components['schemas']['DecisionVersionEvaluationPage'];
type IncidentPage = components['schemas']['IncidentPageView'];
type InstancePage = components['schemas']['InstancePageView'];
type Batch = components['schemas']['BatchView'];

describe('operating running instances', () => {
  const suite = originationSuite(MonitoringWorkersModule);

  beforeAll(async () => {
    await deploy(suite.stack.zeebe, fixturePath('operations-incident.bpmn'));
  });

  /** A 12,000.00 consumer loan investigated and reviewed, waiting for the branch approver. */
  async function atApproval() {
    const applied = await applyAs(
      suite.staff,
      creditApplication({ amount: '12000.00', termMonths: 12 }),
    );
    await applied.desk.throughReview();
    const task = await suite.staff.waitForTask('zhao.approver', applied.loanId, FORM.approval);
    // The projection shows the token at the approval before a modification can be planned on it.
    const seen = await eventually(
      () =>
        suite.staff.get('deng.designer', `/api/monitor/instances/${applied.processInstanceKey}`),
      (r) => (r.body as { activeElements?: string[] }).activeElements?.includes('Approve') === true,
      90_000,
    );
    expect((seen.body as { activeElements: string[] }).activeElements).toContain('Approve');
    return { ...applied, task };
  }

  const modificationsOf = (key: string) => `/api/monitor/instances/${key}/modifications`;

  it('moves a token back from approval to investigation once a second person approves, and the loan goes on', async () => {
    const loan = await atApproval();
    const back = {
      instructions: [{ kind: 'move', fromElementId: 'Approve', toElementId: 'Investigate' }],
    };

    const preview = await suite.staff.post(
      'deng.designer',
      `${modificationsOf(loan.processInstanceKey)}/preview`,
      back,
    );
    expect(preview.status).toBe(200);
    expect((preview.body as Preview).plan.terminate).toEqual([
      expect.objectContaining({ elementId: 'Approve' }),
    ]);
    expect((preview.body as Preview).plan.activate).toEqual([
      expect.objectContaining({
        elementId: 'Investigate',
        name: textContaining('贷前调查'),
      }),
    ]);
    expect(
      (preview.body as Preview).plan.tokensAfter.map((t: { elementId: string }) => t.elementId),
    ).toEqual(['Investigate']);

    const requested = await suite.staff.post(
      'deng.designer',
      modificationsOf(loan.processInstanceKey),
      {
        ...back,
        reason: 'the salary slip was forged: investigate again',
      },
    );
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ status: 'pending', requestedBy: 'deng.designer' });
    const id = (requested.body as { id: string }).id;
    // Nothing moves before the second person: the approval task is still there.
    expect((await suite.staff.get('zhao.approver', `/api/tasks/${loan.task.id}`)).status).toBe(200);

    // A designer asks, never decides; a center manager of another branch does not see it.
    const designer = await suite.staff.post(
      'deng.designer',
      `/api/monitor/modifications/${id}/approve`,
      {},
    );
    expect(designer.status).toBe(403);
    expect((designer.body as ErrorAnswer).code).toBe('ROLE_REQUIRED');
    const outsider = await suite.staff.post(
      'wu.center',
      `/api/monitor/modifications/${id}/approve`,
      {},
    );
    expect(outsider.status).toBe(404);
    const listed = await suite.staff.get(
      'chen.center',
      '/api/monitor/modifications?status=pending',
    );
    expect((listed.body as { id: string }[]).map((m: { id: string }) => m.id)).toContain(id);

    // Two second persons at once: one applies it, the other is told it is taken (never twice).
    const [byManager, byAdmin] = await Promise.all([
      suite.staff.post('chen.center', `/api/monitor/modifications/${id}/approve`, {
        note: 'agreed with the branch head',
      }),
      suite.staff.post('admin', `/api/monitor/modifications/${id}/approve`, {}),
    ]);
    expect([byManager.status, byAdmin.status].sort()).toEqual([200, 409]);
    const approved = byManager.status === 200 ? byManager : byAdmin;
    const approver = byManager.status === 200 ? 'chen.center' : 'admin';
    expect(approved.body).toMatchObject({ status: 'applied', decidedBy: approver });
    const again = await suite.staff.post('admin', `/api/monitor/modifications/${id}/approve`, {});
    expect(again.status).toBe(409);

    // The investigation is back in the customer manager's inbox, the approval gone from the approver's.
    await loan.desk.completeOk('li.cm', FORM.investigation, GOOD_INVESTIGATION);
    const ended = await eventually(
      () => suite.staff.get('zhao.approver', `/api/tasks/${loan.task.id}`),
      (r) => r.status !== 200 || (r.body as { state: string }).state !== 'open',
    );
    expect(ended.status === 404 || (ended.body as { state: string }).state !== 'open').toBe(true);
    await loan.desk.completeOk('wang.reviewer', FORM.review, PASSING_REVIEW);
    await loan.desk.completeOk('zhao.approver', FORM.approval, approvalOf('12000.00', 12, '0.12'));
    // Approved again on the redone file: the contracts are next.
    // The decision audit by version lists this loan's authority evaluations with their inputs.
    const versions = await suite.staff.get('jiang.audit', '/api/monitor/decisions');
    const authority = (
      versions.body as { decisionId: string; decisionVersion: number; evaluations: number }[]
    ).find((v: { decisionId: string }) => v.decisionId === 'approval-authority');
    if (!authority) throw new Error('no approval-authority decision is listed');
    expect(authority.evaluations).toBeGreaterThanOrEqual(2);
    const evaluations = await eventually(
      () =>
        suite.staff.get(
          'jiang.audit',
          `/api/monitor/decisions/approval-authority/versions/${authority.decisionVersion}/evaluations?pageSize=200`,
        ),
      (r) =>
        ((r.body as Partial<EvaluationPage>).items ?? []).filter((e) => e.loanId === loan.loanId)
          .length >= 2,
    );
    const ofLoan = (evaluations.body as EvaluationPage).items.filter(
      (e) => e.loanId === loan.loanId,
    );
    expect(ofLoan.length).toBeGreaterThanOrEqual(2);
    expect(ofLoan[0].evaluated[0]).toEqual(
      expect.objectContaining({
        inputs: expect.any(Array) as unknown[],
        matchedRules: expect.any(Array) as unknown[],
      }),
    );
    expect((await suite.staff.get('li.cm', '/api/monitor/decisions')).status).toBe(403);
    await suite.staff.waitForTask('li.cm', loan.loanId, FORM.contracts);

    const trail = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ loanKey: loan.loanId, action: 'instance.modification.apply' });
    expect(trail).toHaveLength(1);
    expect(trail[0].reason).toContain('requested by deng.designer');
    expect(trail[0].reason).toContain(`applied by ${approver}`);
  });

  it('refuses a move past a control, to the payout, with a variable no step reads, and nothing is kept', async () => {
    const loan = await atApproval();
    const path = modificationsOf(loan.processInstanceKey);
    const skip = await suite.staff.post('deng.designer', path, {
      instructions: [{ kind: 'move', fromElementId: 'Approve', toElementId: 'SignContracts' }],
      reason: 'skip the approval',
    });
    expect(skip.status).toBe(400);
    expect((skip.body as ErrorAnswer).fieldErrors).toEqual(
      expect.arrayContaining([
        {
          field: 'instructions[0].toElementId',
          reasons: [expect.stringMatching(/would skip Approval .*duty: approval/)],
        },
      ]),
    );
    const payout = await suite.staff.post('deng.designer', `${path}/preview`, {
      instructions: [{ kind: 'move', fromElementId: 'Approve', toElementId: 'Disburse' }],
    });
    expect(payout.status).toBe(400);
    expect(JSON.stringify((payout.body as ErrorAnswer).fieldErrors)).toContain('moves money');
    // Beside the English reasons, each refusal by rule and the steps it names (the console words them).
    expect((skip.body as ErrorAnswer).details.problems).toEqual(
      expect.arrayContaining([
        {
          field: 'instructions[0].toElementId',
          rule: 'skipsControl',
          elementIds: expect.arrayContaining(['SignContracts', 'Approve']) as string[],
        },
      ]),
    );
    expect((payout.body as ErrorAnswer).details.problems).toContainEqual(
      expect.objectContaining({ rule: 'neverActivated', elementIds: ['Disburse'] }),
    );
    const variable = await suite.staff.post('deng.designer', `${path}/preview`, {
      instructions: [
        {
          kind: 'move',
          fromElementId: 'Approve',
          toElementId: 'Investigate',
          variables: { annualRate: '0.00' },
        },
      ],
    });
    expect(variable.status).toBe(400);
    expect((variable.body as ErrorAnswer).fieldErrors[0].field).toBe(
      'instructions[0].variables.annualRate',
    );
    const malformed = await suite.staff.post('deng.designer', path, {
      instructions: [{ kind: 'jump', elementId: 'Approve' }],
      reason: 'x',
    });
    expect(malformed.status).toBe(400);
    const notAllowed = await suite.staff.post('li.cm', path, {
      instructions: [{ kind: 'move', fromElementId: 'Approve', toElementId: 'Investigate' }],
      reason: 'a customer manager may not',
    });
    expect(notAllowed.status).toBe(403);

    const kept = await suite.staff.get('deng.designer', path);
    expect(kept.body).toEqual([]);

    // The center manager who asks for a modification is not the one who approves it.
    const asked = await suite.staff.post('chen.center', path, {
      instructions: [{ kind: 'move', fromElementId: 'Approve', toElementId: 'Review' }],
      reason: 'review again: the guarantor changed',
    });
    expect(asked.status).toBe(201);
    const own = await suite.staff.post(
      'chen.center',
      `/api/monitor/modifications/${(asked.body as { id: string }).id}/approve`,
      {},
    );
    expect(own.status).toBe(403);
    expect((own.body as ErrorAnswer).code).toBe('FOUR_EYES_REQUIRED');
    const refusedByAdmin = await suite.staff.post(
      'admin',
      `/api/monitor/modifications/${(asked.body as { id: string }).id}/refuse`,
      {
        note: 'the guarantor is unchanged',
      },
    );
    expect(refusedByAdmin.body).toMatchObject({ status: 'refused', decidedBy: 'admin' });
    const refusals = await suite.dataSource.getRepository(AuditEntryEntity).findBy({
      loanKey: loan.loanId,
      action: 'instance.modification.request',
      outcome: 'refused',
    });
    expect(refusals).toHaveLength(1);
    // The approval is where it was.
    expect(
      (
        (await suite.staff.get('zhao.approver', `/api/tasks/${loan.task.id}`)).body as {
          state: string;
        }
      ).state,
    ).toBe('open');
  });

  /** An instance of the fixture whose job the spec fails by hand, with retries left or none. */
  async function failing(message: string, retries: number) {
    const businessKey = uniqueKey('OPS');
    await suite.stack.registerLoan(businessKey, 'BR-HZ');
    const created = await suite.stack.zeebe.createProcessInstance({
      bpmnProcessId: PROCESS,
      variables: { businessKey, loanId: businessKey, batchTag: businessKey },
    });
    const key = String(created.processInstanceKey);
    for (let attempt = 0; attempt < 50; attempt++) {
      const jobs = await suite.stack.zeebe.activateJobs({
        type: JOB_TYPE,
        worker: 'operations-spec',
        timeout: 30_000,
        maxJobsToActivate: 10,
        requestTimeout: 1000,
      });
      const job = jobs.find((j) => String(j.processInstanceKey) === key);
      for (const other of jobs.filter((j) => j !== job))
        await suite.stack.zeebe.failJob({
          jobKey: other.key,
          errorMessage: 'not mine',
          retries: other.retries,
          retryBackOff: 0,
        });
      if (job) {
        await suite.stack.zeebe.failJob({
          jobKey: job.key,
          errorMessage: message,
          retries,
          retryBackOff: 3_600_000,
        });
        return { key, businessKey };
      }
    }
    throw new Error(`no ${JOB_TYPE} job for ${key}`);
  }

  async function incidentOf(key: string) {
    const found = await eventually(
      () => suite.staff.get('deng.designer', `/api/monitor/incidents?process=${PROCESS}`),
      (r) =>
        (r.body as Partial<IncidentPage>).items?.some(
          (i: { processInstanceKey: string }) => i.processInstanceKey === key,
        ) === true,
    );
    const incident = (
      found.body as { items: { processInstanceKey: string; incidentKey: string }[] }
    ).items.find((i: { processInstanceKey: string }) => i.processInstanceKey === key);
    if (!incident) throw new Error(`no incident for ${key}`);
    return incident.incidentKey;
  }

  it('retries incidents in a batch with one result per item, one of them failing', async () => {
    const tag = uniqueKey('core banking 503');
    const a = await failing(`${tag}: first`, 0);
    const b = await failing(`${tag}: second`, 0);
    const [incidentA, incidentB] = [await incidentOf(a.key), await incidentOf(b.key)];
    // B is retried on its own first: in the batch it is no longer open.
    expect(
      (await suite.staff.post('deng.designer', `/api/monitor/incidents/${incidentB}/resolve`, {}))
        .status,
    ).toBe(200);

    const refused = await suite.staff.post('chen.center', '/api/monitor/batches', {
      action: 'retry',
      keys: [incidentA],
      reason: 'a manager may not retry',
    });
    expect(refused.status).toBe(403);
    const batch = await suite.staff.post('deng.designer', '/api/monitor/batches', {
      action: 'retry',
      keys: [incidentA, incidentB, '1'],
      reason: 'core banking is back',
    });
    expect(batch.status).toBe(201);
    expect(batch.body).toMatchObject({ status: 'done', total: 3, done: 3, failed: 2 });
    expect((batch.body as Batch).items).toEqual([
      expect.objectContaining({ key: incidentA, result: 'ok', loanId: a.businessKey }),
      expect.objectContaining({
        key: incidentB,
        result: 'failed',
        message: textContaining('already resolved'),
      }),
      expect.objectContaining({ key: '1', result: 'failed', message: 'no incident 1 is known' }),
    ]);
    const read = await suite.staff.get(
      'chen.center',
      `/api/monitor/batches/${(batch.body as { id: string }).id}`,
    );
    expect((read.body as Batch).items).toHaveLength(3);
    // The job is offered again: the retried instance has no open incident any more.
    await eventually(
      () =>
        suite.staff.get(
          'deng.designer',
          `/api/monitor/instances?businessKey=${a.businessKey}&hasIncident=false`,
        ),
      (r) => (r.body as Partial<InstancePage>).items?.length === 1,
    );
  });

  it('cancels instances in a batch only with a second person', async () => {
    const c = await failing(uniqueKey('to cancel'), 0);
    await incidentOf(c.key);
    const started = await suite.staff.post('deng.designer', '/api/monitor/batches', {
      action: 'cancel',
      keys: [c.key],
      reason: 'the application was withdrawn',
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'pending', done: 0 });
    const own = await suite.staff.post(
      'deng.designer',
      `/api/monitor/batches/${(started.body as { id: string }).id}/approve`,
      {},
    );
    expect(own.status).toBe(403);
    const approved = await suite.staff.post(
      'chen.center',
      `/api/monitor/batches/${(started.body as { id: string }).id}/approve`,
      {},
    );
    expect(approved.body).toMatchObject({ status: 'done', failed: 0, decidedBy: 'chen.center' });
    const ended = await eventually(
      () =>
        suite.dataSource
          .getRepository(ProcessInstanceEntity)
          .findOneBy({ processInstanceKey: c.key }),
      (row) => row?.state === 'terminated',
    );
    expect(ended?.state).toBe('terminated');
  });

  it('filters instances by error message, retries left, variables, assignee, candidate group and days in step', async () => {
    const tag = uniqueKey('ledger locked');
    const stuck = await failing(`${tag}: no retries`, 0);
    const retrying = await failing(`${tag}: retrying`, 2);
    await incidentOf(stuck.key);
    const list = async (query: string) => {
      const response = await suite.staff.get(
        'deng.designer',
        `/api/monitor/instances?pageSize=200&${query}`,
      );
      if (response.status !== 200)
        throw new Error(`${query}: ${response.status} ${JSON.stringify(response.body)}`);
      return (response.body as { items: { processInstanceKey: string }[] }).items.map(
        (i: { processInstanceKey: string }) => i.processInstanceKey,
      );
    };

    expect(await list(`errorMessage=${encodeURIComponent(tag)}`)).toEqual([stuck.key]);
    const withRetries = await eventually(
      () => list(`process=${PROCESS}&retriesLeft=true`),
      (keys) => keys.includes(retrying.key),
    );
    expect(withRetries).toContain(retrying.key);
    expect(withRetries).not.toContain(stuck.key);
    expect(
      await list(
        `variables=${encodeURIComponent(JSON.stringify({ batchTag: stuck.businessKey, loanId: stuck.businessKey }))}`,
      ),
    ).toEqual([stuck.key]);
    expect(
      await list(
        `variables=${encodeURIComponent(JSON.stringify({ batchTag: stuck.businessKey, loanId: 'nobody' }))}`,
      ),
    ).toEqual([]);
    expect(
      (await suite.staff.get('deng.designer', '/api/monitor/instances?variables=not-json')).status,
    ).toBe(400);

    const loan = await atApproval();
    await suite.staff.post('zhao.approver', `/api/tasks/${loan.task.id}/claim`);
    const waiting = (query: string) => list(`businessKey=${loan.loanId}&${query}`);
    expect(await waiting('assignee=zhao.approver')).toEqual([loan.processInstanceKey]);
    expect(await waiting('assignee=li.cm')).toEqual([]);
    expect(await waiting('candidateGroup=approver')).toEqual([loan.processInstanceKey]);
    expect(await waiting('candidateGroup=reviewer')).toEqual([]);
    expect(await waiting('daysInStepMin=0')).toEqual([loan.processInstanceKey]);
    expect(await waiting('daysInStepMin=30')).toEqual([]);
    const incidents = await suite.staff.get(
      'deng.designer',
      `/api/monitor/incidents?errorMessage=${encodeURIComponent(tag)}`,
    );
    expect(
      (incidents.body as IncidentPage).items.map(
        (i: { processInstanceKey: string }) => i.processInstanceKey,
      ),
    ).toEqual([stuck.key]);
  });
});
