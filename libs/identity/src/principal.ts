import type { Actor, Role, Worker } from '@loanflow/domain';

/** The signed-in user as every request and decision sees them. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  orgUnitCode: string;
  orgUnitName: string;
  /** e.g. /HO/BR-HZ/ */
  orgPath: string;
  idNumber: string | null;
  relativeIdNumbers: string[];
}

export function asWorker(principal: Principal): Worker {
  return { username: principal.username, roles: principal.roles, orgPath: principal.orgPath };
}

export function asActor(principal: Principal): Actor {
  return {
    username: principal.username,
    idNumber: principal.idNumber,
    relativeIdNumbers: principal.relativeIdNumbers,
  };
}

export function auditActorOf(principal: Principal | undefined) {
  return principal
    ? { username: principal.username, roles: principal.roles, orgUnitCode: principal.orgUnitCode }
    : { username: null, roles: [], orgUnitCode: null };
}
