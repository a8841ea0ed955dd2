/**
 * The no-op baseline of a bench run: the same model driven by the same variables, with workers that
 * only complete. From the exporter's records of the run, one finished instance of each kind is taken
 * as a script: the variables it was started with and, element by element, the variables each of its
 * jobs (service tasks and user tasks alike) completed with. The baseline then starts as many
 * instances, as many at a time, and plain SDK workers complete every job at once with the script's
 * variables. The gateways, decisions and scripts of the model see what they saw in the run, so each
 * instance takes the same path; only the product's work (database, rules, inbox, people) is gone.
 */
import Redis from 'ioredis';
import {
  decodeStreamEntry,
  ExportedRecord,
  JobPush,
  openJobStream,
  pollWithoutPause,
  reopenBackoff,
  streamName,
  ZeebeClient,
} from '@loanflow/workflow';
import { itemAt } from '@loanflow/domain';
import { forEachConcurrently, indexes } from './concurrency';

type Variables = Record<string, unknown>;

/** What one instance of the run did, as its records say. */
export interface InstanceScript {
  readonly variables: Variables;
  /** When the instance was started, on the broker's clock (ms). */
  readonly startedAt: number;
  /** Per element (`elementOf`), the variables its jobs completed with, in order. */
  readonly completions: Map<string, Variables[]>;
  /** Per element (`elementOf`), its job type. */
  readonly types: Map<string, string>;
}

/** How an instance of the run began: its start variables (with the loan id), and when. */
export interface Start {
  variables: Variables;
  at: number;
}

const SCRIPT_VARIABLE = 'benchScript';

/** A stream's records since `since`, decoded. */
async function recordsSince(
  redis: Redis,
  prefix: string,
  valueType: string,
  since: number,
): Promise<ExportedRecord[]> {
  const records: ExportedRecord[] = [];
  for (const [, fields] of await redis.xrange(streamName(prefix, valueType), '-', '+')) {
    const rec = decodeStreamEntry(fields);
    if (rec && rec.timestamp >= since) records.push(rec);
  }
  return records;
}

/** Each loan's start among records: those `keep` picks, by loan id. */
export function startsAmong(
  records: Iterable<ExportedRecord>,
  keep: (record: ExportedRecord) => boolean,
): Map<string, Start> {
  const starts = new Map<string, Start>();
  for (const rec of records) {
    if (!keep(rec)) continue;
    const variables = rec.value.variables as Variables;
    if (typeof variables?.loanId === 'string')
      starts.set(variables.loanId, { variables, at: rec.timestamp });
  }
  return starts;
}

/** Each loan's start in one of the exporter's streams: the records `keep` picks, by loan id. */
const startsIn = async (
  redis: Redis,
  prefix: string,
  since: number,
  valueType: string,
  keep: (record: ExportedRecord) => boolean,
) => startsAmong(await recordsSince(redis, prefix, valueType, since), keep);

/** A message of this name, as published. */
export const publishedAs = (messageName: string) => (rec: ExportedRecord) =>
  rec.valueType === 'MESSAGE' && rec.intent === 'PUBLISHED' && rec.value.name === messageName;

/** The instances the run created by command (a process with a plain start event), by loan id. */
export const startsByCreation = (
  redis: Redis,
  prefix: string,
  since: number,
  bpmnProcessId: string,
) =>
  startsIn(
    redis,
    prefix,
    since,
    'PROCESS_INSTANCE_CREATION',
    (rec) => rec.intent === 'CREATE' && rec.value.bpmnProcessId === bpmnProcessId,
  );

/** The instances the run started by a message (a message start event), by loan id. */
export const startsByMessage = (redis: Redis, prefix: string, since: number, messageName: string) =>
  startsIn(redis, prefix, since, 'MESSAGE', publishedAs(messageName));

/** The records a script is made of: a loan id variable's creation, or a job's completion. */
export interface ScriptRecords {
  /** VARIABLE records (CREATED, named loanId) of the run. */
  readonly variables: Iterable<ExportedRecord>;
  /** JOB records (COMPLETED) of the run. */
  readonly jobs: Iterable<ExportedRecord>;
}

/** How a script names an element: its process and its id (two models may share an id). */
export const elementOf = (bpmnProcessId: unknown, elementId: unknown) =>
  `${String(bpmnProcessId)}/${String(elementId)}`;

/**
 * The script of each loan's instances in the run: `starts` gives the start variables (with the
 * loan id), the loan id variable ties each instance of the processes `processIds` keeps to its loan
 * (a loan's servicing instance and the collection instances it opens share one script), and each
 * completed job its element's variables.
 */
export function scriptsOf(
  records: ScriptRecords,
  processIds: (bpmnProcessId: string) => boolean,
  starts: Map<string, Start>,
): Map<string, InstanceScript> {
  const loanOfInstance = new Map<string, string>();
  for (const rec of records.variables) {
    if (rec.intent !== 'CREATED' || rec.value.name !== 'loanId') continue;
    if (!processIds(String(rec.value.bpmnProcessId))) continue;
    const loanId = JSON.parse(String(rec.value.value)) as string;
    if (starts.has(loanId)) loanOfInstance.set(String(rec.value.processInstanceKey), loanId);
  }
  const scripts = new Map<string, InstanceScript>();
  for (const rec of records.jobs) {
    if (rec.intent !== 'COMPLETED') continue;
    const loanId = loanOfInstance.get(String(rec.value.processInstanceKey));
    if (!loanId) continue;
    let script = scripts.get(loanId);
    if (!script) {
      const start = starts.get(loanId)!;
      script = {
        variables: start.variables,
        startedAt: start.at,
        completions: new Map(),
        types: new Map(),
      };
      scripts.set(loanId, script);
    }
    const element = elementOf(rec.value.bpmnProcessId, rec.value.elementId);
    script.completions.set(element, [
      ...(script.completions.get(element) ?? []),
      (rec.value.variables as Variables) ?? {},
    ]);
    script.types.set(element, String(rec.value.type));
  }
  return scripts;
}

/**
 * The scripts of the instances of one or more processes in the run (a loan's instances of them
 * sharing one script), read from the exporter's streams at its end.
 */
export async function scriptsOfRun(
  redis: Redis,
  prefix: string,
  since: number,
  bpmnProcessIds: string | readonly string[],
  starts: Map<string, Start>,
): Promise<Map<string, InstanceScript>> {
  const ids = new Set(typeof bpmnProcessIds === 'string' ? [bpmnProcessIds] : bpmnProcessIds);
  return scriptsOf(
    {
      variables: await recordsSince(redis, prefix, 'VARIABLE', since),
      jobs: await recordsSince(redis, prefix, 'JOB', since),
    },
    (id) => ids.has(id),
    starts,
  );
}

/** How scripted workers complete jobs beyond their scripts. */
export interface ScriptedOptions {
  /** Passes a recorded completion through before it is sent (dates moved, say). */
  adjust?: (recorded: Variables, job: Variables) => Variables;
  /** More of the job's variables `adjust` reads. */
  fetchVariable?: string[];
  /**
   * How jobs of instances with no script (no `benchScript` variable: a process the clock starts,
   * not a loan) complete; its job types get workers too.
   */
  unscripted?: InstanceScript;
  /**
   * Leaves a job activated, not completed, when its instance has a script and the run never
   * completed that element: a task the product's inbox held for a person who had not done it yet.
   */
  leaveUnrecorded?: boolean;
  /**
   * What a job type did beside completing, done before its completion as the product's worker
   * does (publishing a message, say), with the index of the instance's script and the instance.
   */
  alsoDoes?: Record<string, (script: number, processInstanceKey: string) => Promise<unknown>>;
  /** Jobs are pushed too (a bounded stream per type beside the poll), as the product's workers do. */
  push?: boolean;
}

/** A scripted worker: its poll, and its push stream when there is one. */
export interface ScriptedWorker {
  close(timeoutMs: number): Promise<unknown>;
}

/**
 * Plain SDK workers, one per job type the scripts name, that complete each job at once as the
 * script of its instance (the `benchScript` variable) says: the n-th job of an element in an
 * instance completes as the n-th did in the run, its variables passed through `adjust` first.
 */
export function scriptedWorkers(
  zeebe: ZeebeClient,
  scripts: InstanceScript[],
  {
    adjust = (recorded) => recorded,
    fetchVariable = [],
    unscripted,
    leaveUnrecorded = false,
    alsoDoes = {},
    push = false,
  }: ScriptedOptions = {},
): ScriptedWorker[] {
  const taken = new Map<string, number>();
  const types = new Set(
    [...scripts, ...(unscripted ? [unscripted] : [])].flatMap((script) => [
      ...script.types.values(),
    ]),
  );
  return [...types].map((taskType) => {
    type Job = Parameters<Parameters<ZeebeClient['createWorker']>[0]['taskHandler']>[0] & {
      readonly variables: Variables;
    };
    const handle = async (job: Job) => {
      const index = job.variables[SCRIPT_VARIABLE];
      const script = index === undefined ? unscripted : scripts[Number(index)];
      const turn = `${job.processInstanceKey}:${job.elementId}`;
      const n = taken.get(turn) ?? 0;
      taken.set(turn, n + 1);
      const recorded = script?.completions.get(elementOf(job.bpmnProcessId, job.elementId)) ?? [];
      if (leaveUnrecorded && index !== undefined && recorded.length === 0) return job.forward();
      const also = alsoDoes[taskType];
      if (also && index !== undefined) await also(Number(index), job.processInstanceKey);
      const variables = recorded[n] ?? recorded[recorded.length - 1] ?? {};
      return job.complete(adjust(variables, job.variables));
    };
    const fetched = [SCRIPT_VARIABLE, ...fetchVariable];
    const worker = zeebe.createWorker({
      taskType,
      fetchVariable: fetched,
      loglevel: 'NONE',
      taskHandler: handle,
    });
    pollWithoutPause(worker);
    if (!push) return worker;
    const stream = new JobPush<Job>(
      (deliver) =>
        openJobStream(zeebe, {
          type: taskType,
          worker: 'bench-baseline',
          timeout: 60_000,
          fetchVariables: fetched,
          tenantIds: ['<default>'],
          taskHandler: (job) => void deliver(job as never).catch(() => undefined) as never,
        }),
      handle,
      { maxInFlight: 32, reopenDelayMs: reopenBackoff, onBroken: () => undefined },
    );
    void stream.start();
    return {
      close: (timeoutMs: number) => {
        stream.close();
        return worker.close(timeoutMs);
      },
    };
  });
}

/** The variable that tells a scripted worker which script an instance follows. */
export const scriptVariable = (index: number, scripts: InstanceScript[]): Variables => ({
  [SCRIPT_VARIABLE]: index % scripts.length,
});

/**
 * Starts `count` instances, `concurrency` at a time, instance i following scripts[i % length], with
 * no-op workers for every job type the scripts name (as `options` say); resolves with the wall time
 * and how many ended. `warmUp` instances run first on the same workers, not timed or counted (new
 * workers for the timed run would leave the first ones' last polls holding jobs until they time
 * out); `onTimedStart` is called as the timed ones start.
 */
export async function replay(
  zeebe: ZeebeClient,
  bpmnProcessId: string,
  scripts: InstanceScript[],
  count: number,
  concurrency: number,
  options: ScriptedOptions & { warmUp?: number; onTimedStart?: () => void } = {},
): Promise<{ seconds: number; ended: number }> {
  const workers = scriptedWorkers(zeebe, scripts, options);
  let next = 0;
  const run = async (instances: number): Promise<number> => {
    let ended = 0;
    const first = next;
    next += instances;
    await forEachConcurrently(indexes(first, instances), concurrency, async (i) => {
      await zeebe
        .createProcessInstanceWithResult({
          bpmnProcessId,
          variables: {
            ...itemAt(scripts, i % scripts.length, 'the scripts').variables,
            ...scriptVariable(i, scripts),
          } as never,
          requestTimeout: 120_000,
        })
        .then(() => ended++)
        .catch(() => undefined);
    });
    return ended;
  };
  if (options.warmUp) await run(options.warmUp);
  options.onTimedStart?.();
  const began = Date.now();
  const ended = await run(count);
  const seconds = (Date.now() - began) / 1000;
  await Promise.all(workers.map((worker) => worker.close(5_000)));
  return { seconds, ended };
}
