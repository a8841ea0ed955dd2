import type { ZeebeClient } from '../zeebe/zeebe-client';
import { closeJobStream, GrpcStream, lastJobStream } from './close-job-stream';

/** The gRPC call of one job stream: a readable of pushed jobs that can be paused and cancelled. */
export interface PushCall extends GrpcStream {
  pause(): unknown;
  resume(): unknown;
  on(event: 'error' | 'status', listener: (detail?: unknown) => void): unknown;
}

export interface JobPushOptions {
  /**
   * Pushed jobs running at once before the stream stops reading. The gateway then finds the stream
   * not ready and gives the next jobs back to the broker, where long polling takes them.
   */
  readonly maxInFlight: number;
  /** How long to wait before opening the stream again after its attempt-th break in a row. */
  reopenDelayMs(attempt: number): number;
  /** Told each break (broker restarted, gateway gone) and when the next attempt is. */
  onBroken(error: unknown, nextInMs: number): void;
}

/** Doubling from 1 s to 30 s: a broker restart is back within a few seconds, an outage is not hammered. */
export const reopenBackoff = (attempt: number): number =>
  Math.min(1_000 * 2 ** Math.max(attempt - 1, 0), 30_000);

/**
 * One job type's push stream, kept open and bounded. The SDK's stream worker reads every pushed job
 * at once and never opens a stream again once it breaks: under a burst the process would run every
 * job of the type together, and after a broker restart the type would be served by polling alone.
 * Here the call stops reading at `maxInFlight` jobs in flight and reads again below it, and a
 * broken stream is opened again after a back-off. Polling runs beside it all along, so a job the
 * stream does not take waits for a poll, never for ever.
 */
export class JobPush<TJob> {
  private call: PushCall | undefined;
  private inFlight = 0;
  private paused = false;
  private closed = false;
  private breaks = 0;
  private reopen: NodeJS.Timeout | undefined;

  constructor(
    /** Opens a stream whose pushed jobs go to `deliver`; undefined if its call cannot be reached. */
    private readonly open: (deliver: (job: TJob) => Promise<void>) => Promise<PushCall | undefined>,
    private readonly handle: (job: TJob) => Promise<unknown>,
    private readonly options: JobPushOptions,
  ) {}

  /** Opens the stream; a first failure is retried like a break, so boot does not wait on it. */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Stops taking jobs at once; the handlers in flight finish on their own. */
  close(): void {
    this.closed = true;
    clearTimeout(this.reopen);
    const call = this.call;
    this.call = undefined;
    if (call) closeJobStream(call, () => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    let call: PushCall | undefined;
    try {
      call = await this.open((job) => this.deliver(job));
    } catch (error) {
      return this.broken(undefined, error);
    }
    if (!call) return;
    if (this.closed) return closeJobStream(call, () => undefined);
    this.call = call;
    this.paused = false;
    // The SDK's own listener prints the error to the console; a break is logged once, here. The
    // call is over when grpc-js reports its status (after an error, too). Not on 'end': the SDK
    // emits one itself 31 s after opening any stream (a time-out meant for long polls) on a call
    // that goes on delivering jobs.
    call.removeAllListeners('error');
    call.on('error', (error) => this.broken(call, error));
    call.on('status', (status) =>
      this.broken(call, new Error(`the job stream ended: ${describe(status)}`)),
    );
  }

  private broken(call: PushCall | undefined, error: unknown): void {
    // A break arrives as an error and a status: the first one of the current call counts.
    if (this.closed || call !== this.call) return;
    this.call = undefined;
    this.breaks += 1;
    const delay = this.options.reopenDelayMs(this.breaks);
    this.options.onBroken(error, delay);
    this.reopen = setTimeout(() => void this.connect(), delay);
  }

  private async deliver(job: TJob): Promise<void> {
    this.breaks = 0;
    this.inFlight += 1;
    if (this.inFlight >= this.options.maxInFlight && this.call && !this.paused) {
      this.paused = true;
      this.call.pause();
    }
    try {
      await this.handle(job);
    } finally {
      this.inFlight -= 1;
      if (this.paused && this.inFlight < this.options.maxInFlight) {
        this.paused = false;
        this.call?.resume();
      }
    }
  }
}

/** A grpc-js call status ({ code, details }) in a few words. */
function describe(status: unknown): string {
  const { code, details } = (status ?? {}) as { code?: number; details?: string };
  return `code ${code ?? '?'}${details ? ` (${details})` : ''}`;
}

type StreamRequest = Parameters<ZeebeClient['streamJobs']>[0];
const openings = new WeakMap<object, Promise<unknown>>();

/**
 * Opens a job stream and answers its gRPC call (undefined if the SDK does not keep it where 8.5
 * does). Openings on one client run one after another: the SDK keeps each new call last in a list,
 * and two at once (streams reopened together after a broker restart) could take each other's.
 */
export function openJobStream(
  client: ZeebeClient,
  request: StreamRequest,
): Promise<PushCall | undefined> {
  const open = async () => {
    await client.streamJobs(request);
    return lastJobStream(client) as PushCall | undefined;
  };
  const opened = (openings.get(client) ?? Promise.resolve()).then(open, open);
  openings.set(
    client,
    opened.catch(() => undefined),
  );
  return opened;
}
