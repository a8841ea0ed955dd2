import type { Role } from '@loanflow/domain';
import type { AccessPolicy } from '@loanflow/observability';

/** A route as the API document names it: `GET /api/loans/{id}`. */
export interface OpenRoute {
  method: string;
  path: string;
}

/** Whether a policy lets a signed-in user with these roles call the route at all. */
export function policyAdmits(policy: AccessPolicy, roles: readonly Role[]): boolean {
  switch (policy.kind) {
    case 'public':
    case 'signed-in':
      return true;
    default:
      return policy.roles === 'any' || policy.roles.some((role) => roles.includes(role));
  }
}

/**
 * The routes a signed-in user's roles open, with paths in the API document's form (`:id` becomes
 * `{id}`), so the console can show what the server will let its user do from the server's own
 * declarations. The route's scope still applies on every call: an object outside the user's unit
 * answers 404 whatever this list says.
 */
export function routesOpenTo(
  routes: readonly { method: string; path: string; policy: AccessPolicy | null }[],
  roles: readonly Role[],
): OpenRoute[] {
  return routes
    .filter((route) => route.policy !== null && policyAdmits(route.policy, roles))
    .map(({ method, path }) => ({ method, path: path.replace(/:(\w+)/g, '{$1}') }));
}
