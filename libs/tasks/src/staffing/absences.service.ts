import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import {
  absenceCovers,
  absenceProblems,
  DomainError,
  groupProblemsByField,
  MANAGER_ROLES,
} from '@loanflow/domain';
import { auditActorOf, Directory, Principal, scopeAllows, UnitScope } from '@loanflow/identity';
import type { UserAbsenceEntity } from '@loanflow/persistence';
import { BusinessClock } from '@loanflow/workflow';
import { AbsenceRecords } from './absence-records';
import { AbsenceMoves, AbsenceRouting } from './absence-routing';
import { AbsenceView, DeclareAbsenceRequest } from './staffing.views';

/**
 * Absences with a deputy: declared by the person or their manager, in force from their first day
 * (tasks they hold move then, new ones are routed while it lasts), ended by their last day or a
 * cancellation. Moved tasks stay with the deputy after the return.
 */
@Injectable()
export class AbsencesService {
  constructor(
    private readonly records: AbsenceRecords,
    private readonly directory: Directory,
    private readonly audit: AuditTrail,
    private readonly routing: AbsenceRouting,
    private readonly clock: BusinessClock,
  ) {}

  async declare(
    principal: Principal,
    scope: UnitScope,
    request: DeclareAbsenceRequest,
  ): Promise<AbsenceView> {
    const username = request.username ?? principal.username;
    const away = await this.staffMember(principal, scope, username, 'absence.declare');
    const today = await this.clock.today();
    const deputy = await this.directory.principalByUsername(request.deputy);
    const problems = absenceProblems({ ...request, username: away.username }, today);
    if (!deputy)
      problems.push({ field: 'deputy', reason: `there is no active user ${request.deputy}` });
    else if (!deputy.roles.some((role) => away.roles.includes(role)))
      problems.push({
        field: 'deputy',
        reason: `${deputy.username} holds none of ${away.username}'s roles (${away.roles.join(', ')})`,
      });
    if (problems.length)
      await this.refuse(
        principal,
        'absence.declare',
        new DomainError('VALIDATION_FAILED', 'The absence cannot be declared.', {
          fieldErrors: groupProblemsByField(problems),
        }),
      );
    // The overlap check and the insert under a lock on the person: two declarations sent at once
    // cannot both find the period free.
    const declared = await this.records.transaction(async (tx) => {
      await tx.lockPerson(away.username);
      const overlapping = await tx.uncancelledEndingFrom(away.username, request.startsOn);
      const clash = overlapping.find((other) => other.startsOn <= request.endsOn);
      if (clash)
        return new DomainError(
          'ABSENCE_OVERLAPS',
          `${away.username} is already away from ${clash.startsOn} to ${clash.endsOn}; cancel that absence first.`,
          { absenceId: clash.id },
        );
      const row = await tx.insert({
        username: away.username,
        deputy: request.deputy,
        startsOn: request.startsOn,
        endsOn: request.endsOn,
        reason: request.reason,
        declaredBy: principal.username,
      });
      await tx.audit({
        actor: auditActorOf(principal),
        action: 'absence.declare',
        outcome: 'ok',
        reason: `${away.username} away ${request.startsOn} to ${request.endsOn}, deputy ${request.deputy}: ${request.reason}`,
      });
      return row;
    });
    if (declared instanceof DomainError) await this.refuse(principal, 'absence.declare', declared);
    const absence = declared as UserAbsenceEntity;
    let moves: AbsenceMoves | undefined;
    if (absenceCovers(absence, today))
      moves = await this.routing.moveClaimed(absence, auditActorOf(principal));
    return { ...viewOf(absence, today), moves };
  }

  /** The caller's absences, those they stand in for, and (managers) their staff's. */
  async list(principal: Principal, scope: UnitScope): Promise<AbsenceView[]> {
    const names = new Set([principal.username]);
    if (this.isManager(principal)) {
      const staff = await this.records.staff();
      for (const user of staff) if (scopeAllows(scope, user.orgUnitCode)) names.add(user.username);
    }
    const rows = await this.records.absencesOf([...names], principal.username);
    const today = await this.clock.today();
    return rows.map((row) => viewOf(row, today));
  }

  async cancel(principal: Principal, scope: UnitScope, id: string): Promise<AbsenceView> {
    const absence = /^\d{1,18}$/.test(id) ? await this.records.absence(id) : null;
    const own = absence && [absence.username, absence.declaredBy].includes(principal.username);
    if (!absence || (!own && !(await this.managesUser(principal, scope, absence.username))))
      throw new DomainError('ABSENCE_NOT_FOUND', `There is no absence ${id} you may change.`);
    const today = await this.clock.today();
    if (!absence.cancelledAt && absence.endsOn >= today) {
      await this.records.cancel(id, principal.username, {
        actor: auditActorOf(principal),
        action: 'absence.cancel',
        outcome: 'ok',
        reason: `absence ${id} of ${absence.username} (${absence.startsOn} to ${absence.endsOn}) cancelled`,
      });
    }
    return viewOf(await this.records.absenceOrFail(id), today);
  }

  /** The person the caller acts for: themself, or (managers) a member of staff in their units. */
  private async staffMember(
    principal: Principal,
    scope: UnitScope,
    username: string,
    action: string,
  ): Promise<Principal> {
    if (username === principal.username) return principal;
    if (!this.isManager(principal))
      await this.refuse(
        principal,
        action,
        new DomainError('ABSENCE_FORBIDDEN', 'Only a manager may declare someone else’s absence.'),
      );
    const person = await this.directory.principalByUsername(username);
    if (!person || !scopeAllows(scope, person.orgUnitCode))
      await this.refuse(
        principal,
        action,
        new DomainError('USER_NOT_FOUND', `There is no active user ${username} in your units.`),
      );
    return person!;
  }

  private async managesUser(
    principal: Principal,
    scope: UnitScope,
    username: string,
  ): Promise<boolean> {
    if (!this.isManager(principal)) return false;
    const person = await this.directory.principalByUsername(username);
    return !!person && scopeAllows(scope, person.orgUnitCode);
  }

  private isManager(principal: Principal): boolean {
    return principal.roles.some((role) => MANAGER_ROLES.includes(role));
  }

  private async refuse(principal: Principal, action: string, error: DomainError): Promise<never> {
    await this.audit.record({
      actor: auditActorOf(principal),
      action,
      outcome: 'refused',
      reason: `${error.code}: ${error.message}`,
    });
    throw error;
  }
}

function viewOf(row: UserAbsenceEntity, today: string): AbsenceView {
  const state = row.cancelledAt
    ? 'cancelled'
    : row.endsOn < today
      ? 'over'
      : row.startsOn > today
        ? 'planned'
        : 'active';
  return {
    id: row.id,
    username: row.username,
    deputy: row.deputy,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    reason: row.reason,
    declaredBy: row.declaredBy,
    declaredAt: row.declaredAt.toISOString(),
    state,
  };
}
