import { ExportedRecord } from '@loanflow/workflow';
import { StreamTail, WantedRecords } from './stream-tail';

/** The job type of Zeebe 8.5 job-based user tasks: held by the inbox until a person acts. */
const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';
/** Job intents after which the engine no longer waits for a worker on that job. */
const JOB_ENDED = new Set(['COMPLETED', 'CANCELED', 'ERROR_THROWN']);

/**
 * The records the bench reads, with a cheap test on the raw JSON first: a year of a large book is
 * millions of process-instance records, and only an instance's own activation is wanted of them.
 */
const WANTED: WantedRecords = {
  JOB: (json) => json.includes('"recordType":"EVENT"'),
  PROCESS_INSTANCE: (json) =>
    json.includes('"intent":"ELEMENT_ACTIVATED"') && json.includes('"bpmnElementType":"PROCESS"'),
  INCIDENT: (json) => json.includes('"intent":"CREATED"') && json.includes('"recordType":"EVENT"'),
  TIMER: (json) => json.includes('"intent":"TRIGGERED"') && json.includes('"recordType":"EVENT"'),
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What the broker did while the bench ran, read from the exporter's Redis Streams as it happens
 * (the bench streams keep records only ten minutes, so counting at the end would miss the start).
 * Counts process instances started and jobs completed, and tells when the engine has gone quiet:
 * no service-task job waiting for a worker and no new record for a moment.
 */
export class EngineActivity {
  readonly instancesStarted = new Map<string, number>();
  readonly jobsCompleted = new Map<string, number>();
  /**
   * User-task jobs the broker took back from the inbox because their hold ran out: on the inbox's
   * long hold (a clock jump past it), or still on the 30-second hold of their activation (a jump
   * before the inbox asked for the long one, or an intake batch slower than 30 s).
   */
  readonly userTaskTimeouts = { held: 0, firstHold: 0 };
  incidents = 0;
  /** Timers that fell due, per element they lead to. */
  readonly timersTriggered = new Map<string, number>();
  /**
   * Time `quiet` spent after the engine's last record, only to be sure nothing more was coming:
   * the bench's own cost, not the engine's, and how many waits it took.
   */
  readonly silence = { ms: 0, waits: 0 };
  /**
   * Waits that were silent while user-task jobs were still on their activation's short hold, and how
   * many such jobs they saw in all: the jumps that would have taken those holds back.
   */
  readonly holdWaits = { waits: 0, tasks: 0 };
  private readonly openJobs = new Map<string, string>();
  /** Open user-task jobs, and whether the inbox has held each for the long run yet. */
  private readonly userTasks = new Map<string, 'awaiting-hold' | 'held'>();
  private lastRecordAt = Date.now();
  private tail?: StreamTail;

  /**
   * `also` hears of more records from the same read of the streams (one reader, one decode per
   * record): the no-op baseline's recorder.
   */
  constructor(
    private readonly redisUrl: string,
    private readonly prefix: string,
    private readonly also?: RecordListener,
  ) {}

  /** Starts at the streams' ends: records of earlier benches on the same streams are not counted. */
  async start(): Promise<void> {
    const also = this.also;
    this.tail = new StreamTail(
      this.redisUrl,
      this.prefix,
      also ? eitherWanted(WANTED, also.wanted) : WANTED,
      (record) => {
        this.apply(record);
        also?.take(record);
      },
      () => (this.lastRecordAt = Date.now()),
    );
    await this.tail.start();
  }

  async stop(): Promise<void> {
    await this.tail?.stop();
  }

  get jobsCompletedTotal(): number {
    return [...this.jobsCompleted.values()].reduce((a, b) => a + b, 0);
  }

  get instancesStartedTotal(): number {
    return [...this.instancesStarted.values()].reduce((a, b) => a + b, 0);
  }

  completed(type: string): number {
    return this.jobsCompleted.get(type) ?? 0;
  }

  /** Service-task jobs of these types waiting for a worker. */
  openJobsOf(types: ReadonlySet<string>): number {
    let open = 0;
    for (const type of this.openJobs.values()) if (types.has(type)) open += 1;
    return open;
  }

  /** Waits until the condition holds; false when the time ran out first. */
  async until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) return false;
      await sleep(100);
    }
    return true;
  }

  /**
   * Waits until no service-task job is waiting for a worker, every user-task job the inbox filed is
   * held for the long run, and nothing new was exported for `quietMs` since the call (the exporter
   * sends records in batches, and the broker notices a moved clock's due timers and expired jobs on
   * its next pass, so a short silence is not yet the end). A user-task job still on its activation's
   * 30-second hold when the clock moves is taken back by the broker: a bank's clock never jumps past
   * it, so the bench waits for the inbox's long hold as the rest of the work. Returns the job types
   * still open when the time ran out, or an empty list.
   */
  async quiet(timeoutMs = 180_000, quietMs = 1500): Promise<string[]> {
    const from = Date.now();
    let waitedForHolds = false;
    const settled = await this.until(() => {
      const silent =
        this.openJobs.size === 0 && Date.now() - Math.max(this.lastRecordAt, from) >= quietMs;
      const awaiting = this.awaitingHold();
      if (silent && awaiting > 0 && !waitedForHolds) {
        waitedForHolds = true;
        this.holdWaits.waits += 1;
        this.holdWaits.tasks += awaiting;
      }
      return silent && awaiting === 0;
    }, timeoutMs);
    if (settled) {
      this.silence.ms += Date.now() - Math.max(this.lastRecordAt, from);
      this.silence.waits += 1;
    }
    if (settled) return [];
    const open = new Set(this.openJobs.values());
    if (this.awaitingHold() > 0) open.add(`${USER_TASK_JOB_TYPE} (not yet held by the inbox)`);
    return [...open];
  }

  /**
   * Waits until no job of these types waits for a worker, `extra` holds, and no job of any type was
   * completed for `quietMs`: for runs whose people's tasks nobody holds (the no-op replays), where
   * `quiet` would wait for the inbox. Resolves with when the last job was completed (the end of the
   * work, not when the bench noticed the silence), and whether it settled before `timeoutMs`.
   */
  async quietOn(
    types: ReadonlySet<string>,
    timeoutMs: number,
    extra: () => boolean = () => true,
    quietMs = 1500,
  ): Promise<{ settled: boolean; lastJobAt: number }> {
    let lastJobAt = Date.now();
    let lastJobs = -1;
    const settled = await this.until(() => {
      if (this.jobsCompletedTotal !== lastJobs) {
        lastJobs = this.jobsCompletedTotal;
        lastJobAt = Date.now();
      }
      return this.openJobsOf(types) === 0 && extra() && Date.now() - lastJobAt >= quietMs;
    }, timeoutMs);
    return { settled, lastJobAt };
  }

  private awaitingHold(): number {
    let awaiting = 0;
    for (const state of this.userTasks.values()) if (state === 'awaiting-hold') awaiting += 1;
    return awaiting;
  }

  private apply(record: ExportedRecord): void {
    if (record.recordType !== 'EVENT') return;
    if (record.valueType === 'JOB') this.applyJob(record);
    else if (record.valueType === 'INCIDENT' && record.intent === 'CREATED') this.incidents += 1;
    else if (record.valueType === 'TIMER' && record.intent === 'TRIGGERED')
      count(this.timersTriggered, String(record.value.targetElementId));
    else if (
      record.valueType === 'PROCESS_INSTANCE' &&
      record.intent === 'ELEMENT_ACTIVATED' &&
      record.value.bpmnElementType === 'PROCESS'
    )
      count(this.instancesStarted, String(record.value.bpmnProcessId));
  }

  private applyJob(record: ExportedRecord): void {
    const key = String(record.key);
    const type = String(record.value.type);
    if (record.intent === 'COMPLETED') count(this.jobsCompleted, type);
    if (type === USER_TASK_JOB_TYPE) {
      this.applyUserTask(key, record);
      return;
    }
    if (record.intent === 'CREATED') this.openJobs.set(key, type);
    // A job that failed with no retries left waits for an operator (an incident), not a worker.
    const stuck = record.intent === 'FAILED' && Number(record.value.retries) <= 0;
    if (JOB_ENDED.has(record.intent) || stuck) this.openJobs.delete(key);
  }

  private applyUserTask(key: string, record: ExportedRecord): void {
    const stuck = record.intent === 'FAILED' && Number(record.value.retries) <= 0;
    if (JOB_ENDED.has(record.intent) || stuck) this.userTasks.delete(key);
    else if (record.intent === 'CREATED') this.userTasks.set(key, 'awaiting-hold');
    else if (record.intent === 'TIMEOUT_UPDATED') this.userTasks.set(key, 'held');
    else if (record.intent === 'TIMED_OUT') {
      if (this.userTasks.get(key) === 'held') this.userTaskTimeouts.held += 1;
      else this.userTaskTimeouts.firstHold += 1;
      // Back to the inbox's intake, which activates and holds it again.
      this.userTasks.set(key, 'awaiting-hold');
    }
  }
}

/** Records something besides the activity wants from the bench's read of the streams. */
export interface RecordListener {
  readonly wanted: WantedRecords;
  take(record: ExportedRecord): void;
}

/** Records either of two readers wants. */
function eitherWanted(a: WantedRecords, b: WantedRecords): WantedRecords {
  const both: Record<string, (json: string) => boolean> = { ...a };
  for (const [valueType, wanted] of Object.entries(b)) {
    const first = a[valueType];
    both[valueType] = first ? (json) => first(json) || wanted(json) : wanted;
  }
  return both;
}

function count(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
