import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import { assertCompatibleRoles, DomainError, Role } from '@loanflow/domain';
import { UserEntity, UserRoleEntity } from '@loanflow/persistence';
import { auditActorOf, Principal } from '../principal';

/**
 * An administrator grants a user's posts. A set the bank's rules forbid one person to hold (the
 * mortgage clerk with reviewer, approver or disbursement supervisor; a technical role with a
 * business post; the auditor with any other post) is refused, audited, and nothing is changed.
 */
@Injectable()
export class UserRoles {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async replace(admin: Principal, username: string, roles: Role[]): Promise<Role[]> {
    const wanted = [...new Set(roles)].sort();
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ username });
    if (!user) throw new DomainError('USER_NOT_FOUND', `There is no user ${username}.`);
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
    await this.dataSource.transaction(async (manager) => {
      const before = (await manager.findBy(UserRoleEntity, { userId: user.id })).map((r) => r.role);
      await manager.delete(UserRoleEntity, { userId: user.id });
      if (wanted.length > 0)
        await manager.insert(
          UserRoleEntity,
          wanted.map((role) => ({ userId: user.id, role })),
        );
      await this.audit.append(manager, {
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
