/**
 * The portfolio bench's no-op baseline: the same year of the same book on the same broker in the
 * same run, with the product's work taken away. While the product runs, the recorder keeps what
 * the exporter says happened (every message published for a loan, every job completed with its
 * variables, every instance started); the bench keeps every move of the clock. Then the product's
 * api and workers stop, its instances are cancelled, and the year is played again: each loan under
 * a new id, every message published again after the same move of the clock (dates moved by whole
 * days past the run), and plain SDK workers complete each job at once as it completed in the run
 * (replay-baseline.ts). The models' gateways, timers and decisions see what they saw, so each
 * instance takes the same path; people's tasks wait, as nobody did them in the run either.
 */
import { BrokerClock, ExportedRecord, ZeebeClient } from '@loanflow/workflow';
import { forEachConcurrently } from './concurrency';
import { EngineActivity, RecordListener } from './engine-activity';
import { publishThroughBackpressure } from './publish-message';
import {
  elementOf,
  InstanceScript,
  publishedAs,
  scriptedWorkers,
  scriptsOf,
  scriptVariable,
  startsAmong,
} from './replay-baseline';
import { shiftDates } from './shift-dates';

type Variables = Record<string, unknown>;

const DAY_MS = 86_400_000;
const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';
const LOAN_DISBURSED = 'loan-disbursed';
/** Its instances are the payout, which the baseline starts from: they are not played again. */
const ORIGINATION = 'loan-origination';
/** How long one step of the replay may take before the bench gives up on it. */
const STEP_TIMEOUT_MS = 10 * 60_000;

/** What a run's exporter said: its jobs completed, loan id variables and messages published. */
export interface RecordedRun {
  readonly jobs: readonly ExportedRecord[];
  readonly variables: readonly ExportedRecord[];
  readonly messages: readonly ExportedRecord[];
}

/** What the exporter said happened during the product's run, kept as it was said. */
export class RunRecorder implements RecordListener, RecordedRun {
  readonly wanted = {
    JOB: (json: string) =>
      json.includes('"intent":"COMPLETED"') && json.includes('"recordType":"EVENT"'),
    VARIABLE: (json: string) => json.includes('"name":"loanId"') && json.includes('"CREATED"'),
    MESSAGE: (json: string) =>
      json.includes('"intent":"PUBLISHED"') && json.includes('"recordType":"EVENT"'),
    PROCESS_INSTANCE: (json: string) =>
      json.includes('"intent":"ELEMENT_ACTIVATED"') && json.includes('"bpmnElementType":"PROCESS"'),
  };
  readonly jobs: ExportedRecord[] = [];
  readonly variables: ExportedRecord[] = [];
  readonly messages: ExportedRecord[] = [];
  /** Instances the run started at the top (not called by another), to end before the replay. */
  readonly roots = new Set<string>();

  take(record: ExportedRecord): void {
    if (record.recordType !== 'EVENT') return;
    const { value } = record;
    if (record.valueType === 'JOB' && record.intent === 'COMPLETED') {
      // Only what a script needs: a year of a large book is tens of thousands of jobs.
      const { processInstanceKey, bpmnProcessId, elementId, type, variables } = value;
      this.jobs.push({
        ...record,
        value: { processInstanceKey, bpmnProcessId, elementId, type, variables },
      });
    } else if (record.valueType === 'VARIABLE' && record.intent === 'CREATED') {
      if (value.name === 'loanId') this.variables.push(record);
    } else if (record.valueType === 'MESSAGE' && record.intent === 'PUBLISHED') {
      this.messages.push(record);
    } else if (
      record.valueType === 'PROCESS_INSTANCE' &&
      record.intent === 'ELEMENT_ACTIVATED' &&
      value.bpmnElementType === 'PROCESS' &&
      !(Number(value.parentProcessInstanceKey) > 0)
    )
      this.roots.add(String(value.processInstanceKey));
  }
}

/** The product's side of the comparison, as its run measured it. */
export interface ProductYear {
  /** The clock's moves, in order (the broker's time each was moved to). */
  moves: number[];
  /** How many of the moves were the payout's (before the first month). */
  payoutMoves: number;
  /** Seconds the months took, the bench's own waits for silence within them, their jobs. */
  monthsSeconds: number;
  monthsSilence: number;
  monthsJobs: number;
  /** The product's jobs were pushed (JOB_ACTIVATION=stream): the replay's are too. */
  pushed: boolean;
}

export interface Replayed {
  name: string;
  correlationKey: string;
  messageId?: string;
  timeToLive: number;
  variables: Variables;
}

/** A message of the run played again for the loan's new id, its dates moved by `days`. */
function replayedMessage(
  rec: ExportedRecord,
  loanId: string,
  script: number,
  scripts: InstanceScript[],
  days: number,
): Replayed {
  const renamed = (text: string) => text.split(loanId).join(baselineId(loanId));
  const messageId = textOf(rec.value.messageId);
  return {
    name: String(rec.value.name),
    correlationKey: renamed(textOf(rec.value.correlationKey)),
    messageId: messageId ? `baseline:${renamed(messageId)}` : undefined,
    timeToLive: Number(rec.value.timeToLive ?? 0),
    variables: {
      ...shiftDates((rec.value.variables as Variables) ?? {}, days),
      loanId: baselineId(loanId),
      ...scriptVariable(script, scripts),
    },
  };
}

const baselineId = (loanId: string) => `NB-${loanId}`;
const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

/** The loan a message of the run was for: by its loanId variable, or its correlation key. */
function loanOfMessage(
  rec: ExportedRecord,
  loans: ReadonlyMap<string, number>,
): string | undefined {
  const variables = rec.value.variables as Variables | undefined;
  if (typeof variables?.loanId === 'string' && loans.has(variables.loanId)) return variables.loanId;
  const head = textOf(rec.value.correlationKey).split(':')[0] ?? '';
  return loans.has(head) ? head : undefined;
}

/** Jobs of instances that belong to no loan (processes the clock starts): the element's last. */
function unscriptedOf(recorder: RecordedRun): InstanceScript {
  const ofLoans = new Set(recorder.variables.map((rec) => String(rec.value.processInstanceKey)));
  const completions = new Map<string, Variables[]>();
  const types = new Map<string, string>();
  for (const rec of recorder.jobs) {
    if (ofLoans.has(String(rec.value.processInstanceKey))) continue;
    if (rec.value.type === USER_TASK_JOB_TYPE) continue;
    const element = elementOf(rec.value.bpmnProcessId, rec.value.elementId);
    completions.set(element, [(rec.value.variables as Variables) ?? {}]);
    types.set(element, String(rec.value.type));
  }
  return { variables: {}, startedAt: 0, completions, types };
}

const withoutUserTasks = (script: InstanceScript): InstanceScript => ({
  ...script,
  types: new Map([...script.types].filter(([, type]) => type !== USER_TASK_JOB_TYPE)),
});

/** The year to play again: a script per loan, the clock-started processes', and the messages. */
export interface ReplayPlan {
  scripts: InstanceScript[];
  unscripted: InstanceScript;
  /** Per move of the clock, the messages published after it (before the next). */
  steps: Replayed[][];
}

/**
 * The replay of a recorded run whose clock moved to `moves`, every date `days` later: each loan
 * paid out in the run (its loan-disbursed message) gets a script of its instances' jobs, origination
 * aside (the payout is where the replay starts), and each message for one of those loans is
 * published again after the move it followed.
 */
export function replayPlan(run: RecordedRun, moves: readonly number[], days: number): ReplayPlan {
  const starts = startsAmong(run.messages, publishedAs(LOAN_DISBURSED));
  const byLoan = scriptsOf(run, (id) => id !== ORIGINATION, starts);
  const loanIds = [...byLoan.keys()].sort();
  const scripts = loanIds.map((loanId) => withoutUserTasks(byLoan.get(loanId)!));
  const scriptOf = new Map(loanIds.map((loanId, i) => [loanId, i]));
  const steps: Replayed[][] = moves.map(() => []);
  for (const rec of run.messages) {
    const loanId = loanOfMessage(rec, scriptOf);
    if (!loanId) continue;
    const step = moves.filter((at) => at <= rec.timestamp).length - 1;
    if (step < 0) continue; // before the bench's first move: nothing of the year yet
    steps[step]?.push(replayedMessage(rec, loanId, scriptOf.get(loanId)!, scripts, days));
  }
  return { scripts, unscripted: unscriptedOf(run), steps };
}

/**
 * Plays the run's year again with no-op workers and prints it beside the product's. The product's
 * api and workers must be stopped first: their workers would take the replay's jobs.
 */
export async function noOpBaseline(
  zeebe: ZeebeClient,
  clock: BrokerClock,
  activity: EngineActivity,
  recorder: RunRecorder,
  concurrency: number,
  product: ProductYear,
): Promise<void> {
  const [firstMove] = product.moves;
  if (firstMove === undefined) return;
  let cancelled = 0;
  await forEachConcurrently([...recorder.roots], 16, async (key) => {
    await zeebe.cancelProcessInstance(key).then(
      () => (cancelled += 1),
      () => undefined, // ended already
    );
  });

  // Whole days past the run, so every Beijing midnight of the year stays one.
  const days = Math.ceil(((await clock.now()).getTime() - firstMove) / DAY_MS) + 1;
  const { scripts, unscripted, steps } = replayPlan(recorder, product.moves, days);

  const workers = scriptedWorkers(zeebe, scripts, {
    adjust: (recorded) => shiftDates(recorded, days),
    unscripted,
    push: product.pushed,
  });
  const types = new Set([...scripts, unscripted].flatMap((script) => [...script.types.values()]));
  const jobsBefore = activity.jobsCompletedTotal;
  const productByType = new Map([...types].map((type) => [type, activity.completed(type)]));
  const incidentsBefore = activity.incidents;
  const began = Date.now();
  const waits = { all: 0, payout: 0 };
  const payout = { seconds: 0, jobs: 0 };
  let gaveUp = 0;
  for (const [i, at] of product.moves.entries()) {
    const now = (await clock.now()).getTime();
    const target = at + days * DAY_MS;
    if (target > now) await clock.advance(target - now);
    await forEachConcurrently(steps[i] ?? [], concurrency, async (message) => {
      await publishThroughBackpressure(zeebe, message as never);
    });
    const { settled, lastJobAt } = await activity.quietOn(types, STEP_TIMEOUT_MS);
    if (!settled) gaveUp += 1;
    waits.all += Date.now() - lastJobAt;
    if (i === product.payoutMoves - 1) {
      payout.seconds = (Date.now() - began) / 1000;
      payout.jobs = activity.jobsCompletedTotal - jobsBefore;
      waits.payout = waits.all;
    }
  }
  const seconds = (Date.now() - began) / 1000;
  await Promise.all(workers.map((worker) => worker.close(5_000)));

  const months = seconds - payout.seconds;
  const monthsSilence = (waits.all - waits.payout) / 1000;
  const jobs = activity.jobsCompletedTotal - jobsBefore;
  const monthsJobs = jobs - payout.jobs;
  const differences = [...productByType]
    .map(([type, n]) => [type, n, activity.completed(type) - n] as const)
    .filter(([, n, replayed]) => n !== replayed)
    .map(([type, n, replayed]) => `${type} ${n} in the run, ${replayed} replayed`);
  const ratio = (a: number, b: number) => (a / Math.max(b, 0.001)).toFixed(2);
  console.log(
    `\nno-op baseline: the same models, messages and clock moves for ${scripts.length} loans under new ids, ` +
      `workers that complete each job at once as it completed in the run, people's tasks left waiting as in the run ` +
      `(${cancelled} instances of the run cancelled first; dates moved ${days} days)`,
  );
  console.log(
    `  wall time ${seconds.toFixed(1)} s (starting the servicing ${payout.seconds.toFixed(1)} s, ${product.moves.length - product.payoutMoves} clock moves of the months ${months.toFixed(1)} s, ` +
      `of it waits for silence ${monthsSilence.toFixed(1)} s); ${jobs} jobs; incidents ${activity.incidents - incidentsBefore}` +
      (gaveUp ? `; ${gaveUp} steps gave up waiting` : ''),
  );
  console.log(
    `  jobs by type: ${differences.length ? differences.join(', ') : 'as many of each type as in the run'}`,
  );
  console.log(
    `  the months: product ${product.monthsSeconds.toFixed(1)} s, ${product.monthsJobs} jobs, ${(product.monthsJobs / product.monthsSeconds).toFixed(1)} jobs/s; ` +
      `baseline ${months.toFixed(1)} s, ${monthsJobs} jobs, ${(monthsJobs / Math.max(months, 0.001)).toFixed(1)} jobs/s; ` +
      `product / baseline time ${ratio(product.monthsSeconds, months)}x ` +
      `(without the bench's waits for silence: ${(product.monthsSeconds - product.monthsSilence).toFixed(1)} s / ${(months - monthsSilence).toFixed(1)} s = ${ratio(product.monthsSeconds - product.monthsSilence, months - monthsSilence)}x)`,
  );
}
