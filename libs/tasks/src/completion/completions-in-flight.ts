import { DataSource } from 'typeorm';
import { isRowLockedElsewhere } from '@loanflow/persistence';
import { BeforeEveryJob, GatedJob, JobGate } from '@loanflow/workflow';

/** How long a job waits for a person's completion on its loan to commit before it is failed for a retry. */
export const COMPLETION_COMMIT_WAIT_MS = 5_000;
const FIRST_PAUSE_MS = 2;
const LONGEST_PAUSE_MS = 50;

/**
 * Holds a job until every person's completion on its loan that is being committed has committed.
 *
 * A completion asks the broker inside the transaction that records it (CompletionOutbox
 * .completeThrough), so that a refusal rolls the record back. Between the broker's yes and the
 * commit, the engine may already hand out the next job of that loan: a worker running then would not
 * find the approval, the release or the investigation it follows, and raise an incident for a record
 * that appears a few milliseconds later. While that transaction is open it holds the lock on its
 * outbox row, and the row still reads as pending to everyone else: so a job waits while a pending
 * row of its loan is locked. A pending row that no one holds (intended, the broker not asked yet, or
 * left for the reconciler) does not hold the job: its completion cannot have caused it.
 */
@BeforeEveryJob()
export class CompletionsInFlight implements JobGate {
  constructor(private readonly dataSource: DataSource) {}

  async beforeHandle(job: GatedJob): Promise<void> {
    if (!job.businessKey) return;
    const pending = await this.dataSource.query<{ jobKey: string }[]>(
      `SELECT o.job_key AS jobKey
         FROM task_completion_outbox o JOIN user_task t ON t.id = o.job_key
        WHERE o.state = 'pending' AND t.business_key = ?`,
      [job.businessKey],
    );
    for (const { jobKey } of pending) await this.untilCommitted(jobKey, job);
  }

  private async untilCommitted(taskJobKey: string, job: GatedJob): Promise<void> {
    const giveUpAt = Date.now() + COMPLETION_COMMIT_WAIT_MS;
    for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
      if (!(await this.lockedElsewhere(taskJobKey))) return;
      if (Date.now() >= giveUpAt)
        throw new Error(
          `the completion of user task ${taskJobKey} on ${job.businessKey} was still being recorded after ${COMPLETION_COMMIT_WAIT_MS / 1000} s; job ${job.type} waits for it and is tried again`,
        );
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /**
   * A locking read that does not wait: it fails at once while another transaction holds the row.
   * FOR UPDATE NOWAIT reads the same on MySQL 8 and MariaDB; in autocommit its lock ends with it.
   */
  private async lockedElsewhere(taskJobKey: string): Promise<boolean> {
    try {
      await this.dataSource.query(
        `SELECT job_key FROM task_completion_outbox WHERE job_key = ? FOR UPDATE NOWAIT`,
        [taskJobKey],
      );
      return false;
    } catch (error) {
      if (isRowLockedElsewhere(error)) return true;
      throw error;
    }
  }
}
