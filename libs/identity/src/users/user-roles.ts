import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import { assertCompatibleRoles, DomainError, Role } from '@loanflow/domain';
import { auditActorOf, Principal } from '../principal';
import { UserRoleRecords } from './user-role-records';

/**
 * An administrator grants a user's posts. A set the bank's rules forbid one person to hold (the
 * mortgage clerk with reviewer, approver or disbursement supervisor; a technical role with a
 * business post; the auditor with any other post) is refused, audited, and nothing is changed.
 */
@Injectable()
export class UserRoles {
  constructor(
    private readonly records: UserRoleRecords,
    private readonly audit: AuditTrail,
  ) {}

  async replace(admin: Principal, username: string, roles: Role[]): Promise<Role[]> {
    const wanted = [...new Set(roles)].sort();
    const userId = await this.records.userId(username);
    if (!userId) throw new DomainError('USER_NOT_FOUND', `There is no user ${username}.`);
    try {
      assertCompatibleRoles(wanted);
    } catch (error) {
      if (error instanceof DomainError)
        await this.audit.record({
          actor: auditActorOf(admin),
          action: 'user.roles',
          outcome: 'refused',
          inputs: { username, roles: wanted },
          reason: `${username} → ${wanted.join(', ')}: ${error.code}: ${error.message}`,
        });
      throw error;
    }
    await this.records.transaction(async (tx) => {
      const before = await tx.roles(userId);
      await tx.replaceRoles(userId, wanted);
      await tx.audit({
        actor: auditActorOf(admin),
        action: 'user.roles',
        outcome: 'ok',
        inputs: { username, roles: wanted },
        reason: `${username}: ${before.sort().join(', ') || 'no roles'} → ${wanted.join(', ') || 'no roles'}`,
      });
    });
    return wanted;
  }
}
