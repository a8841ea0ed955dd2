import type { EventEmitter } from 'node:events';

/** The SDK worker members this module reads or wraps (8.5's ZBWorkerBase). */
interface PollingInternals {
  poll?: () => Promise<unknown>;
  handleJobResponse?: (response: unknown) => void;
  handleStreamEnd?: (id: string) => void;
  capacityEmitter?: EventEmitter;
}

/** The event the SDK worker emits when a finished job leaves it room to ask for more. */
const CAPACITY_AVAILABLE = 'AVAILABLE';

/**
 * Asks the broker for more jobs as soon as a long poll has answered, instead of at the worker's next
 * poll tick.
 *
 * The SDK (8.5) opens the next activation request only from a timer (every 300 ms). A long poll ends
 * as soon as it brings jobs, so every job created in the gap before the next tick waited for it: on
 * average half the interval, which was most of a service task's latency in the origination bench. A
 * poll that ended with jobs, or a job finishing that frees room below the SDK's threshold, starts the
 * next request at once; a poll that ended with an error (the gateway away) still waits for the tick,
 * so an unreachable gateway is not asked in a tight loop. The first request goes at once too. An SDK whose worker lacks these members
 * keeps its own timing. Apply after giveBackJobsWhileClosing (both wrap the activation answer).
 */
export function pollWithoutPause(worker: object): boolean {
  const internals = worker as PollingInternals;
  const { poll, handleJobResponse, handleStreamEnd, capacityEmitter } = internals;
  if (
    typeof poll !== 'function' ||
    typeof handleJobResponse !== 'function' ||
    typeof handleStreamEnd !== 'function' ||
    !capacityEmitter
  )
    return false;
  const pollNow = () => setImmediate(() => void poll.call(worker).catch(() => undefined));
  let answered = false;
  internals.handleJobResponse = (response) => {
    answered = true;
    return handleJobResponse.call(worker, response);
  };
  internals.handleStreamEnd = (id) => {
    handleStreamEnd.call(worker, id);
    if (!answered) return;
    answered = false;
    pollNow();
  };
  capacityEmitter.on(CAPACITY_AVAILABLE, pollNow);
  // The first request too, rather than one tick after the worker is created.
  pollNow();
  return true;
}
