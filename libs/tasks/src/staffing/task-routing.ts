import { Injectable } from '@nestjs/common';
import type { UserTaskEntity } from '@loanflow/persistence';
import { BusinessClock } from '@loanflow/workflow';
import { AbsenceRouting } from './absence-routing';
import { HandoverRecords } from './handover-records';

/** Where a new task assigned to one person goes, and what the audit trail says about it. */
export interface RoutedTask {
  assignee: string | null;
  /** Why it went elsewhere than the model said; null when it did not. */
  reason: string | null;
  /** When a deputy could not take it: the absence, so the center manager can be told. */
  unrouted?: () => Promise<void>;
}

/**
 * Applies the staffing facts the engine does not know to a task the model assigns to one person:
 * a loan handed over goes to the register's customer manager, not the one the process started
 * with; a person away hands it to their deputy (or to the pool).
 */
@Injectable()
export class TaskRouting {
  constructor(
    private readonly handovers: HandoverRecords,
    private readonly absences: AbsenceRouting,
    private readonly clock: BusinessClock,
  ) {}

  async route(task: UserTaskEntity, registerCustomerManager: string | null): Promise<RoutedTask> {
    const reasons: string[] = [];
    let assignee = task.assignee;
    if (
      assignee &&
      task.businessKey &&
      registerCustomerManager &&
      registerCustomerManager !== assignee &&
      (await this.handovers.handedOver(task.businessKey, assignee))
    ) {
      reasons.push(
        `${assignee} handed this loan over: given to its customer manager ${registerCustomerManager}`,
      );
      assignee = registerCustomerManager;
    }
    if (!assignee) return { assignee, reason: reasons.join('; ') || null };
    const away = await this.absences.activeAbsence(assignee, await this.clock.today());
    if (!away) return { assignee, reason: reasons.join('; ') || null };
    const route = await this.absences.routeNew({ ...task, assignee }, away);
    reasons.push(route.reason!);
    return {
      assignee: route.assignee,
      reason: reasons.join('; '),
      unrouted: route.tellCenterOf
        ? () => this.absences.tellCenter(task, away, route.tellCenterOf!)
        : undefined,
    };
  }
}
