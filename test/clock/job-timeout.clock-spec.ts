import { INestApplication, Module } from '@nestjs/common';
import { IsString } from 'class-validator';
import { DataSource } from 'typeorm';
import { MetricsService } from '@loanflow/observability';
import { IdempotencyService, JobEffectEntity } from '@loanflow/persistence';
import { BrokerClock, JobContext, JobHandler, JobWorker, ZeebeClient } from '@loanflow/workflow';
import { ExporterRecords, fixturePath, ofInstance, stackSuite, uniqueKey } from '../support';

const JOB_TYPE = 'test.slow-effect';

class SlowEffectInput {
  @IsString() businessKey!: string;
}

/** Produces its effect, then stalls past the job's timeout (as a worker does on a long GC or a hung call). */
@JobWorker({
  type: JOB_TYPE,
  description: 'Test worker that stalls.',
  input: SlowEffectInput,
  outputs: ['effectId'],
  timeoutMs: 60_000,
})
class SlowEffectWorker implements JobHandler<SlowEffectInput, { effectId: string }> {
  deliveries = 0;
  private releaseFirst!: () => void;
  private readonly firstMayFinish = new Promise<void>((resolve) => (this.releaseFirst = resolve));
  private firstStarted!: () => void;
  readonly firstHasProducedItsEffect = new Promise<void>(
    (resolve) => (this.firstStarted = resolve),
  );

  constructor(private readonly idempotency: IdempotencyService) {}

  release(): void {
    this.releaseFirst();
  }

  async handle(input: SlowEffectInput, context: JobContext): Promise<{ effectId: string }> {
    const delivery = ++this.deliveries;
    const { result } = await this.idempotency.once(
      JOB_TYPE,
      input.businessKey,
      context.jobKey,
      () => Promise.resolve({ effectId: `effect-of-delivery-${delivery}` }),
    );
    if (delivery === 1) {
      this.firstStarted();
      await this.firstMayFinish;
    }
    return result;
  }
}

@Module({ providers: [SlowEffectWorker] })
class SlowEffectModule {}

describe('a job whose timeout passes while its worker stalls', () => {
  const suite = stackSuite({
    models: [fixturePath('slow-effect.bpmn')],
    workers: [SlowEffectModule],
  });
  let app: INestApplication;
  let zeebe: ZeebeClient;
  let records: ExporterRecords;
  let clock: BrokerClock;

  beforeAll(() => {
    app = suite.stack.workers!;
    zeebe = suite.stack.zeebe;
    records = suite.stack.records;
    clock = suite.stack.clock;
  });

  suite.beforeClose(() => {
    app.get(SlowEffectWorker).release();
  });

  it('is delivered again, produces its effect once, and the stale completion is dropped', async () => {
    const worker = app.get(SlowEffectWorker);
    const businessKey = uniqueKey('slow');
    const instance = await zeebe.createProcessInstance({
      bpmnProcessId: 'test-slow-effect',
      variables: { businessKey },
    });
    const key = String(instance.processInstanceKey);
    await worker.firstHasProducedItsEffect;

    await clock.advance(2 * 60_000);
    await records.waitFor('JOB', ofInstance(key, 'TIMED_OUT'), 60_000);
    const completed = await records.waitFor('JOB', ofInstance(key, 'COMPLETED'), 60_000);
    expect(completed.value.variables).toEqual({ effectId: 'effect-of-delivery-1' });
    expect(worker.deliveries).toBe(2);

    worker.release();
    const metrics = app.get(MetricsService);
    await expect(waitForLostJob(metrics)).resolves.toBe(1);
    const effects = await app
      .get(DataSource)
      .getRepository(JobEffectEntity)
      .countBy({ scope: JOB_TYPE, effectKey: businessKey });
    expect(effects).toBe(1);
  });
});

async function waitForLostJob(metrics: MetricsService): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const { values } = await metrics.jobsHandled.get();
    const lost = values.find((v) => v.labels.type === JOB_TYPE && v.labels.outcome === 'lost');
    if (lost) return lost.value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return 0;
}
