import { Injectable } from '@nestjs/common';
import type { AuditActor } from '@loanflow/audit';
import {
  assertDutyAllowed,
  assertNoConflictOfInterest,
  DomainError,
  Duty,
  DutyRecord,
  isCandidate,
} from '@loanflow/domain';
import { asActor, asWorker, Directory, Principal, scopeAllows } from '@loanflow/identity';
import { candidatesOf, UserTaskEntity } from '@loanflow/persistence';
import { formFor } from '../forms/form-registry';
import { DutyFactsReader } from '../api/duty-facts';
import { AssignmentTransaction, TaskAssignmentRecords } from './task-assignment-records';

/**
 * Who may hold a task, and moving it to them: one rule for a claim, a manager's delegation, a bulk
 * reassignment, an absence's deputy and a handover's successor.
 */
@Injectable()
export class TaskAssignments {
  constructor(
    private readonly records: TaskAssignmentRecords,
    private readonly directory: Directory,
    private readonly dutyFacts: DutyFactsReader,
  ) {}

  /** Why `person` may not hold this task (candidates, unit, duties, conflict), or null if they may. */
  async whyNot(person: Principal, task: UserTaskEntity): Promise<DomainError | null> {
    const unitPathOf = await this.directory.orgPaths();
    const candidate = isCandidate(
      asWorker(person),
      {
        ...candidatesOf(task),
        assignee: null,
      },
      unitPathOf,
    );
    if (!candidate || !scopeAllows(await this.directory.scopeOf(person), task.branchCode))
      return new DomainError(
        'NOT_A_CANDIDATE',
        `${person.username} is not among the candidates of this task.`,
      );
    return this.dutyProblem(person, task);
  }

  /** Why `person` may not serve this loan (they, a guarantor or a relative are its parties), or null. */
  async loanConflict(person: Principal, loanId: string): Promise<DomainError | null> {
    const facts = await this.dutyFacts.of(loanId);
    try {
      assertNoConflictOfInterest(asActor(person), facts.parties);
      return null;
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
  }

  /**
   * Separation of duties for `performer` doing this task's duty, and conflict of interest on every
   * task of a loan (their own, a guarantor's or a declared relative's), with a duty or without.
   */
  async dutyProblem(performer: Principal, task: UserTaskEntity): Promise<DomainError | null> {
    const form = formFor(task.formKey);
    if (!task.businessKey || !form) return null;
    const facts = await this.dutyFacts.of(
      task.businessKey,
      form.duty === 'accountability-decision',
    );
    const ref = form.dutyRef?.(contextOf(task)) ?? null;
    const history =
      form.repeatable && ref !== null
        ? withoutRepeats(facts.history, form.duty!, ref)
        : facts.history;
    try {
      if (!form.duty) assertNoConflictOfInterest(asActor(performer), facts.parties);
      else
        assertDutyAllowed(asActor(performer), form.duty, history, facts.parties, {
          ref,
          dossierNames: form.duty === 'accountability-decision' ? facts.dossierNames : undefined,
        });
      return null;
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
  }

  /**
   * Gives the task to `assignee` (null: back to its candidates' pool) if it has not changed since it
   * was read, with its audit entry in the same transaction: its own, or `within` when the caller
   * moves the task as part of a larger act.
   */
  async assign(
    actor: AuditActor,
    task: UserTaskEntity,
    assignee: string | null,
    action: string,
    reason: string,
    within?: AssignmentTransaction,
  ): Promise<void> {
    const run = async (tx: AssignmentTransaction) => {
      if (!(await tx.setAssignee(task, assignee)))
        throw new DomainError('CONFLICT', 'The task changed meanwhile; reload it and try again.');
      await tx.withdrawFromCandidates(task.id);
      if (assignee === null) await tx.offerToCandidates(task);
      await tx.audit({
        actor,
        action,
        outcome: 'ok',
        loanKey: task.businessKey,
        taskId: task.id,
        reason,
      });
    };
    if (within) await run(within);
    else await this.records.transaction(run);
  }
}

export function contextOf(task: UserTaskEntity): Record<string, unknown> {
  return task.contextJson ? (JSON.parse(task.contextJson) as Record<string, unknown>) : {};
}

/** The history without the acts of a repeatable duty under its ref (a member's earlier ballots). */
export function withoutRepeats(history: DutyRecord[], duty: Duty, ref: string): DutyRecord[] {
  return history.filter((record) => !(record.duty === duty && record.ref === ref));
}
