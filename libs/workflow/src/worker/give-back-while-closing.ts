/** A job as the gateway's activation answer carries it (the fields this module reads). */
interface DeliveredJob {
  key: string;
  retries: number;
}

/** The one SDK worker member this module wraps: what it does with an activation answer. */
interface WorkerInternals {
  closing?: boolean;
  handleJobResponse?: (response: { jobs: DeliveredJob[] }) => void;
}

interface JobFailer {
  failJob(request: {
    jobKey: string;
    errorMessage: string;
    retries: number;
    retryBackOff: number;
  }): Promise<unknown>;
}

export const GIVEN_BACK_MESSAGE = 'worker shutting down: job handed back unworked';

/**
 * Hands back at once the jobs a long poll delivers after its worker began to close.
 *
 * The SDK (8.5) drops them ("they will have to be timed out by the server"), and the broker then
 * holds them for their whole activation timeout: a minute for a user task taken by the inbox, so a
 * rolling restart or a test stack closing beside another left those tasks unseen for that long. A
 * failure that keeps the job's retries and has no back-off makes it activatable again at once and
 * opens no incident. Applied right after the worker is created, before its first poll answers.
 * An SDK whose worker no longer has this member keeps its own behaviour (jobs wait out the hold).
 */
export function giveBackJobsWhileClosing(worker: object, client: JobFailer): boolean {
  const internals = worker as WorkerInternals;
  const deliver = internals.handleJobResponse;
  if (typeof deliver !== 'function') return false;
  internals.handleJobResponse = (response) => {
    if (!internals.closing) return deliver.call(worker, response);
    for (const job of response.jobs)
      void client
        .failJob({
          jobKey: job.key,
          errorMessage: GIVEN_BACK_MESSAGE,
          retries: job.retries,
          retryBackOff: 0,
        })
        .catch(() => undefined);
  };
  return true;
}
