/**
 * Origination under load: N applications, every human task completed by bot users through the
 * API, as the demo bank's staff would. Prints loans per minute to disbursement, the time each stage
 * takes from the previous act to its completion (p50/p95), service-task job latency (job created ->
 * completed, from the exporter's records) with where that time goes, and each process's memory.
 * The api and the workers run as two processes of the build, as they are deployed. WARMUP_LOANS
 * loans first, and as many baseline instances, are not counted.
 *
 *   BENCH=origination npm run bench   (LOANS=60 CONCURRENCY=6 WARMUP_LOANS=120)
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
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
  LOAN_DISBURSED_MESSAGE,
  mortgageApplication,
  papersOf,
  PASSING_REVIEW,
  REGISTRATION,
  REGISTRATION_CERTIFICATE_PAPER,
  RELEASE,
  samplePaper,
  seedDemoWarningList,
  SIGNED_CONTRACT_PAPER,
} from '@loanflow/origination';
import { buildDataSourceOptions, onlyRow } from '@loanflow/persistence';
import { createZeebeClient, decodeStreamEntry, streamName } from '@loanflow/workflow';
import { modelDeploymentsOn } from '@loanflow/models';
import { forEachConcurrently, indexes } from './concurrency';
import { benchParts, describeCpu, sampleCpu } from './machine-cpu';
import { describeLatency, percentile } from './percentiles';
import { wholeNumber } from './settings';
import { ProductProcess, samplesOf } from './product-process';
import {
  InstanceScript,
  replay,
  scriptsOfRun,
  scriptVariable,
  startsByCreation,
  startsByMessage,
} from './replay-baseline';

const LOANS = wholeNumber('LOANS', 60);
/**
 * Loans run before the measured ones, and instances before the baseline's, not counted: the broker
 * is started for the run and its JIT compilers take a third of its CPU in the first minutes under
 * load (printed with the CPU), which a broker that has run for a day no longer pays.
 */
const WARMUP_LOANS = wholeNumber('WARMUP_LOANS', 120, 0);
const ORIGINATION = 'loan-origination';
const SERVICING = 'loan-servicing';
const CONCURRENCY = wholeNumber('CONCURRENCY', 6);
const PORT = 3901;
const BASE = `http://127.0.0.1:${PORT}`;

const tokens = new Map<string, string>();
/** The customer manager's first task of a loan in servicing (贷后回访). */
const FOLLOW_UP_FORM = 'loanflow:follow-up';

const PAPER_OF_FORM: Record<string, string> = {
  [FORM.contracts]: SIGNED_CONTRACT_PAPER,
  [FORM.collateral]: REGISTRATION_CERTIFICATE_PAPER,
};

/** The bots' requests to the api by method and route (ids taken out). */
const requests = new Map<string, number>();

async function call(username: string, method: string, path: string, body?: object | FormData) {
  const [route = ''] = path.split('?');
  const shape = `${method} ${route.replace(/\/[^/]*\d[^/]*(?=\/|$)/g, '/:id')}`;
  requests.set(shape, (requests.get(shape) ?? 0) + 1);
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
type LoanKind = 'credit' | 'guarantor' | 'mortgage';
/** The bots' mix: three credit loans, one with a guarantor, one mortgage in every five. */
const kindOf = (i: number): LoanKind =>
  i % 5 === 3 ? 'guarantor' : i % 5 === 4 ? 'mortgage' : 'credit';
const kinds = new Map<string, LoanKind>();

function record(stage: string, ms: number): void {
  stageTimes.set(stage, [...(stageTimes.get(stage) ?? []), ms]);
}

/**
 * Waits for the bot's task to reach its inbox: the task list waits up to 20 s for it (as any client
 * waiting for its next task would) and is asked again until the stage's time runs out.
 */
async function nextTask(username: string, loanId: string, form: string): Promise<{ id: string }> {
  for (const until = Date.now() + STAGE_TIMEOUT_MS; ;) {
    if (Date.now() > until) throw new StuckLoan(`${loanId} never reached ${form}`);
    const page = (await call(
      username,
      'GET',
      `/api/tasks?loan=${loanId}&type=${encodeURIComponent(form)}&waitSeconds=20`,
    )) as {
      items: { id: string }[];
    };
    if (page.items[0]) return page.items[0];
  }
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
  const task = await nextTask(username, loanId, form);
  // The paper a payout rests on comes with the signing and the registration.
  const kind = PAPER_OF_FORM[form];
  if (kind) {
    const paper = samplePaper(kind);
    const upload = new FormData();
    upload.append('kind', kind);
    upload.append('file', new Blob([new Uint8Array(paper.bytes)]), paper.fileName);
    await call(username, 'POST', `/api/loans/${loanId}/documents`, upload);
  }
  await call(username, 'POST', `/api/tasks/${task.id}/complete`, { answer });
  const done = Date.now();
  record(stage, done - since);
  return done;
}

async function originate(i: number): Promise<number> {
  const kind = kindOf(i);
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
  kinds.set(loanId, kind);
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
  // Servicing has begun once the customer manager's follow-up task is in their inbox: the loan is
  // then paid out with its schedule, which the dossier must show.
  await nextTask('li.cm', loanId, FOLLOW_UP_FORM);
  const dossier = (await call('li.cm', 'GET', `/api/loans/${loanId}`)) as {
    status: string;
    schedule: unknown;
  };
  if (dossier.status !== 'disbursed' || !dossier.schedule)
    throw new Error(`${loanId} has its follow-up task but is ${dossier.status} without a schedule`);
  record('disburse + schedule + servicing', Date.now() - t);
  record('application -> disbursed (whole loan)', Date.now() - started);
  return Date.now();
}

async function jobLatencies(
  redis: Redis,
  prefix: string,
  since: number,
): Promise<{ latencies: Map<string, number[]>; activation: number[] }> {
  const created = new Map<string, { type: string; at: number }>();
  const activatedAt = new Map<string, number>();
  const latencies = new Map<string, number[]>();
  const activation: number[] = [];
  const types = new Set<string>(Object.values(JOB));
  for (const [, fields] of await redis.xrange(streamName(prefix, 'JOB_BATCH'), '-', '+')) {
    const rec = decodeStreamEntry(fields);
    if (!rec || rec.timestamp < since || rec.intent !== 'ACTIVATED') continue;
    const keys = Array.isArray(rec.value.jobKeys) ? (rec.value.jobKeys as unknown[]) : [];
    for (const key of keys) activatedAt.set(String(key), rec.timestamp);
  }
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
      const activated = activatedAt.get(String(rec.key));
      if (activated !== undefined) activation.push(activated - start.at);
    }
  }
  return { latencies, activation };
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
      await modelDeploymentsOn(dataSource, zeebe).deploy(
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

  // The api and the workers as they are deployed: two processes of the build, each with its own
  // event loop and memory; this process only drives the bots. The projector runs in the workers.
  const ports = { API_PORT: String(PORT), WORKERS_PORT: String(PORT + 1), HTTP_HOST: '127.0.0.1' };
  const workers = await ProductProcess.start('workers', PORT + 1, { ...ports, WORKER_TYPES: '*' });
  const api = await ProductProcess.start('api', PORT, ports);

  console.log(
    `engine: ${process.env.BENCH_ENGINE ?? 'one broker'} (gateway ${config.ZEEBE_GRPC_ADDRESS})`,
  );
  console.log(
    `${LOANS} loans (3/5 credit, 1/5 guarantor, 1/5 mortgage), ${CONCURRENCY} at a time, bots completing every task through the API`,
  );
  let next = 0;
  const stuck: string[] = [];
  /** Runs count loans, CONCURRENCY at a time; answers how many were paid out. */
  const drive = async (count: number): Promise<number> => {
    let done = 0;
    const first = next;
    next += count;
    await forEachConcurrently(indexes(first, count), CONCURRENCY, async (i) => {
      try {
        await originate(i);
      } catch (error) {
        if (!(error instanceof StuckLoan)) throw error;
        stuck.push(error.message);
        return;
      }
      done++;
      if (done % 10 === 0) process.stdout.write(`  ${done}/${count} disbursed\n`);
    });
    return done;
  };
  if (WARMUP_LOANS > 0) {
    console.log(`warm-up: ${WARMUP_LOANS} loans, not counted`);
    await drive(WARMUP_LOANS);
    stageTimes.clear();
    requests.clear();
  }
  const parts = benchParts({ api: api.pid, workers: workers.pid, 'the bots': process.pid });
  const cpuBefore = sampleCpu(parts);
  const began = Date.now();
  const projector = await ProjectorSampler.start(workers);
  const phasesBefore = await workers.metrics();
  const done = await drive(LOANS);
  const minutes = (Date.now() - began) / 60_000;
  const cpuAfter = sampleCpu(parts);
  console.log(
    `loans disbursed per minute:         ${(done / minutes).toFixed(1)} (${done} in ${(minutes * 60).toFixed(1)} s)`,
  );
  console.log(describeCpu(cpuBefore, cpuAfter, done, 'loan'));
  const asked = [...requests].sort((a, b) => b[1] - a[1]);
  const perLoan = (count: number) => (count / Math.max(done, 1)).toFixed(1);
  console.log(
    `the bots' requests to the api per loan: ${perLoan(asked.reduce((sum, [, count]) => sum + count, 0))} (${asked
      .slice(0, 4)
      .map(([route, count]) => `${route} ${perLoan(count)}`)
      .join(', ')})`,
  );
  if (stuck.length)
    console.log(`loans stuck (an incident, see the monitor): ${stuck.length}: ${stuck.join('; ')}`);
  console.log('time per stage (previous act -> this stage completed, bots act at once):');
  for (const [stage, samples] of stageTimes) console.log(`  ${describeLatency(stage, samples)}`);
  await sleep(1500); // the exporter flushes its last records
  await projector.report(dataSource, done, began);
  const redis = new Redis(config.REDIS_URL);
  console.log('service-task job latency (created -> completed, broker timestamps):');
  const { latencies, activation } = await jobLatencies(redis, config.EXPORTER_STREAM_PREFIX, began);
  for (const [type, samples] of latencies) console.log(`  ${describeLatency(type, samples)}`);
  console.log('  (goal for all service tasks: p50 <= 50 ms, p99 <= 250 ms)');
  console.log("where a service task's time goes:");
  console.log(`  ${describeLatency('created -> activated (broker)', activation)}`);
  for (const line of jobPhases(phasesBefore, await workers.metrics())) console.log(`  ${line}`);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  for (const product of [api, workers])
    console.log(
      `${product.name} RSS: peak ${mb(product.peak())} MB under the load, ${mb(product.rss())} MB at the end (goal <= 250 MB)`,
    );
  await api.stop();
  await workers.stop();
  await baseline(
    zeebe,
    redis,
    config.EXPORTER_STREAM_PREFIX,
    began,
    done / minutes,
    latencies,
    config.JOB_ACTIVATION === 'stream',
  );
  redis.disconnect();
  await zeebe.close();
  await dataSource.destroy();
}

/**
 * The same models, the same variables, no product work: one finished loan of each kind is replayed
 * (replay-baseline.ts) as many times and as many at a time as the bots ran, on the same broker in the
 * same run, once the product's processes have stopped. Its origination instance, and the servicing
 * instance its start-servicing job starts by message as the product's does, up to where the loan
 * waits for its first due date (the follow-up task the inbox held stays held). Prints the ratios
 * the goals are set against.
 */
async function baseline(
  zeebe: ReturnType<typeof createZeebeClient>,
  redis: Redis,
  prefix: string,
  began: number,
  loansPerMinute: number,
  latencies: Map<string, number[]>,
  /** The product's jobs were pushed (JOB_ACTIVATION=stream): the baseline's are too. */
  pushed: boolean,
): Promise<void> {
  const scripts = await scriptsOfRun(
    redis,
    prefix,
    began,
    [ORIGINATION, SERVICING],
    await startsByCreation(redis, prefix, began, ORIGINATION),
  );
  const servicingStarts = await startsByMessage(redis, prefix, began, LOAN_DISBURSED_MESSAGE);
  const finished = (kind: LoanKind) =>
    [...scripts].find(
      ([loanId, script]) =>
        kinds.get(loanId) === kind &&
        servicingStarts.has(loanId) &&
        [...script.types.values()].includes(JOB.startServicing),
    );
  const mix = [0, 1, 2, 3, 4].map((i) => finished(kindOf(i)));
  if (mix.some((found) => !found)) {
    console.log('no-op baseline: not run (no finished loan of every kind to replay)');
    return;
  }
  const chosen = mix as [string, InstanceScript][];
  const mixScripts = chosen.map(([, script]) => script);
  // The product's start-servicing publishes loan-disbursed; each replayed loan its own, under a
  // correlation key of its own (the broker starts one instance per key while one is active).
  const startServicing = async (script: number, processInstanceKey: string) => {
    const [loanId = ''] = chosen[script] ?? [];
    const key = `baseline-${processInstanceKey}`;
    await zeebe.publishMessage({
      name: LOAN_DISBURSED_MESSAGE,
      correlationKey: key,
      messageId: `${LOAN_DISBURSED_MESSAGE}:${key}`,
      timeToLive: 3_600_000,
      variables: {
        ...servicingStarts.get(loanId)?.variables,
        ...scriptVariable(script, mixScripts),
      } as never,
    });
  };
  // The warm-up instances run first on the same workers: the sample is taken when the timed ones start.
  let since = Date.now();
  const parts = benchParts({ 'the bench': process.pid });
  let cpuBefore = sampleCpu(parts);
  const run = await replay(zeebe, ORIGINATION, mixScripts, LOANS, CONCURRENCY, {
    leaveUnrecorded: true,
    alsoDoes: { [JOB.startServicing]: startServicing },
    push: pushed,
    warmUp: WARMUP_LOANS,
    onTimedStart: () => {
      since = Date.now();
      cpuBefore = sampleCpu(parts);
    },
  });
  const cpuAfter = sampleCpu(parts);
  const perMinute = run.ended / (run.seconds / 60);
  await sleep(1500); // the exporter flushes its last records
  const floor = await jobLatencies(redis, prefix, since);
  const all = floor.latencies.get('all service tasks') ?? [];
  const ours = latencies.get('all service tasks') ?? [];
  console.log(
    `no-op baseline (same models and variables: origination and the servicing start; workers that only complete, user tasks completed at once; jobs ${pushed ? 'pushed and polled' : 'polled'} as the product's): ${run.ended} instances in ${run.seconds.toFixed(1)} s`,
  );
  console.log(
    `  loans per minute: ${perMinute.toFixed(1)}; origination / baseline = ${(loansPerMinute / perMinute).toFixed(2)} (goal >= 0.5)`,
  );
  console.log(`  ${describeCpu(cpuBefore, cpuAfter, run.ended, 'instance')}`);
  console.log(`  ${describeLatency('service-task job latency', all)}`);
  console.log(`  ${describeLatency('created -> activated (broker)', floor.activation)}`);
  console.log(
    `  origination / baseline job latency: p50 ${(percentile(ours, 50) / Math.max(percentile(all, 50), 1)).toFixed(1)}x, p99 ${(percentile(ours, 99) / Math.max(percentile(all, 99), 1)).toFixed(1)}x`,
  );
}

const PHASES: Record<string, string> = {
  admit: 'in the worker: input checked, gates passed',
  handle: 'in the worker: the handler',
  report: 'outcome sent -> broker answered',
};

/**
 * The workers' own account of each job's time between two readings of their metrics
 * (loanflow_job_phase_seconds over every service task type): the mean from the sums, and p50/p95
 * read from the histogram's buckets.
 */
function jobPhases(before: string, after: string): string[] {
  const metric = 'loanflow_job_phase_seconds';
  const lines: string[] = [];
  for (const [phase, label] of Object.entries(PHASES)) {
    const ofPhase = (text: string, name: string) =>
      samplesOf(text, `${metric}_${name}`).filter((s) => s.labels.phase === phase);
    const added = (text: string, name: string) =>
      ofPhase(text, name).reduce((total, s) => total + s.value, 0);
    const sum = added(after, 'sum') - added(before, 'sum');
    const count = added(after, 'count') - added(before, 'count');
    const buckets = new Map<number, number>();
    for (const [text, sign] of [
      [after, 1],
      [before, -1],
    ] as const)
      for (const s of ofPhase(text, 'bucket')) {
        const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
        buckets.set(le, (buckets.get(le) ?? 0) + sign * s.value);
      }
    const quantile = (q: number) => {
      const bounds = [...buckets.keys()].sort((a, b) => a - b);
      let below = 0;
      let lower = 0;
      for (const bound of bounds) {
        const within = buckets.get(bound)!;
        if (within >= q * count) {
          if (bound === Infinity) return lower;
          return lower + ((q * count - below) / Math.max(within - below, 1)) * (bound - lower);
        }
        below = within;
        lower = bound;
      }
      return lower;
    };
    const ms = (seconds: number) => (seconds * 1000).toFixed(1);
    lines.push(
      `${`${phase} (${label})`.padEnd(60)} n=${String(count).padStart(6)}  mean ${ms(count ? sum / count : 0)} ms  p50 ~${ms(quantile(0.5))} ms  p95 ~${ms(quantile(0.95))} ms`,
    );
  }
  return lines;
}

/** Samples the projector's lag and record count every half second while the load runs. */
class ProjectorSampler {
  private readonly lags: number[] = [];
  private readonly timer: NodeJS.Timeout;
  private recordsBefore = 0;

  /** Starts sampling; records applied before now (the warm-up's) are not counted. */
  static async start(workers: ProductProcess): Promise<ProjectorSampler> {
    const sampler = new ProjectorSampler(workers);
    sampler.recordsBefore = await sampler.records();
    return sampler;
  }

  private constructor(private readonly workers: ProductProcess) {
    this.timer = setInterval(() => {
      void this.workers
        .metrics()
        .then((text) =>
          this.lags.push(samplesOf(text, 'loanflow_projector_lag_seconds')[0]?.value ?? 0),
        )
        .catch(() => undefined);
    }, 500);
  }

  private async records(): Promise<number> {
    return samplesOf(await this.workers.metrics(), 'loanflow_projector_records_total').reduce(
      (sum, v) => sum + v.value,
      0,
    );
  }

  /** Waits until every origination instance is projected as ended, then prints the figures. */
  async report(dataSource: DataSource, loans: number, began: number): Promise<void> {
    const loadEnded = Date.now();
    const ended = async () =>
      Number(
        onlyRow(
          await dataSource.query<{ n: string }[]>(
            // This run's instances only: the cluster step benches again on the same database.
            `SELECT COUNT(*) AS n FROM process_instance WHERE bpmn_process_id = 'loan-origination' AND state <> 'active' AND started_at >= ?`,
            [new Date(began - 1000)],
          ),
          'ended origination instances',
        ).n,
      );
    while ((await ended()) < loans && Date.now() - loadEnded < 120_000) await sleep(200);
    const caughtUp = Date.now();
    clearInterval(this.timer);
    const records = (await this.records()) - this.recordsBefore;
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
