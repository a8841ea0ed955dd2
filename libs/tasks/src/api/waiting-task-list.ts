import { Injectable } from '@nestjs/common';
import type { Principal, UnitScope } from '@loanflow/identity';
import { TaskArrivals } from '../inbox/task-arrivals';
import { TaskQueries } from './task-queries';
import type { TaskPage, TaskQuery } from './task.views';

/**
 * How long a waiting reader goes without looking again when no arrival is announced: a task that
 * reached them another way (a delegation, a task handed back to its pool, an announcement lost)
 * shows within this.
 */
export const WAIT_RECHECK_MS = 3_000;

/**
 * The task list, which may wait (`waitSeconds`) while it is empty: a screen or a client waiting for
 * its next task asks once and is answered as soon as one is filed for them, instead of asking over
 * and over. Each look is the reader's own query with the reader's own rights: an arrival only says
 * "look again", so a task of someone else's never ends a wait with anything in it.
 */
@Injectable()
export class WaitingTaskList {
  constructor(
    private readonly queries: TaskQueries,
    private readonly arrivals: TaskArrivals,
  ) {}

  async list(principal: Principal, scope: UnitScope, query: TaskQuery): Promise<TaskPage> {
    const deadline = Date.now() + (query.waitSeconds ?? 0) * 1000;
    for (;;) {
      const left = deadline - Date.now();
      // Taken before looking, so a task filed while the list is read is not missed.
      const arrival = this.arrivals.next(query.loan ?? null, Math.min(left, WAIT_RECHECK_MS));
      let page: TaskPage;
      try {
        page = await this.queries.list(principal, scope, query);
      } catch (error) {
        arrival.cancel();
        throw error;
      }
      if (page.items.length > 0 || left <= 0) {
        arrival.cancel();
        return page;
      }
      if ((await arrival.ended) === 'refused') return page;
    }
  }
}
