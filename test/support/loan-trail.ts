import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '@loanflow/config';
import { ExporterRecords, ofInstance } from './exporter-records';

/**
 * Where a loan's process is, for a spec's timeout message: the engine's job and incident records of
 * its instance (created, activated by which worker, timed out, failed, yielded) and its inbox rows,
 * so a task that never reached the inbox says which step held it instead of only "not within N ms".
 */
export async function loanTrail(dataSource: DataSource, config: AppConfig, loanId: string) {
  const [loan] = await dataSource.query<{ status: string; instance: string | null }[]>(
    'SELECT status, process_instance_key AS instance FROM loan WHERE id = ?',
    [loanId],
  );
  if (!loan) return `loan ${loanId} is not in the register`;
  const lines = [`loan ${loanId}: ${loan.status}, instance ${loan.instance ?? '(none)'}`];
  if (loan.instance) {
    const redis = new Redis(config.REDIS_URL);
    try {
      const records = new ExporterRecords(redis, config.EXPORTER_STREAM_PREFIX);
      for (const type of ['JOB', 'INCIDENT'])
        for (const { intent, timestamp, value } of await records.all(
          type,
          ofInstance(loan.instance),
        ))
          lines.push(
            `  ${new Date(timestamp).toISOString()} ${type} ${intent} ${JSON.stringify({
              type: value.type,
              element: value.elementId,
              worker: value.worker,
              retries: value.retries,
              error: value.errorMessage,
            })}`,
          );
    } finally {
      redis.disconnect();
    }
  }
  const tasks = await dataSource.query<Record<string, unknown>[]>(
    `SELECT id, form_key, state, assignee, candidate_groups, branch_code, created_at
       FROM user_task WHERE business_key = ?`,
    [loanId],
  );
  for (const task of tasks) lines.push(`  inbox ${JSON.stringify(task)}`);
  return lines.join('\n');
}
