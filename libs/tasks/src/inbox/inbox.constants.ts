/** WORKER_TYPES name for the inbox's intake of user-task jobs (they have no area.verb type of their own). */
export const INBOX_WORKER_TYPE = 'tasks.inbox';

/**
 * A user-task job is activated with a short hold: if the process that took it dies before the
 * inbox row commits, the broker hands the job out again after 30 s and the other workers process
 * files it, so the task is in the inbox within a minute of the crash (never invisible for weeks).
 * Filing a batch takes milliseconds; a hold that ran out while the database was slow only lets
 * another intake file the same job again, which the upsert by job key absorbs.
 */
export const INBOX_ACTIVATION_HOLD_MS = 30 * 1000;

/**
 * Once its row is committed the inbox holds each user-task job this long by default (INBOX_HOLD_MS);
 * the hold passes extend it long before it runs out (TaskHoldRenewal walks the whole inbox in about
 * a day at 28,800 tasks).
 */
export const INBOX_JOB_TIMEOUT_MS = 14 * 24 * 3600 * 1000;

export const RECONCILER_GROUP = 'loanflow-inbox';

/** Variables the intake always reads from the process: the business key and the loan summary. */
export const INBOX_VARIABLES = ['businessKey', 'loan'];
