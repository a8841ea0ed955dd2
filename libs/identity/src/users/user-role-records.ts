import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import type { Role } from '@loanflow/domain';
import { UserEntity, UserRoleEntity } from '@loanflow/persistence';

/** The register inside one grant's transaction. */
export interface UserRoleTransaction {
  /** The roles the user holds now, for the audit row's before → after. */
  roles(userId: string): Promise<string[]>;
  /** The user holds exactly these roles afterwards (none when empty). */
  replaceRoles(userId: string, roles: readonly Role[]): Promise<void>;
  audit(act: AuditAct): Promise<void>;
}

/**
 * What granting a user's posts reads and writes in the register. An abstract class so that it is
 * both the injection token and the shape a unit spec's fake implements.
 */
export abstract class UserRoleRecords {
  /** The id of the user with this name, or null when there is none. */
  abstract userId(username: string): Promise<string | null>;
  /** Runs `work` in one transaction: the roles and their audit row commit together, or neither. */
  abstract transaction<T>(work: (tx: UserRoleTransaction) => Promise<T>): Promise<T>;
}

/** The SQL of users' posts (MySQL/MariaDB). */
@Injectable()
export class SqlUserRoleRecords extends UserRoleRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  async userId(username: string): Promise<string | null> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ username });
    return user?.id ?? null;
  }

  transaction<T>(work: (tx: UserRoleTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): UserRoleTransaction {
    return {
      roles: async (userId) =>
        (await manager.findBy(UserRoleEntity, { userId })).map((r) => r.role),
      replaceRoles: async (userId, roles) => {
        await manager.delete(UserRoleEntity, { userId });
        if (roles.length > 0)
          await manager.insert(
            UserRoleEntity,
            roles.map((role) => ({ userId, role })),
          );
      },
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
