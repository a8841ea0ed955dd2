import { SetMetadata } from '@nestjs/common';
import type { Role } from '@loanflow/domain';

export const ACCESS_POLICY = 'loanflow:access-policy';

/** The objects a route can be scoped by: each belongs to one loan, and so to one branch. */
export type AccessObject = 'loan' | 'task' | 'process-instance' | 'incident';

/** `any`: every signed-in role; the scope still applies. */
export type RoleSet = readonly Role[] | 'any';

/**
 * Who may use a route and which objects it may touch. Every route declares exactly one; the
 * guard refuses a route without one, and a spec lists the routes against the access matrix.
 *
 * - `public`: no sign-in (sign-in itself, health, metrics).
 * - `signed-in`: any signed-in user; the route reads no loan data (who am I, system version).
 * - `role`: the roles listed; the route touches no loan (a quote, the models, system info).
 * - `unit`: the roles listed; a list or figures filtered to the caller's org unit and the units
 *   below it (head office sees every branch).
 * - `object`: the roles listed, on one object named by a route parameter; the object's loan must
 *   belong to the caller's unit or a unit below it. Out of scope and missing answer alike: 404.
 */
export type AccessPolicy =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'role'; roles: readonly Role[] }
  | { kind: 'unit'; roles: RoleSet }
  | { kind: 'object'; object: AccessObject; param: string; roles: RoleSet };

const declare = (policy: AccessPolicy) => SetMetadata(ACCESS_POLICY, policy);

/** The one way a route says who may use it. */
export const Access = {
  public: () => declare({ kind: 'public' }),
  signedIn: () => declare({ kind: 'signed-in' }),
  roles: (...roles: Role[]) => declare({ kind: 'role', roles }),
  unit: (roles: RoleSet) => declare({ kind: 'unit', roles }),
  loan: (roles: RoleSet, param = 'id') => declare({ kind: 'object', object: 'loan', param, roles }),
  task: (roles: RoleSet, param = 'id') => declare({ kind: 'object', object: 'task', param, roles }),
  processInstance: (roles: RoleSet, param = 'key') =>
    declare({ kind: 'object', object: 'process-instance', param, roles }),
  incident: (roles: RoleSet, param = 'key') =>
    declare({ kind: 'object', object: 'incident', param, roles }),
};

/** In words, for refusals, the route inventory and the matrix. */
export function describePolicy(policy: AccessPolicy): string {
  const roles = (set: RoleSet) => (set === 'any' ? 'any role' : set.join(', '));
  switch (policy.kind) {
    case 'public':
      return 'public';
    case 'signed-in':
      return 'any signed-in user, no loan data';
    case 'role':
      return `role: ${roles(policy.roles)}`;
    case 'unit':
      return `unit-scoped: ${roles(policy.roles)}`;
    case 'object':
      return `${policy.object}-scoped (:${policy.param}): ${roles(policy.roles)}`;
  }
}
