import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobEffectEntity } from '@loanflow/persistence';
import {
  CHECK_DEPENDENCIES_JOB,
  PlatformWorkersModule,
  SELF_CHECK_PROCESS_ID,
} from '@loanflow/platform';
import type { ZeebeClient } from '@loanflow/workflow';
import { ExporterRecords, modelPath, ofInstance, stackSuite, uniqueKey } from '../support';

describe('platform self-check on the real broker', () => {
  const suite = stackSuite({
    models: [modelPath('platform-selfcheck.bpmn')],
    workers: [PlatformWorkersModule],
  });
  let app: INestApplication;
  let zeebe: ZeebeClient;
  let records: ExporterRecords;

  beforeAll(() => {
    app = suite.stack.workers!;
    zeebe = suite.stack.zeebe;
    records = suite.stack.records;
  });

  const start = (variables: Record<string, string | number>) =>
    zeebe.createProcessInstanceWithResult({
      bpmnProcessId: SELF_CHECK_PROCESS_ID,
      variables,
      requestTimeout: 20_000,
    });

  it('deploys the model from bpmn/, and a framework worker completes the instance', async () => {
    const businessKey = uniqueKey('selfcheck');
    const outcome = await start({
      businessKey,
      requestedBy: 'e2e',
      requestedAt: new Date().toISOString(),
    });

    const selfCheck = (outcome.variables as { selfCheck: Record<string, string> }).selfCheck;
    expect(selfCheck).toMatchObject({ database: 'up', redis: 'up', requestedBy: 'e2e' });
    const effect = await app.get(DataSource).getRepository(JobEffectEntity).findOneByOrFail({
      scope: CHECK_DEPENDENCIES_JOB,
      effectKey: businessKey,
    });
    expect(JSON.parse(effect.resultJson ?? '{}')).toEqual(selfCheck);
  });

  it('answers a repeated check with the first result instead of writing it again', async () => {
    const businessKey = uniqueKey('selfcheck');
    const variables = { businessKey, requestedBy: 'e2e', requestedAt: new Date().toISOString() };
    const first = await start(variables);
    const second = await start({ ...variables, requestedBy: 'someone-else' });

    const selfCheckOf = (outcome: { variables: object }) =>
      (outcome.variables as { selfCheck: unknown }).selfCheck;
    expect(selfCheckOf(second)).toEqual(selfCheckOf(first));
    const rows = await app
      .get(DataSource)
      .getRepository(JobEffectEntity)
      .countBy({ effectKey: businessKey });
    expect(rows).toBe(1);
  });

  it('turns input that fails validation into an incident naming the fields, with no retries', async () => {
    const instance = await zeebe.createProcessInstance({
      bpmnProcessId: SELF_CHECK_PROCESS_ID,
      variables: { businessKey: 'not-a-check', requestedAt: 'yesterday' },
    });
    const key = String(instance.processInstanceKey);

    const incident = await records.waitFor('INCIDENT', ofInstance(key, 'CREATED'));
    expect(incident.value.errorType).toBe('JOB_NO_RETRIES');
    const message = String(incident.value.errorMessage);
    expect(message).toContain(`Invalid input for ${CHECK_DEPENDENCIES_JOB}`);
    expect(message).toContain('requestedBy must be a string');
    expect(message).toContain('businessKey must start with "selfcheck-"');
    expect(message).toContain('requestedAt must be a valid ISO 8601 date string');

    const failures = await records.all('JOB', ofInstance(key, 'FAILED'));
    expect(failures).toHaveLength(1);
    expect(failures[0].value.retries).toBe(0);
    await zeebe.cancelProcessInstance(key);
  });
});
