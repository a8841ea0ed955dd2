import { Module } from '@nestjs/common';
import { IsIn, IsInt, IsString, Min } from 'class-validator';
import { DomainError } from '@loanflow/domain';
import { JobHandler, JobWorker, ZeebeClient } from '@loanflow/workflow';
import { ExporterRecords, fixturePath, ofInstance, stackSuite, uniqueKey } from '../support';

class FlakyCallInput {
  @IsString() businessKey!: string;
  @IsInt() @Min(0) failTimes!: number;
  @IsIn(['complete', 'refuse']) outcome!: 'complete' | 'refuse';
}

/** Stands for a call to an outside system: down a few times, or refusing on business grounds. */
@JobWorker({
  type: 'test.flaky-call',
  description: 'Test worker: fails, refuses or completes on demand.',
  input: FlakyCallInput,
  outputs: ['attempts'],
  retryBackoff: { initialMs: 50, maxMs: 200 },
})
class FlakyCallWorker implements JobHandler<FlakyCallInput, { attempts: number }> {
  private readonly attempts = new Map<string, number>();

  handle(input: FlakyCallInput): { attempts: number } {
    const attempts = (this.attempts.get(input.businessKey) ?? 0) + 1;
    this.attempts.set(input.businessKey, attempts);
    if (input.outcome === 'refuse') {
      throw new DomainError('TEST_REFUSED', 'the bureau refused the query', {
        refusalReason: 'on the warning list',
      });
    }
    if (attempts <= input.failTimes) throw new Error('bureau unavailable');
    return { attempts };
  }
}

@Module({ providers: [FlakyCallWorker] })
class FlakyCallModule {}

describe('the framework maps handler outcomes onto the job', () => {
  const suite = stackSuite({
    models: [fixturePath('error-handling.bpmn')],
    workers: [FlakyCallModule],
  });
  let zeebe: ZeebeClient;
  let records: ExporterRecords;

  beforeAll(() => {
    zeebe = suite.stack.zeebe;
    records = suite.stack.records;
  });

  const run = (variables: Record<string, string | number>) =>
    zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'test-error-handling',
      variables,
      requestTimeout: 20_000,
    });

  it('retries an infrastructure failure with backoff, then completes', async () => {
    const outcome = await run({
      businessKey: uniqueKey('flaky'),
      failTimes: 2,
      outcome: 'complete',
    });
    expect(outcome.variables).toMatchObject({ attempts: 3 });

    // The exporter writes the records a moment after the broker answers: the process's own
    // completion comes after its failures, so once it is in the streams the failures are too.
    await records.waitFor(
      'PROCESS_INSTANCE',
      ofInstance(
        String(outcome.processInstanceKey),
        'ELEMENT_COMPLETED',
        (r) => r.value.bpmnElementType === 'PROCESS',
      ),
    );
    const failures = await records.all(
      'JOB',
      ofInstance(String(outcome.processInstanceKey), 'FAILED'),
    );
    expect(failures.map((r) => r.value.retries)).toEqual([2, 1]);
    expect(failures.every((r) => r.value.errorMessage === 'Error: bureau unavailable')).toBe(true);
    expect(failures.map((r) => r.value.retryBackoff)).toEqual([50, 100]);
  });

  it('throws a DomainError to the model as the BPMN error of the same code', async () => {
    const outcome = await run({ businessKey: uniqueKey('flaky'), failTimes: 0, outcome: 'refuse' });
    expect(outcome.variables).toMatchObject({ refusalReason: 'on the warning list' });

    const ended = await records.waitFor(
      'PROCESS_INSTANCE',
      ofInstance(
        String(outcome.processInstanceKey),
        'ELEMENT_COMPLETED',
        (r) => r.value.bpmnElementType === 'END_EVENT',
      ),
    );
    expect(ended.value.elementId).toBe('Refused');
  });

  it('raises an incident with the last error once the retries run out', async () => {
    const instance = await zeebe.createProcessInstance({
      bpmnProcessId: 'test-error-handling',
      variables: { businessKey: uniqueKey('flaky'), failTimes: 10, outcome: 'complete' },
    });
    const key = String(instance.processInstanceKey);
    const incident = await records.waitFor('INCIDENT', ofInstance(key, 'CREATED'));
    expect(incident.value).toMatchObject({
      errorType: 'JOB_NO_RETRIES',
      errorMessage: 'Error: bureau unavailable',
    });
    expect(await records.all('JOB', ofInstance(key, 'FAILED'))).toHaveLength(3);
    await zeebe.cancelProcessInstance(key);
  });
});
