import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import { IDENTITY_CLOCK, type Clock } from '../clock';
import { auditActorOf } from '../principal';
import { RefusalSummary, RefusalTally } from './refusal-tally';
import { messageOf } from '@loanflow/domain';

/** After a minute ends, wait this long for requests still in flight before writing its rows. */
const FLUSH_GRACE_MS = 1000;
const MINUTE_MS = 60_000;

/**
 * Anonymous refusals in the audit trail: counted per client address and minute, one row per
 * (address, minute) once the minute is over, and whatever is left on shutdown. A flood costs
 * memory for its counters, not a hash-chained row per request.
 */
@Injectable()
export class RefusalAudit implements OnModuleDestroy {
  private readonly logger = new Logger(RefusalAudit.name);
  private readonly tally = new RefusalTally();
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly audit: AuditTrail,
    @Inject(IDENTITY_CLOCK) private readonly now: Clock,
  ) {}

  /** Counts one refused request; cheap and synchronous. */
  count(address: string, route: string, reason: string): void {
    this.tally.add(address, route, reason, this.now());
    this.schedule();
  }

  /** Writes every count held, the current minute's too (shutdown; specs that read the trail). */
  flush(): Promise<void> {
    return this.write(() => this.tally.takeAll());
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private schedule(): void {
    if (this.timer) return;
    const now = this.now();
    const delay = MINUTE_MS - (now % MINUTE_MS) + FLUSH_GRACE_MS;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write(() => this.tally.takeClosed(this.now())).then(() => {
        if (this.tally.size > 0) this.schedule();
      });
    }, delay);
    this.timer.unref();
  }

  /** One writer at a time, so rows of one minute land in order. */
  private write(take: () => RefusalSummary[]): Promise<void> {
    this.writing = this.writing.then(async () => {
      for (const summary of take()) await this.writeRow(summary);
    });
    return this.writing;
  }

  private async writeRow(summary: RefusalSummary): Promise<void> {
    try {
      await this.audit.record({
        actor: auditActorOf(undefined),
        action: 'access.unauthenticated',
        outcome: 'refused',
        inputs: summary,
        reason: describe(summary),
      });
    } catch (error) {
      // The trail is down: the counts go to the log rather than nowhere.
      this.logger.error(`could not audit ${describe(summary)}: ${messageOf(error)}`);
    }
  }
}

function describe(summary: RefusalSummary): string {
  const reasons = summary.reasons.map(({ reason, count }) => `${reason} ×${count}`).join('; ');
  return (
    `${summary.count} unauthenticated request(s) from ${summary.address} in the minute from ` +
    `${summary.minute.toISOString()}: ${reasons}; e.g. ${summary.sampleRoutes.join(', ')}`
  );
}
