/**
 * How one broker holds a bank's servicing book: SCALE_INSTANCES (100,000) active loan-servicing
 * instances on the real model with their timers (installment due dates, inspections, follow-ups,
 * revaluations) and message subscriptions, then one business day after another on the broker's
 * clock. Prints the time and jobs per second to start the book, the broker's state (data folder,
 * RocksDB live data and keys, heap, resident memory) before and after, and for each business day
 * the timers that fell due, the jobs they made and how long the broker took to pass them.
 *
 *   BENCH=scale npm run bench      (SCALE_INSTANCES=20000 SCALE_DAYS=3 for a shorter run)
 *
 * The instances follow scripts, not the product's workers: scripts/bench.sh first runs the
 * portfolio bench on a few loans (the product end to end, on the same fresh broker), and each of
 * those loans' servicing instances becomes a script (its loan-disbursed message, and the variables
 * every job of it completed with, from the exporter's records). Here, the message is published once
 * per instance with a loan id of its own, and plain SDK workers complete every job at once with its
 * script's variables, every date moved by whole days: loans are paid out on SCALE_SPREAD_DAYS (28)
 * successive days, so a day's due dates are a 28th of the book, as in a bank that lends every day.
 * What the product's workers cost per job on top is in the portfolio bench's jobs per second.
 */
import 'reflect-metadata';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import { loadConfig } from '@loanflow/config';
import {
  BrokerClock,
  createZeebeClient,
  decodeStreamEntry,
  streamName,
  ZeebeClient,
} from '@loanflow/workflow';
import { EngineActivity } from './engine-activity';
import { publishThroughBackpressure } from './publish-message';
import { wholeNumber } from './settings';
import { residentBytes, samplesOf } from './product-process';
import {
  InstanceScript,
  scriptedWorkers,
  scriptsOfRun,
  scriptVariable,
  startsByMessage,
} from './replay-baseline';
import { shiftDates } from './shift-dates';
import { itemAt } from '@loanflow/domain';

const INSTANCES = wholeNumber('SCALE_INSTANCES', 100_000);
const SPREAD_DAYS = wholeNumber('SCALE_SPREAD_DAYS', 28);
const DAYS = wholeNumber('SCALE_DAYS', 3);
/** Messages published at once while the book is started. */
const CONCURRENCY = wholeNumber('SCALE_CONCURRENCY', 32);
const BROKER_VAR = resolve(process.env.SCALE_BROKER_VAR ?? 'var/bench');
const SERVICING = 'loan-servicing';
const LOAN_DISBURSED = 'loan-disbursed';
const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';
const SHIFT_VARIABLE = 'benchShiftDays';
const DAY_MS = 86_400_000;
/** How long a business day may take before the bench gives up on it. */
const DAY_TIMEOUT_MS = 60 * 60_000;

type Variables = Record<string, unknown>;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const perInstance = (bytes: number) => `${(bytes / INSTANCES / 1024).toFixed(1)} KB`;

/** What the broker holds, as it reports it and as the machine sees it. */
interface BrokerState {
  dataFolder: number;
  liveData: number;
  keys: number;
  sstFiles: number;
  heap: number;
  rss: number;
}

function folderBytes(path: string): number {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) total += folderBytes(child);
    else if (entry.isFile()) total += statSync(child).size;
  }
  return total;
}

async function brokerState(managementUrl: string): Promise<BrokerState> {
  const text = await (await fetch(`${managementUrl}/actuator/prometheus`)).text();
  const total = (metric: string, keep: (labels: Record<string, string>) => boolean = () => true) =>
    samplesOf(text, metric)
      .filter((sample) => keep(sample.labels))
      .reduce((sum, sample) => sum + sample.value, 0);
  const pid = Number(readFileSync(join(BROKER_VAR, 'zeebe.pid'), 'utf8').trim());
  return {
    dataFolder: folderBytes(join(BROKER_VAR, 'zeebe-data')),
    liveData: total('zeebe_rocksdb_live_estimate_live_data_size'),
    keys: total('zeebe_rocksdb_live_estimate_num_keys'),
    sstFiles: total('zeebe_rocksdb_sst_live_sst_files_size'),
    heap: total('jvm_memory_used_bytes', (labels) => labels.area === 'heap'),
    rss: residentBytes(pid),
  };
}

function printState(label: string, before: BrokerState, after: BrokerState): void {
  const row = (name: string, key: keyof BrokerState, show: (n: number) => string) =>
    console.log(
      `  ${name.padEnd(34)} ${show(before[key]).padStart(12)} -> ${show(after[key]).padStart(12)}` +
        (key === 'keys'
          ? `  (${((after.keys - before.keys) / INSTANCES).toFixed(1)} per instance)`
          : `  (${perInstance(after[key] - before[key])} per instance)`),
    );
  console.log(label);
  row('data folder (log and snapshots)', 'dataFolder', mb);
  row('RocksDB live data (estimate)', 'liveData', mb);
  row('RocksDB SST files', 'sstFiles', mb);
  row('RocksDB keys (estimate)', 'keys', (n) => n.toFixed(0));
  row('JVM heap in use', 'heap', mb);
  row('broker resident memory', 'rss', mb);
}

/** The warm-up's servicing instances as scripts: what each job completed with. */
async function readScripts(redis: Redis, prefix: string): Promise<InstanceScript[]> {
  const starts = await startsByMessage(redis, prefix, 0, LOAN_DISBURSED);
  const scripts = [...(await scriptsOfRun(redis, prefix, 0, SERVICING, starts))]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, script]) => script);
  // People's tasks are left waiting, as in a bank's book: only system tasks are scripted.
  return scripts.map((script) => ({
    ...script,
    types: new Map([...script.types].filter(([, type]) => type !== USER_TASK_JOB_TYPE)),
  }));
}

/** Ends the warm-up's own instances, so that only the scripted book runs on the broker. */
async function cancelWarmUp(redis: Redis, prefix: string, zeebe: ZeebeClient): Promise<number> {
  const roots = new Set<string>();
  for (const [, fields] of await redis.xrange(streamName(prefix, 'PROCESS_INSTANCE'), '-', '+')) {
    const rec = decodeStreamEntry(fields);
    if (rec?.intent !== 'ELEMENT_ACTIVATED' || rec.value.bpmnElementType !== 'PROCESS') continue;
    if (Number(rec.value.parentProcessInstanceKey) > 0) continue;
    roots.add(String(rec.value.processInstanceKey));
  }
  let cancelled = 0;
  for (const key of roots)
    await zeebe.cancelProcessInstance(key).then(
      () => (cancelled += 1),
      () => undefined, // ended already
    );
  return cancelled;
}

/** The first installment check of a script, on the run's clock (ms). */
function firstCheckAt(script: InstanceScript): number {
  for (const completed of script.completions.values())
    for (const variables of completed) {
      const checkAt = (variables.nextInstallment as { checkAt?: string } | undefined)?.checkAt;
      if (checkAt) return Date.parse(checkAt);
    }
  throw new Error('a warm-up loan has no installment check to time the book by');
}

interface Book {
  /** Whole days each script's dates move so that its loan is paid out on the bench's first day. */
  baseShift: number[];
  /** The first check of the loans paid out on the first day. */
  firstCheck: number;
}

function planBook(scripts: InstanceScript[], now: number): Book {
  const baseShift = scripts.map((script) => Math.ceil((now - script.startedAt) / DAY_MS));
  const firstCheck = Math.min(
    ...scripts.map((script, i) => firstCheckAt(script) + itemAt(baseShift, i, 'shifts') * DAY_MS),
  );
  return { baseShift, firstCheck };
}

/** Instance i: script i mod n, paid out on day floor(i / n) mod SPREAD_DAYS. */
async function startBook(
  zeebe: ZeebeClient,
  scripts: InstanceScript[],
  book: Book,
  activity: EngineActivity,
): Promise<number> {
  let next = 0;
  let published = 0;
  let refused = 0;
  const step = Math.max(1, Math.floor(INSTANCES / 10));
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < INSTANCES) {
        const i = next++;
        const s = i % scripts.length;
        const loanId = `SC-${String(i).padStart(7, '0')}`;
        const variables: Variables = {
          ...itemAt(scripts, s, 'the scripts').variables,
          loanId,
          businessKey: loanId,
          ...scriptVariable(s, scripts),
          [SHIFT_VARIABLE]:
            itemAt(book.baseShift, s, 'shifts') + (Math.floor(i / scripts.length) % SPREAD_DAYS),
        };
        refused += await publishThroughBackpressure(zeebe, {
          name: LOAN_DISBURSED,
          correlationKey: loanId,
          messageId: `${LOAN_DISBURSED}:${loanId}`,
          timeToLive: 60_000,
          variables: variables as never,
        });
        published += 1;
        if (published % step === 0)
          console.log(
            `  ${published}/${INSTANCES} published; ${activity.instancesStarted.get(SERVICING) ?? 0} started, ${activity.jobsCompletedTotal} jobs done; ${refused} publishes refused by backpressure so far`,
          );
      }
    }),
  );
  return refused;
}

/** Waits until no scripted job waits for a worker and nothing new is done for a moment. */
async function settled(
  activity: EngineActivity,
  types: ReadonlySet<string>,
  extra?: () => boolean,
): Promise<number> {
  const { settled, lastJobAt } = await activity.quietOn(types, DAY_TIMEOUT_MS, extra);
  if (!settled) console.warn(`  gave up waiting: ${activity.openJobsOf(types)} jobs still open`);
  return lastJobAt;
}

function snapshotCounts(activity: EngineActivity) {
  return {
    jobs: activity.jobsCompletedTotal,
    byType: new Map(activity.jobsCompleted),
    timers: new Map(activity.timersTriggered),
  };
}

function describeChanges(
  before: ReturnType<typeof snapshotCounts>,
  activity: EngineActivity,
): { jobs: number; timers: string; types: string } {
  const diff = (now: Map<string, number>, then: Map<string, number>) =>
    [...now]
      .map(([key, n]) => [key, n - (then.get(key) ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]);
  return {
    jobs: activity.jobsCompletedTotal - before.jobs,
    timers: diff(activity.timersTriggered, before.timers)
      .map(([element, n]) => `${element} ${n}`)
      .join(', '),
    types: diff(activity.jobsCompleted, before.byType)
      .map(([type, n]) => `${type} ${n}`)
      .join(', '),
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const prefix = config.EXPORTER_STREAM_PREFIX;
  const redis = new Redis(config.REDIS_URL);
  const zeebe = createZeebeClient(config.ZEEBE_GRPC_ADDRESS);
  const clock = new BrokerClock(config.ZEEBE_MANAGEMENT_URL);
  const scripts = await readScripts(redis, prefix);
  if (scripts.length === 0)
    throw new Error(
      `no servicing instance to script on the streams ${prefix}:*: run it as BENCH=scale npm run bench`,
    );
  const cancelled = await cancelWarmUp(redis, prefix, zeebe);
  const types = new Set(scripts.flatMap((script) => [...script.types.values()]));
  console.log(
    `${scripts.length} warm-up loans scripted (${cancelled} warm-up instances ended); job types: ${[...types].join(', ')}`,
  );

  const activity = new EngineActivity(config.REDIS_URL, prefix);
  await activity.start();
  const workers = scriptedWorkers(zeebe, scripts, {
    adjust: (recorded, job) => shiftDates(recorded, Number(job[SHIFT_VARIABLE] ?? 0)),
    fetchVariable: [SHIFT_VARIABLE],
  });
  await sleep(3000); // the warm-up's cancellations pass and the workers' first polls open
  const book = planBook(scripts, (await clock.now()).getTime());
  const empty = await brokerState(config.ZEEBE_MANAGEMENT_URL);

  console.log(
    `starting ${INSTANCES} servicing instances (${SPREAD_DAYS} days of payouts, ${CONCURRENCY} messages at a time)`,
  );
  const began = Date.now();
  const counts = snapshotCounts(activity);
  const refused = await startBook(zeebe, scripts, book, activity);
  const published = Date.now();
  const ended = await settled(
    activity,
    types,
    () => (activity.instancesStarted.get(SERVICING) ?? 0) >= INSTANCES,
  );
  const loaded = describeChanges(counts, activity);
  const loadSeconds = (ended - began) / 1000;
  console.log(
    `book started: ${activity.instancesStarted.get(SERVICING) ?? 0} instances in ${loadSeconds.toFixed(1)} s ` +
      `(${(INSTANCES / loadSeconds).toFixed(0)} instances/s; published in ${((published - began) / 1000).toFixed(1)} s); ` +
      `${loaded.jobs} jobs, ${(loaded.jobs / loadSeconds).toFixed(0)} jobs/s (${loaded.types}); ` +
      `publishes refused by backpressure and retried: ${refused}; incidents ${activity.incidents}`,
  );
  await sleep(5000); // RocksDB's estimates and the heap after the burst
  printState(
    'broker state, empty -> the book waiting at its timers:',
    empty,
    await brokerState(config.ZEEBE_MANAGEMENT_URL),
  );

  // Up to the hour before the first due date's check: the timers that fall due on the way
  // (inspections handed out, follow-ups late) pass first, and are reported apart.
  const catchUp = snapshotCounts(activity);
  const catchUpBegan = Date.now();
  const now = (await clock.now()).getTime();
  const eve = book.firstCheck - 3_600_000;
  if (eve > now) await clock.advance(eve - now);
  const catchUpEnded = await settled(activity, types);
  const before = describeChanges(catchUp, activity);
  console.log(
    `clock to ${new Date(eve).toISOString()} (${((eve - now) / DAY_MS).toFixed(1)} days): ${before.jobs} jobs in ${((catchUpEnded - catchUpBegan) / 1000).toFixed(1)} s; timers: ${before.timers || 'none'}`,
  );

  const days: { seconds: number; jobs: number }[] = [];
  for (let d = 0; d < DAYS; d++) {
    const day = snapshotCounts(activity);
    const dayBegan = Date.now();
    const target = book.firstCheck + d * DAY_MS + 60_000;
    const at = (await clock.now()).getTime();
    if (target > at) await clock.advance(target - at);
    const dayEnded = await settled(activity, types);
    const changes = describeChanges(day, activity);
    const seconds = (dayEnded - dayBegan) / 1000;
    days.push({ seconds, jobs: changes.jobs });
    console.log(
      `business day ${d + 1} (to ${new Date(target).toISOString()}): ${changes.jobs} jobs in ${seconds.toFixed(1)} s, ` +
        `${(changes.jobs / Math.max(seconds, 0.001)).toFixed(0)} jobs/s; timers: ${changes.timers || 'none'}; jobs: ${changes.types || 'none'}`,
    );
  }
  const dayJobs = days.reduce((sum, day) => sum + day.jobs, 0);
  const daySeconds = days.reduce((sum, day) => sum + day.seconds, 0);
  console.log(
    `a business day of ${INSTANCES} loans: ${(dayJobs / days.length).toFixed(0)} jobs in ${(daySeconds / days.length).toFixed(1)} s on average; ` +
      `incidents ${activity.incidents}`,
  );
  printState(
    'broker state, empty -> after the days:',
    empty,
    await brokerState(config.ZEEBE_MANAGEMENT_URL),
  );

  await Promise.all(workers.map((worker) => worker.close(5_000)));
  await activity.stop();
  await zeebe.close();
  redis.disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
