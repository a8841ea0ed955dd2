import type { components } from '@loanflow/api-client';
import { INestApplication } from '@nestjs/common';
import { MonitoringWorkersModule } from '@loanflow/monitoring';
import { AuditEntryEntity, ElementInstanceEntity } from '@loanflow/persistence';
import {
  eventually,
  fixturePath,
  ofInstance,
  startWorkers,
  stackSuite,
  uniqueKey,
} from '../support';
import { anyNumber } from '../support/expected-text';

type ErrorAnswer = Required<components['schemas']['ErrorAnswer']>;

const PROCESS = 'test-monitoring-incident';
const JOB_TYPE = 'test.monitoring-call';

describe('monitoring: the projection agrees with the engine, incidents are retried through the broker, a restart loses nothing', () => {
  const suite = stackSuite({ models: [fixturePath('monitoring-incident.bpmn')], api: true });
  let projector: INestApplication | undefined;

  beforeAll(async () => {
    projector = await startWorkers([MonitoringWorkersModule]);
  });

  suite.beforeClose(async () => {
    await projector?.close();
  });

  const start = async () => {
    const businessKey = uniqueKey('MON');
    await suite.stack.registerLoan(businessKey, 'BR-HZ');
    const created = await suite.stack.zeebe.createProcessInstance({
      bpmnProcessId: PROCESS,
      variables: { businessKey, loanId: businessKey },
    });
    return { key: created.processInstanceKey, businessKey };
  };
  const activate = async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const [job] = await suite.stack.zeebe.activateJobs({
        type: JOB_TYPE,
        worker: 'monitoring-spec',
        timeout: 30_000,
        maxJobsToActivate: 1,
        requestTimeout: 1000,
      });
      if (job) return job;
    }
    throw new Error(`no ${JOB_TYPE} job`);
  };
  const detail = (key: string) => suite.staff.get('chen.center', `/api/monitor/instances/${key}`);

  it('shows a forced incident, retries it through the broker (audited), and the instance completes', async () => {
    const { key, businessKey } = await start();
    const job = await activate();
    await suite.stack.zeebe.failJob({
      jobKey: job.key,
      errorMessage: 'core banking answered 503',
      retries: 0,
      retryBackOff: 0,
    });

    const open = await eventually(
      () => suite.staff.get('chen.center', `/api/monitor/incidents?process=${PROCESS}`),
      (r) =>
        (r.body as { items?: { processInstanceKey: string }[] }).items?.some(
          (i: { processInstanceKey: string }) => i.processInstanceKey === key,
        ) === true,
    );
    const incident = (
      open.body as { items: { processInstanceKey: string; incidentKey: string }[] }
    ).items.find((i: { processInstanceKey: string }) => i.processInstanceKey === key);
    expect(incident).toMatchObject({
      elementId: 'CallCoreBanking',
      errorType: 'JOB_NO_RETRIES',
      errorMessage: 'core banking answered 503',
      state: 'open',
      jobKey: job.key,
    });
    if (!incident) throw new Error(`no incident for ${key}`);
    // The exporter's streams are read side by side: the instance row may catch up a moment later.
    const flagged = await eventually(
      () =>
        suite.staff.get(
          'chen.center',
          `/api/monitor/instances?process=${PROCESS}&hasIncident=true&businessKey=${businessKey}`,
        ),
      (r) => (r.body as { items?: unknown[] }).items?.length === 1,
    );
    expect((flagged.body as { items: unknown }).items).toEqual([
      expect.objectContaining({ processInstanceKey: key, openIncidents: 1 }),
    ]);
    const waiting = await eventually(
      () => detail(key),
      (r) =>
        (r.body as { variables?: { businessKey?: string } }).variables?.businessKey === businessKey,
    );
    expect(waiting.body).toMatchObject({ state: 'active', activeElements: ['CallCoreBanking'] });
    expect((waiting.body as { variables: { businessKey?: string } }).variables).toMatchObject({
      businessKey,
    });

    // Who may not, may not: refused and audited.
    const refused = await suite.staff.post(
      'li.cm',
      `/api/monitor/incidents/${incident.incidentKey}/resolve`,
      {},
    );
    expect(refused.status).toBe(403);
    const resolved = await suite.staff.post(
      'deng.designer',
      `/api/monitor/incidents/${incident.incidentKey}/resolve`,
      {
        retries: 2,
      },
    );
    expect(resolved.status).toBe(200);
    expect(
      await suite.dataSource
        .getRepository(AuditEntryEntity)
        .findOneBy({ action: 'incident.resolve', actor: 'deng.designer', loanKey: businessKey }),
    ).toMatchObject({ outcome: 'ok' });
    const cleared = await eventually(
      () => detail(key),
      (r) =>
        (r.body as { incidents?: { state: string; resolvedAt: string | null }[] }).incidents?.[0]
          ?.state === 'resolved' &&
        (r.body as { incidents?: { state: string; resolvedAt: string | null }[] }).incidents
          ?.length === 1,
    );
    expect(
      (cleared.body as { incidents: { state: string; resolvedAt: string | null }[] }).incidents[0]
        .resolvedAt,
    ).not.toBeNull();
    expect(
      (cleared.body as { incidents: { state: string; resolvedAt: string | null }[] }).incidents,
    ).toHaveLength(1);

    // The job has its retries again: this time it succeeds and the instance ends.
    const again = await activate();
    expect(again.key).toBe(job.key);
    await suite.stack.zeebe.completeJob({ jobKey: again.key, variables: {} });
    const done = await eventually(
      () => detail(key),
      (r) =>
        (r.body as { state: string }).state === 'completed' &&
        (r.body as { openIncidents: number }).openIncidents === 0,
    );
    expect(done.body).toMatchObject({ state: 'completed', openIncidents: 0, activeElements: [] });
    expect((done.body as { completedElements: unknown }).completedElements).toEqual(
      expect.arrayContaining(['Start', 'CallCoreBanking', 'Done']),
    );
    // The second resolve of the same incident is refused: it is resolved.
    const twice = await suite.staff.post(
      'deng.designer',
      `/api/monitor/incidents/${incident.incidentKey}/resolve`,
      {},
    );
    expect(twice.status).toBe(422);
    expect((twice.body as ErrorAnswer).code).toBe('INCIDENT_RESOLVED');

    // The projection agrees with the engine: one row per element instance the engine completed.
    const completedInEngine = new Set(
      (await suite.stack.records.all('PROCESS_INSTANCE', ofInstance(key, 'ELEMENT_COMPLETED')))
        .filter((r) => r.value.bpmnElementType !== 'PROCESS')
        .map((r) => String(r.key)),
    );
    const projected = await suite.dataSource
      .getRepository(ElementInstanceEntity)
      .findBy({ processInstanceKey: key });
    expect(
      new Set(projected.filter((e) => e.state === 'completed').map((e) => e.elementInstanceKey)),
    ).toEqual(completedInEngine);
    // And the heatmap of the version counts it.
    const heatmap = await suite.staff.get(
      'chen.center',
      `/api/monitor/processes/${(done.body as { processDefinitionKey: string }).processDefinitionKey}/heatmap`,
    );
    expect((heatmap.body as { elements: unknown }).elements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ elementId: 'Done', completed: anyNumber() }),
      ]),
    );
  });

  it('loses and duplicates nothing when the projector is stopped and started again', async () => {
    await projector!.close();
    projector = undefined;
    // While the projector is down the engine goes on.
    const { key } = await start();
    const job = await activate();
    await suite.stack.zeebe.completeJob({ jobKey: job.key, variables: {} });
    await suite.stack.records.waitFor(
      'PROCESS_INSTANCE',
      ofInstance(key, 'ELEMENT_COMPLETED', (r) => r.value.bpmnElementType === 'PROCESS'),
    );

    projector = await startWorkers([MonitoringWorkersModule]);
    const caughtUp = await eventually(
      () => detail(key),
      (r) => r.status === 200 && (r.body as { state: string }).state === 'completed',
    );
    expect((caughtUp.body as { state: string }).state).toBe('completed');
    const engineKeys = new Set(
      (await suite.stack.records.all('PROCESS_INSTANCE', ofInstance(key)))
        .filter(
          (r) =>
            r.recordType === 'EVENT' &&
            r.intent.startsWith('ELEMENT_') &&
            r.value.bpmnElementType !== 'PROCESS',
        )
        .map((r) => String(r.key)),
    );
    const rows = await suite.dataSource
      .getRepository(ElementInstanceEntity)
      .findBy({ processInstanceKey: key });
    expect(rows.map((r) => r.elementInstanceKey).sort()).toEqual([...engineKeys].sort());
    expect(rows.every((r) => r.state === 'completed')).toBe(true);
  });
});
