import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { MetricsService } from '@loanflow/observability';
import { USER_TASK_JOB_TYPE } from '../inbox/user-task-headers';
import { CompletionOutbox } from './completion-outbox';

/** Keys named in a report, at most: the counts are exact, the samples are for a person to look at. */
const SAMPLE = 20;

export class InboxEngineDifference {
  @ApiProperty({ description: 'User-task jobs open in the engine with no open inbox row' })
  missing!: number;
  @ApiProperty({ description: 'Open inbox rows whose job the engine no longer has open' })
  extra!: number;
  @ApiProperty({ type: [String] }) missingSample!: string[];
  @ApiProperty({ type: [String] }) extraSample!: string[];
}

export class OutboxBacklog {
  @ApiProperty() pending!: number;
  @ApiProperty({ type: Number, nullable: true }) oldestAgeSeconds!: number | null;
}

export class ConsistencyReport {
  @ApiProperty() checkedAt!: string;
  @ApiProperty({ type: InboxEngineDifference }) inbox!: InboxEngineDifference;
  @ApiProperty({ type: OutboxBacklog }) completionOutbox!: OutboxBacklog;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Age of the newest record in the projection: differences younger than this may be the projection catching up',
  })
  projectionAgeSeconds!: number | null;
}

/**
 * Compares the inbox with the engine's open user-task jobs (as the projection of its exported
 * records has them) and reports the completion outbox's backlog: what the fault suite reads after
 * each fault, and what the gauges of /metrics carry.
 */
@Injectable()
export class ConsistencyCheck {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: CompletionOutbox,
    private readonly metrics: MetricsService,
  ) {}

  async run(now = new Date()): Promise<ConsistencyReport> {
    const engineOpen = `SELECT j.job_key FROM job j WHERE j.job_type = ? AND j.ended_at IS NULL`;
    const [missing, extra, backlog, [newest]] = await Promise.all([
      this.dataSource.query<{ job_key: string }[]>(
        `${engineOpen} AND NOT EXISTS (SELECT 1 FROM user_task t WHERE t.id = j.job_key AND t.state = 'open') ORDER BY j.job_key`,
        [USER_TASK_JOB_TYPE],
      ),
      this.dataSource.query<{ id: string }[]>(
        `SELECT t.id FROM user_task t WHERE t.state = 'open' AND NOT EXISTS (SELECT 1 FROM job j WHERE j.job_key = t.id AND j.job_type = ? AND j.ended_at IS NULL) ORDER BY t.id`,
        [USER_TASK_JOB_TYPE],
      ),
      this.outbox.backlog(now),
      this.dataSource.query<{ at: Date | null }[]>(`SELECT MAX(created_at) AS at FROM job`),
    ]);
    const report: ConsistencyReport = {
      checkedAt: now.toISOString(),
      inbox: {
        missing: missing.length,
        extra: extra.length,
        missingSample: missing.slice(0, SAMPLE).map((row) => row.job_key),
        extraSample: extra.slice(0, SAMPLE).map((row) => row.id),
      },
      completionOutbox: backlog,
      projectionAgeSeconds: newest?.at
        ? Math.max(0, Math.round((now.getTime() - new Date(newest.at).getTime()) / 1000))
        : null,
    };
    this.metrics.inboxEngineDifference.set({ kind: 'missing' }, report.inbox.missing);
    this.metrics.inboxEngineDifference.set({ kind: 'extra' }, report.inbox.extra);
    this.metrics.completionOutboxPending.set(backlog.pending);
    this.metrics.completionOutboxOldestSeconds.set(backlog.oldestAgeSeconds ?? 0);
    return report;
  }
}
