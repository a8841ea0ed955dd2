import type { Role } from '@loanflow/domain';
import type { Principal } from '@loanflow/identity';

/**
 * A signed-in member of staff for unit specs: the name, posts and unit the access rules read, the
 * rest plain (no ID number, no relatives). The unit's path is `/HO/<unit>/` unless given.
 */
export function staffPrincipal(
  username: string,
  roles: Role[],
  orgUnitCode: string,
  orgPath = `/HO/${orgUnitCode}/`,
): Principal {
  return {
    userId: `U-${username}`,
    username,
    displayName: username,
    roles,
    orgUnitCode,
    orgUnitName: orgUnitCode,
    orgPath,
    idNumber: null,
    relativeIdNumbers: [],
  };
}
