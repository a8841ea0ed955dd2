import type { DataSource } from 'typeorm';

/**
 * Fills the inbox's tables directly, for specs of its reads that need many tasks and no engine.
 * Each task row: id, process instance key, process id, version, element id, element instance key,
 * form key, business key, candidate groups (JSON), candidate users (JSON), assignee, due at, state,
 * loan summary (JSON), created at, branch code. Each candidate row: task id, group key, form key,
 * due at, created at, branch code.
 */
export async function insertInboxRows(
  dataSource: DataSource,
  tasks: unknown[][],
  candidates: unknown[][],
): Promise<void> {
  await dataSource.query(
    `INSERT INTO user_task (id, process_instance_key, bpmn_process_id, process_version, element_id,
       element_instance_key, form_key, business_key, candidate_groups, candidate_users, assignee, due_at,
       state, loan_summary, created_at, branch_code) VALUES ?`,
    [tasks],
  );
  if (candidates.length > 0)
    await dataSource.query(
      'INSERT INTO user_task_candidate (task_id, group_key, form_key, due_at, created_at, branch_code) VALUES ?',
      [candidates],
    );
}
