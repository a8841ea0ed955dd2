/**
 * The worker framework's overhead: the same 10-service-task process driven by bare SDK workers and
 * by framework workers (@JobWorker: discovery, input validation, outcome mapping, metrics, logs),
 * on the same broker in the same run. Prints instances per second for both and their ratio.
 *
 *   npm run bench            (INSTANCES=400 ROUNDS=3 CONCURRENCY=32 to change the load)
 */
import 'reflect-metadata';
import { Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsString } from 'class-validator';
import { loadConfig } from '@loanflow/config';
import { RuntimeModule } from '@loanflow/platform';
import {
  createZeebeClient,
  JobWorker,
  WorkflowWorkersModule,
  ZeebeClient,
} from '@loanflow/workflow';
import { serviceTaskChain } from './bpmn-chain';

const STEPS = 10;
const INSTANCES = Number(process.env.INSTANCES ?? 400);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);
const WARMUP = 100;

/** Counts instances whose last step finished; a run waits on it. */
class Finish {
  private count = 0;
  private waiter?: { target: number; resolve: () => void };
  done(): void {
    this.count += 1;
    if (this.waiter && this.count >= this.waiter.target) this.waiter.resolve();
  }
  until(target: number): Promise<void> {
    if (this.count >= target) return Promise.resolve();
    return new Promise((resolve) => (this.waiter = { target, resolve }));
  }
  get total(): number {
    return this.count;
  }
}

class StepInput {
  @IsString() businessKey!: string;
}

function frameworkWorkers(finish: Finish): Type[] {
  const classes: Type[] = [];
  for (let i = 1; i <= STEPS; i++) {
    const last = i === STEPS;
    @JobWorker({
      type: `bench-fw.step-${i}`,
      description: `bench step ${i}`,
      input: StepInput,
      outputs: [],
    })
    class StepWorker {
      handle(): void {
        if (last) finish.done();
      }
    }
    classes.push(StepWorker);
  }
  return classes;
}

function bareWorkers(client: ZeebeClient, finish: Finish): { close(): Promise<unknown> }[] {
  const workers = [];
  for (let i = 1; i <= STEPS; i++) {
    const last = i === STEPS;
    workers.push(
      client.createWorker({
        taskType: `bench-bare.step-${i}`,
        fetchVariable: ['businessKey'] as never,
        maxJobsToActivate: 32,
        timeout: 60_000,
        loglevel: 'NONE',
        taskHandler: (job) => {
          if (last) finish.done();
          return job.complete();
        },
      }),
    );
  }
  return workers;
}

async function drive(
  client: ZeebeClient,
  processId: string,
  finish: Finish,
  count: number,
): Promise<number> {
  const target = finish.total + count;
  const started = process.hrtime.bigint();
  let next = 0;
  const starters = Array.from({ length: CONCURRENCY }, async () => {
    while (next < count) {
      const n = next++;
      await client.createProcessInstance({
        bpmnProcessId: processId,
        variables: { businessKey: `${processId}-${n}` },
      });
    }
  });
  await Promise.all(starters);
  await finish.until(target);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const client = createZeebeClient(config.ZEEBE_GRPC_ADDRESS);
  await client.deployResources([
    {
      process: Buffer.from(serviceTaskChain('bench-bare', 'bench-bare', STEPS)),
      name: 'bench-bare.bpmn',
    },
    {
      process: Buffer.from(serviceTaskChain('bench-framework', 'bench-fw', STEPS)),
      name: 'bench-framework.bpmn',
    },
  ]);

  const bareFinish = new Finish();
  const bare = bareWorkers(client, bareFinish);
  const fwFinish = new Finish();
  @Module({
    imports: [RuntimeModule, WorkflowWorkersModule],
    providers: frameworkWorkers(fwFinish),
  })
  class BenchWorkersModule {}
  const app = await NestFactory.createApplicationContext(BenchWorkersModule, {
    logger: ['error', 'warn'],
  });
  await app.init();

  console.log(`warming up (${WARMUP} instances each)`);
  await drive(client, 'bench-bare', bareFinish, WARMUP);
  await drive(client, 'bench-framework', fwFinish, WARMUP);

  const bareRates: number[] = [];
  const fwRates: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    bareRates.push(await drive(client, 'bench-bare', bareFinish, INSTANCES));
    fwRates.push(await drive(client, 'bench-framework', fwFinish, INSTANCES));
    console.log(
      `round ${round}: bare ${bareRates.at(-1)!.toFixed(1)}/s, framework ${fwRates.at(-1)!.toFixed(1)}/s`,
    );
  }

  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const ratio = mean(fwRates) / mean(bareRates);
  console.log(
    `\n${STEPS}-service-task process, ${INSTANCES} instances x ${ROUNDS} rounds, ${CONCURRENCY} concurrent starts`,
  );
  console.log(`bare SDK workers:   ${mean(bareRates).toFixed(1)} instances/s`);
  console.log(`framework workers:  ${mean(fwRates).toFixed(1)} instances/s`);
  console.log(`framework / bare:   ${(ratio * 100).toFixed(1)}% (goal: at least 85%)`);

  await app.close();
  await Promise.all(bare.map((worker) => worker.close()));
  await client.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
