import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds buckets from 5 ms to 30 s: job handlers and HTTP requests both live in that range. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** One Prometheus registry per process, with the product's own series next to Node's defaults. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly jobsHandled = new Counter({
    name: 'loanflow_jobs_handled_total',
    help: 'Jobs handled by workers, by job type and outcome (completed, bpmn_error, failed, invalid_input, lost).',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'loanflow_job_duration_seconds',
    help: 'Time from a job reaching its handler to its outcome reported to the broker.',
    labelNames: ['type'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly jobPhaseDuration = new Histogram({
    name: 'loanflow_job_phase_seconds',
    help: 'Where a job’s time in the worker goes: admit (input checked, gates passed, e.g. waiting for a person’s completion on the loan to commit), handle (the handler), report (the outcome sent until the broker answered).',
    labelNames: ['type', 'phase'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'loanflow_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly projectedRecords = new Counter({
    name: 'loanflow_projector_records_total',
    help: 'Exported engine records applied to the MySQL projection, by value type.',
    labelNames: ['valueType'] as const,
    registers: [this.registry],
  });

  readonly projectorLag = new Gauge({
    name: 'loanflow_projector_lag_seconds',
    help: 'Age of the newest record the projector has applied, when it applied it (broker time).',
    registers: [this.registry],
  });

  readonly inboxEngineDifference = new Gauge({
    name: 'loanflow_inbox_engine_difference',
    help: 'User-task jobs open in the engine (its projection) but not in the inbox (missing), and open inbox rows the engine no longer has open (extra), at the last check.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly completionOutboxPending = new Gauge({
    name: 'loanflow_completion_outbox_pending',
    help: 'Task completions recorded in the outbox and not yet settled, at the last check.',
    registers: [this.registry],
  });

  readonly completionOutboxOldestSeconds = new Gauge({
    name: 'loanflow_completion_outbox_oldest_seconds',
    help: 'Age of the oldest unsettled task completion in the outbox (0 when none), at the last check.',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'loanflow_' });
  }

  async render(): Promise<string> {
    return this.registry.metrics();
  }
}
