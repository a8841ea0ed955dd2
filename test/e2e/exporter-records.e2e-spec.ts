import {
  CHECK_DEPENDENCIES_JOB,
  PlatformWorkersModule,
  SELF_CHECK_PROCESS_ID,
} from '@loanflow/platform';
import type { ZeebeClient } from '@loanflow/workflow';
import { ExporterRecords, modelPath, ofInstance, stackSuite, uniqueKey } from '../support';

describe('the broker exports records to Redis Streams', () => {
  const suite = stackSuite({
    models: [modelPath('platform-selfcheck.bpmn')],
    workers: [PlatformWorkersModule],
  });
  let zeebe: ZeebeClient;
  let records: ExporterRecords;

  beforeAll(() => {
    zeebe = suite.stack.zeebe;
    records = suite.stack.records;
  });

  it('writes the instance, its elements and its job as JSON records under the configured prefix', async () => {
    const outcome = await zeebe.createProcessInstanceWithResult({
      bpmnProcessId: SELF_CHECK_PROCESS_ID,
      variables: {
        businessKey: uniqueKey('selfcheck'),
        requestedBy: 'e2e',
        requestedAt: new Date().toISOString(),
      },
      requestTimeout: 20_000,
    });
    const key = String(outcome.processInstanceKey);

    const processCompleted = await records.waitFor(
      'PROCESS_INSTANCE',
      ofInstance(key, 'ELEMENT_COMPLETED', (r) => r.value.bpmnElementType === 'PROCESS'),
    );
    expect(processCompleted).toMatchObject({ recordType: 'EVENT', valueType: 'PROCESS_INSTANCE' });
    expect(processCompleted.value.bpmnProcessId).toBe(SELF_CHECK_PROCESS_ID);

    const elements = await records.all('PROCESS_INSTANCE', ofInstance(key, 'ELEMENT_COMPLETED'));
    expect(elements.map((r) => r.value.elementId)).toEqual(
      expect.arrayContaining([
        'SelfCheckRequested',
        'CheckDependencies',
        'SelfCheckPassed',
        SELF_CHECK_PROCESS_ID,
      ]),
    );

    const job = await records.waitFor('JOB', ofInstance(key, 'COMPLETED'));
    expect(job.value.type).toBe(CHECK_DEPENDENCIES_JOB);
    expect(job.value.elementId).toBe('CheckDependencies');
  });
});
