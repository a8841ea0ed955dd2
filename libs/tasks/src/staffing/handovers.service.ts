import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import { DomainError, groupProblemsByField } from '@loanflow/domain';
import { auditActorOf, Directory, Principal, scopeAllows, UnitScope } from '@loanflow/identity';
import type {
  HandoverEntity,
  HandoverItemEntity,
  LoanStatus,
  UserTaskEntity,
} from '@loanflow/persistence';
import { HandoverRecords } from './handover-records';
import { TaskAssignments } from './task-assignments';
import { HandoverRequest, HandoverView } from './staffing.views';

/** Loans that are over: nobody is responsible for them any more, so they stay as they were. */
const ENDED: LoanStatus[] = [
  'refused',
  'rejected',
  'declined',
  'offer-declined',
  'settled',
  'archived',
];

type Planned = Omit<HandoverItemEntity, 'id' | 'handoverId'> & { task?: UserTaskEntity };

/**
 * 岗位交接: a member of staff's loans (as their customer manager) and the open tasks they hold go
 * to a successor in one act, each task checked as a delegation would be; what the successor may not
 * take goes back to its group's pool. Tasks the engine creates later for those loans follow the
 * register's customer manager (see the inbox intake).
 */
@Injectable()
export class HandoversService {
  constructor(
    private readonly records: HandoverRecords,
    private readonly directory: Directory,
    private readonly audit: AuditTrail,
    private readonly assignments: TaskAssignments,
  ) {}

  async handOver(
    principal: Principal,
    scope: UnitScope,
    request: HandoverRequest,
  ): Promise<HandoverView> {
    const leaving = await this.records.user(request.from);
    if (!leaving || !scopeAllows(scope, leaving.orgUnitCode))
      await this.refuse(
        principal,
        new DomainError('USER_NOT_FOUND', `There is no user ${request.from} in your units.`),
      );
    const successor = await this.directory.principalByUsername(request.to);
    const problems: { field: string; reason: string }[] = [];
    if (request.to === request.from)
      problems.push({ field: 'to', reason: 'must be someone other than the person leaving' });
    else if (!successor || !scopeAllows(scope, successor.orgUnitCode))
      problems.push({ field: 'to', reason: `there is no active user ${request.to} in your units` });
    if (problems.length)
      await this.refuse(
        principal,
        new DomainError('VALIDATION_FAILED', 'The handover cannot be made.', {
          fieldErrors: groupProblemsByField(problems),
        }),
      );
    const plan = await this.plan(request.from, successor!, scope);
    if (plan.length === 0)
      await this.refuse(
        principal,
        new DomainError(
          'HANDOVER_EMPTY',
          `${request.from} holds no loans and no open tasks in your units: nothing to hand over.`,
        ),
      );

    const handover = await this.records.transaction(async (tx) => {
      // One handover of a person at a time: a second one sent at once waits, then finds what moved.
      await tx.lockPerson(request.from);
      const record = await tx.insertHandover({
        fromUser: request.from,
        toUser: request.to,
        reason: request.reason,
        orgUnitCode: principal.orgUnitCode,
        handedBy: principal.username,
      });
      const actor = auditActorOf(principal);
      // What the handover did, which may differ from the plan: a loan can be taken meanwhile.
      const done: Planned[] = [];
      for (const { task, ...item } of plan) {
        if (item.kind === 'loan' && item.outcome === 'moved') {
          const moved = await tx.moveLoan(item.loanId!, request.from, request.to);
          // Handed over meanwhile (another handover of the same person): the record says so.
          if (!moved) {
            item.outcome = 'kept';
            item.detail = `no longer ${request.from}'s when this handover was made`;
          }
        }
        if (task && item.outcome !== 'kept')
          await tx.assign(
            actor,
            task,
            item.outcome === 'moved' ? request.to : null,
            'task.handover',
            `handover ${record.id} from ${request.from} to ${request.to}${item.detail ? `: ${item.detail}` : ''}`,
          );
        await tx.insertItem({ ...item, handoverId: record.id });
        done.push(item);
      }
      await tx.audit({
        actor,
        action: 'staff.handover',
        outcome: 'ok',
        reason: `handover ${record.id}: ${request.from} to ${request.to} (${request.reason}); ${summary(done)}`,
      });
      // Only the loans whose customer manager changed: a kept loan stays with the person leaving.
      const moved = done.filter((i) => i.kind === 'loan' && i.outcome === 'moved');
      for (const loanId of new Set(moved.map((i) => i.loanId!)))
        await tx.audit({
          actor,
          action: 'loan.handover',
          outcome: 'ok',
          loanKey: loanId,
          reason: `customer manager ${request.from} handed over to ${request.to} (handover ${record.id})`,
        });
      return record;
    });
    return this.get(scope, handover.id);
  }

  async list(scope: UnitScope): Promise<HandoverView[]> {
    const rows = await this.records.latestHandovers();
    const visible = rows.filter((row) => scopeAllows(scope, row.orgUnitCode));
    return Promise.all(visible.map((row) => this.viewOf(row)));
  }

  async get(scope: UnitScope, id: string): Promise<HandoverView> {
    const row = /^\d{1,18}$/.test(id) ? await this.records.handover(id) : null;
    if (!row || !scopeAllows(scope, row.orgUnitCode))
      throw new DomainError('HANDOVER_NOT_FOUND', `There is no handover ${id}.`);
    return this.viewOf(row);
  }

  /** What the handover will do, item by item, decided before anything is written. */
  private async plan(from: string, successor: Principal, scope: UnitScope): Promise<Planned[]> {
    const successorScope = await this.directory.scopeOf(successor);
    const mayServe = successor.roles.includes('customer-manager');
    const loans = await this.records.loansManagedBy(from, ENDED);
    const items: Planned[] = [];
    for (const loan of loans) {
      if (!scopeAllows(scope, loan.branchCode)) continue;
      const conflict = await this.assignments.loanConflict(successor, loan.id);
      const ok = mayServe && scopeAllows(successorScope, loan.branchCode) && !conflict;
      items.push({
        kind: 'loan',
        loanId: loan.id,
        taskId: null,
        outcome: ok ? 'moved' : 'kept',
        detail: ok
          ? null
          : conflict
            ? `${conflict.code}: ${conflict.message}`
            : `${successor.username} may not be the customer manager of a loan of ${loan.branchCode}`,
      });
    }
    const tasks = await this.records.openTasksHeldBy(from);
    for (const task of tasks) {
      if (!scopeAllows(scope, task.branchCode)) continue;
      const problem = await this.assignments.whyNot(successor, task);
      items.push({
        kind: 'task',
        loanId: task.businessKey,
        taskId: task.id,
        outcome: problem ? 'released' : 'moved',
        detail: problem ? `${problem.code}: ${problem.message}` : null,
        task,
      });
    }
    return items;
  }

  private async viewOf(row: HandoverEntity): Promise<HandoverView> {
    const items = await this.records.items(row.id);
    return {
      id: row.id,
      from: row.fromUser,
      to: row.toUser,
      reason: row.reason,
      orgUnitCode: row.orgUnitCode,
      handedBy: row.handedBy,
      handedAt: row.handedAt.toISOString(),
      items: items.map(({ kind, loanId, taskId, outcome, detail }) => ({
        kind,
        loanId,
        taskId,
        outcome,
        detail,
      })),
    };
  }

  private async refuse(principal: Principal, error: DomainError): Promise<never> {
    await this.audit.record({
      actor: auditActorOf(principal),
      action: 'staff.handover',
      outcome: 'refused',
      reason: `${error.code}: ${error.message}`,
    });
    throw error;
  }
}

function summary(plan: Planned[]): string {
  const count = (kind: string, outcome: string) =>
    plan.filter((i) => i.kind === kind && i.outcome === outcome).length;
  return `loans moved ${count('loan', 'moved')}, kept ${count('loan', 'kept')}; tasks moved ${count('task', 'moved')}, released ${count('task', 'released')}`;
}
