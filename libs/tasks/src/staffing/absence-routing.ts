import { Inject, Injectable } from '@nestjs/common';
import { AuditActor, SYSTEM_ACTOR } from '@loanflow/audit';
import { NOTIFIER, Notifier } from '@loanflow/adapters';
import { Directory } from '@loanflow/identity';
import type { UserAbsenceEntity, UserTaskEntity } from '@loanflow/persistence';
import { AbsenceRecords } from './absence-records';
import { TaskAssignments } from './task-assignments';

/** Where a task that would be an absent person's alone goes, and why. */
export interface AbsenceRoute {
  assignee: string | null;
  /** For the audit trail; null when nobody is away. */
  reason: string | null;
  /** The unit whose center manager must hear that the deputy could not take it. */
  tellCenterOf: string | null;
}

export interface AbsenceMoves {
  moved: string[];
  released: string[];
}

/**
 * 代岗: while a declared absence lasts, tasks that would be the absent person's alone go to their
 * deputy, provided the deputy passes the same candidate, unit, duty and conflict checks as a
 * delegation; otherwise to the task's group pool, and the unit's center manager is told.
 */
@Injectable()
export class AbsenceRouting {
  constructor(
    private readonly records: AbsenceRecords,
    private readonly directory: Directory,
    private readonly assignments: TaskAssignments,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  /** The absence that covers `day` for this person, if any (the latest declared wins). */
  async activeAbsence(username: string, day: string): Promise<UserAbsenceEntity | null> {
    return this.records.activeAbsence(username, day);
  }

  /** Where a new task assigned to someone away goes. */
  async routeNew(task: UserTaskEntity, away: UserAbsenceEntity): Promise<AbsenceRoute> {
    return this.routeAway(task, away);
  }

  /**
   * The tasks the absent person holds, moved at the absence's start: to the deputy where the deputy
   * may hold them, to the pool otherwise. Once per absence.
   */
  async moveClaimed(absence: UserAbsenceEntity, actor: AuditActor): Promise<AbsenceMoves> {
    const claimed = await this.records.openTasksHeldBy(absence.username);
    const moves: AbsenceMoves = { moved: [], released: [] };
    for (const task of claimed) {
      const route = await this.routeAway(task, absence);
      try {
        await this.assignments.assign(actor, task, route.assignee, 'task.absence', route.reason!);
      } catch {
        continue; // changed meanwhile (completed, claimed back): nothing to move
      }
      (route.assignee ? moves.moved : moves.released).push(task.id);
      if (route.tellCenterOf) await this.tellCenter(task, absence, route.tellCenterOf);
    }
    await this.records.markClaimedMoved(absence.id, new Date());
    return moves;
  }

  /** Absences that have begun by `day` and whose claimed tasks have not been moved yet. */
  async sweep(day: string): Promise<number> {
    const begun = await this.records.begunUnmoved(day);
    for (const absence of begun) await this.moveClaimed(absence, SYSTEM_ACTOR);
    return begun.length;
  }

  async tellCenter(task: UserTaskEntity, absence: UserAbsenceEntity, unit: string): Promise<void> {
    await this.notifier.send({
      dedupeKey: `absence-unrouted:${absence.id}:${task.id}`,
      loanId: task.businessKey,
      channel: 'inbox',
      recipient: `role:center-manager:${unit}`,
      kind: 'absence-unrouted',
      subject: `代岗人不能接手 Deputy cannot take a task: ${task.businessKey ?? task.id}`,
      body:
        `${absence.username} is away from ${absence.startsOn} to ${absence.endsOn}; their deputy ` +
        `${absence.deputy} may not take task ${task.id} (${task.formKey}), so it waits in its group's ` +
        `pool. Please assign it.`,
    });
  }

  private async routeAway(task: UserTaskEntity, away: UserAbsenceEntity): Promise<AbsenceRoute> {
    const deputy = await this.directory.principalByUsername(away.deputy);
    const problem = deputy
      ? await this.assignments.whyNot(deputy, task)
      : { code: 'USER_NOT_FOUND', message: `There is no active user ${away.deputy}.` };
    if (!problem)
      return {
        assignee: away.deputy,
        reason: `${away.username} is away (${away.startsOn} to ${away.endsOn}): given to the deputy ${away.deputy}`,
        tellCenterOf: null,
      };
    const holder = await this.directory.principalByUsername(away.username);
    return {
      assignee: null,
      reason: `${away.username} is away (${away.startsOn} to ${away.endsOn}) and the deputy ${away.deputy} may not take it (${problem.code}): offered to the task's group`,
      tellCenterOf: task.branchCode ?? holder?.orgUnitCode ?? null,
    };
  }
}
