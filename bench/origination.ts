/**
 * Origination under load: N applications, every human task completed by bot users through the
 * API, as the demo bank's staff would. Prints loans per minute to disbursement, the time each stage
 * takes from the previous act to its completion (p50/p95), and service-task job latency (job
 * created -> completed, from the exporter's records).
 *
 *   npm run bench   (LOANS=60 CONCURRENCY=6)
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { ApiModule } from '../apps/api/src/api.module';
import { configureHttp } from '../apps/api/src/http/configure-http';
import { loadConfig } from '@loanflow/config';
import { DEMO_PASSWORD, seedDemoBank } from '@loanflow/identity';
import {
  approvalOf,
  contractsFor,
  creditApplication,
  FORM,
  GOOD_INVESTIGATION,
  GUARANTOR,
  guarantorApplication,
  JOB,
  mortgageApplication,
  OriginationWorkersModule,
  papersOf,
  PASSING_REVIEW,
  REGISTRATION,
  REGISTRATION_CERTIFICATE_PAPER,
  RELEASE,
  samplePaper,
  seedDemoWarningList,
  SIGNED_CONTRACT_PAPER,
} from '@loanflow/origination';
import { MonitoringWorkersModule } from '@loanflow/monitoring';
import { MetricsService } from '@loanflow/observability';
import { RuntimeModule } from '@loanflow/platform';
import { buildDataSourceOptions } from '@loanflow/persistence';
import { TasksWorkersModule } from '@loanflow/tasks';
import {
  createZeebeClient,
  decodeStreamEntry,
  streamName,
  WorkflowWorkersModule,
} from '@loanflow/workflow';
import { AuditTrail } from '@loanflow/audit';
import { ModelDeployments } from '@loanflow/models';
import { describeLatency, percentile } from './percentiles';

const LOANS = Number(process.env.LOANS ?? 60);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 6);
const PORT = 3901;
const BASE = `http://127.0.0.1:${PORT}`;

const tokens = new Map<string, string>();
const PAPER_OF_FORM: Record<string, string> = {
  [FORM.contracts]: SIGNED_CONTRACT_PAPER,
  [FORM.collateral]: REGISTRATION_CERTIFICATE_PAPER,
};

async function call(username: string, method: string, path: string, body?: object | FormData) {
  let token = tokens.get(username);
  if (!token) {
    const login = await fetch(`${BASE}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    token = ((await login.json()) as { accessToken: string }).accessToken;
    tokens.set(username, token);
  }
  // A FormData (an application with its papers, an upload) goes as multipart.
  const form = body instanceof FormData;
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: {
      ...(!form && { 'content-type': 'application/json' }),
      authorization: `Bearer ${token}`,
    },
    body: form ? body : body ? JSON.stringify(body) : undefined,
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok)
    throw new Error(`${username} ${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// A loan stopped by an incident would keep its bot waiting for ever: it is counted stuck instead.
const STAGE_TIMEOUT_MS = Number(process.env.STAGE_TIMEOUT_MS ?? 120_000);
class StuckLoan extends Error {}
const stageTimes = new Map<string, number[]>();

function record(stage: string, ms: number): void {
  stageTimes.set(stage, [...(stageTimes.get(stage) ?? []), ms]);
}

/** A bot does one stage: waits for its task to reach the inbox, then completes it. */
async function work(
  username: string,
  loanId: string,
  form: string,
  answer: object,
  since: number,
  stage: string,
) {
  for (const until = Date.now() + STAGE_TIMEOUT_MS; ;) {
    if (Date.now() > until) throw new StuckLoan(`${loanId} never reached ${form}`);
    const page = (await call(
      username,
      'GET',
      `/api/tasks?loan=${loanId}&type=${encodeURIComponent(form)}`,
    )) as {
      items: { id: string }[];
    };
    if (page.items[0]) {
      // The paper a payout rests on comes with the signing and the registration.
      const kind = PAPER_OF_FORM[form];
      if (kind) {
        const paper = samplePaper(kind);
        const upload = new FormData();
        upload.append('kind', kind);
        upload.append('file', new Blob([new Uint8Array(paper.bytes)]), paper.fileName);
        await call(username, 'POST', `/api/loans/${loanId}/documents`, upload);
      }
      await call(username, 'POST', `/api/tasks/${page.items[0].id}/complete`, { answer });
      const done = Date.now();
      record(stage, done - since);
      return done;
    }
    await sleep(50);
  }
}

async function originate(i: number): Promise<number> {
  const kind = i % 5 === 3 ? 'guarantor' : i % 5 === 4 ? 'mortgage' : 'credit';
  const body =
    kind === 'mortgage'
      ? mortgageApplication()
      : kind === 'guarantor'
        ? guarantorApplication()
        : creditApplication();
  const started = Date.now();
  // With its papers: the checks read uploads, not the declared list.
  const application = new FormData();
  application.append('application', JSON.stringify(body));
  for (const paper of papersOf(body))
    application.append(paper.kind, new Blob([new Uint8Array(paper.bytes)]), paper.fileName);
  const { loanId } = (await call('li.cm', 'POST', '/api/applications', application)) as {
    loanId: string;
  };
  let t = Date.now();
  record('application (POST)', t - started);
  t = await work(
    'li.cm',
    loanId,
    FORM.investigation,
    GOOD_INVESTIGATION,
    t,
    'checks+bureau+score -> investigation',
  );
  t = await work('wang.reviewer', loanId, FORM.review, PASSING_REVIEW, t, 'review');
  const amount = (body as { amount: string }).amount;
  const term = (body as { termMonths: number }).termMonths;
  t = await work(
    'zhao.approver',
    loanId,
    FORM.approval,
    approvalOf(amount, term),
    t,
    'approval (branch)',
  );
  const guarantors = kind === 'guarantor' ? [GUARANTOR.idNumber] : [];
  t = await work(
    'li.cm',
    loanId,
    FORM.contracts,
    contractsFor(loanId, guarantors, kind === 'mortgage'),
    t,
    'notice -> contract signing',
  );
  if (kind === 'mortgage')
    t = await work(
      'ma.mortgage',
      loanId,
      FORM.collateral,
      REGISTRATION,
      t,
      'collateral registration',
    );
  t = await work(
    'hu.supervisor',
    loanId,
    FORM.disbursementCheck,
    RELEASE,
    t,
    'conditions -> disbursement check',
  );
  for (const until = Date.now() + STAGE_TIMEOUT_MS; ;) {
    if (Date.now() > until) throw new StuckLoan(`${loanId} never disbursed`);
    const dossier = (await call('li.cm', 'GET', `/api/loans/${loanId}`)) as {
      status: string;
      schedule: unknown;
    };
    if (dossier.status === 'disbursed' && dossier.schedule) break;
    await sleep(50);
  }
  record('disburse + schedule + servicing', Date.now() - t);
  record('application -> disbursed (whole loan)', Date.now() - started);
  return Date.now();
}

async function jobLatencies(
  redis: Redis,
  prefix: string,
  since: number,
): Promise<Map<string, number[]>> {
  const created = new Map<string, { type: string; at: number }>();
  const latencies = new Map<string, number[]>();
  const types = new Set<string>(Object.values(JOB));
  for (const [, fields] of await redis.xrange(streamName(prefix, 'JOB'), '-', '+')) {
    const rec = decodeStreamEntry(fields);
    if (!rec || rec.timestamp < since) continue;
    const type = String(rec.value.type);
    if (rec.intent === 'CREATED' && types.has(type))
      created.set(String(rec.key), { type, at: rec.timestamp });
    if (rec.intent === 'COMPLETED' && created.has(String(rec.key))) {
      const start = created.get(String(rec.key))!;
      latencies.set(start.type, [...(latencies.get(start.type) ?? []), rec.timestamp - start.at]);
      latencies.set('all service tasks', [
        ...(latencies.get('all service tasks') ?? []),
        rec.timestamp - start.at,
      ]);
    }
  }
  return latencies;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = new DataSource(buildDataSourceOptions(config.DATABASE_URL));
  await dataSource.initialize();
  await seedDemoBank(dataSource);
  await seedDemoWarningList(dataSource);
  // A fresh broker, so fresh streams: records an earlier bench left would count as this run's.
  const streams = new Redis(config.REDIS_URL);
  const stale = await streams.keys(`${config.EXPORTER_STREAM_PREFIX}:*`);
  if (stale.length) await streams.del(...stale);
  streams.disconnect();
  const zeebe = createZeebeClient(config.ZEEBE_GRPC_ADDRESS);
  // Run from the repository root (npm run bench): the models are read from bpmn/, checked and recorded.
  // A cluster just formed may time out its first command between gateway and broker: asked again.
  for (let attempt = 1; ; attempt++) {
    try {
      await new ModelDeployments(dataSource, new AuditTrail(dataSource), zeebe).deploy(
        ['approval-authority.dmn', 'loan-origination.bpmn', 'loan-servicing.bpmn'].map((name) => ({
          name,
          content: readFileSync(resolve('bpmn', name), 'utf8'),
        })),
        { username: 'bench', roles: ['process-designer'], orgUnitCode: null },
      );
      break;
    } catch (error) {
      if (attempt === 5) throw error;
      await sleep(5000);
    }
  }

  @Module({
    imports: [
      RuntimeModule,
      WorkflowWorkersModule,
      TasksWorkersModule,
      OriginationWorkersModule,
      // The projector runs beside the workers, as in production: its lag is measured under this load.
      MonitoringWorkersModule,
    ],
  })
  class BenchWorkers {}
  const workers = await NestFactory.createApplicationContext(BenchWorkers, { logger: ['error'] });
  workers.enableShutdownHooks();
  const api = configureHttp(
    await NestFactory.create(ApiModule, { logger: ['error'], bodyParser: false }),
  );
  await api.listen(PORT, '127.0.0.1');

  console.log(
    `engine: ${process.env.BENCH_ENGINE ?? 'one broker'} (gateway ${config.ZEEBE_GRPC_ADDRESS})`,
  );
  console.log(
    `${LOANS} loans (3/5 credit, 1/5 guarantor, 1/5 mortgage), ${CONCURRENCY} at a time, bots completing every task through the API`,
  );
  const began = Date.now();
  const projector = new ProjectorSampler(workers.get(MetricsService));
  // The api and the workers run in this one process here: its resident memory under the load.
  let peakRss = process.memoryUsage().rss;
  const rssTimer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 500);
  let next = 0;
  let done = 0;
  const stuck: string[] = [];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < LOANS) {
        try {
          await originate(next++);
        } catch (error) {
          if (!(error instanceof StuckLoan)) throw error;
          stuck.push(error.message);
          continue;
        }
        done++;
        if (done % 10 === 0) process.stdout.write(`  ${done}/${LOANS} disbursed\n`);
      }
    }),
  );
  const minutes = (Date.now() - began) / 60_000;
  console.log(
    `loans disbursed per minute:         ${(done / minutes).toFixed(1)} (${done} in ${(minutes * 60).toFixed(1)} s)`,
  );
  if (stuck.length)
    console.log(`loans stuck (an incident, see the monitor): ${stuck.length}: ${stuck.join('; ')}`);
  console.log('time per stage (previous act -> this stage completed, bots act at once):');
  for (const [stage, samples] of stageTimes) console.log(`  ${describeLatency(stage, samples)}`);
  await sleep(1500); // the exporter flushes its last records
  await projector.report(dataSource, done, began);
  const redis = new Redis(config.REDIS_URL);
  console.log('service-task job latency (created -> completed, broker timestamps):');
  const latencies = await jobLatencies(redis, config.EXPORTER_STREAM_PREFIX, began);
  for (const [type, samples] of latencies) console.log(`  ${describeLatency(type, samples)}`);
  console.log('  (goal for all service tasks: p50 <= 50 ms, p99 <= 250 ms)');
  redis.disconnect();
  clearInterval(rssTimer);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  console.log(
    `api + workers RSS (one process in this bench): peak ${mb(peakRss)} MB under the load, ${mb(process.memoryUsage().rss)} MB at the end (goal <= 250 MB each)`,
  );
  await api.close();
  await workers.close();
  await zeebe.close();
  await dataSource.destroy();
}

/** Samples the projector's lag and record count every half second while the load runs. */
class ProjectorSampler {
  private readonly lags: number[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly metrics: MetricsService) {
    this.timer = setInterval(() => {
      void this.metrics.projectorLag.get().then((g) => this.lags.push(g.values[0]?.value ?? 0));
    }, 500);
  }

  private async records(): Promise<number> {
    return (await this.metrics.projectedRecords.get()).values.reduce((sum, v) => sum + v.value, 0);
  }

  /** Waits until every origination instance is projected as ended, then prints the figures. */
  async report(dataSource: DataSource, loans: number, began: number): Promise<void> {
    const loadEnded = Date.now();
    const ended = async () =>
      Number(
        (
          (await dataSource.query(
            // This run's instances only: the cluster step benches again on the same database.
            `SELECT COUNT(*) AS n FROM process_instance WHERE bpmn_process_id = 'loan-origination' AND state <> 'active' AND started_at >= ?`,
            [new Date(began - 1000)],
          )) as { n: string }[]
        )[0].n,
      );
    while ((await ended()) < loans && Date.now() - loadEnded < 120_000) await sleep(200);
    const caughtUp = Date.now();
    clearInterval(this.timer);
    const records = await this.records();
    const seconds = (caughtUp - began) / 1000;
    console.log(
      `projector: ${records} records applied in ${seconds.toFixed(1)} s (${(records / seconds).toFixed(0)} records/s at this load); ` +
        `caught up ${((caughtUp - loadEnded) / 1000).toFixed(1)} s after the last loan`,
    );
    const fmt = (p: number) => percentile(this.lags, p).toFixed(2);
    console.log(
      `projector lag (age of the newest record applied, sampled every 0.5 s): p50 ${fmt(50)} s  p95 ${fmt(95)} s  max ${fmt(100)} s`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
