import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import { UserEntity } from '@loanflow/persistence';

/** The register inside one password change's transaction. */
export interface PasswordChangeTransaction {
  /** Keeps the user's new password hash in place of the old one. */
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
  audit(act: AuditAct): Promise<void>;
}

/**
 * What a password change writes in the register. An abstract class so that it is both the
 * injection token and the shape a unit spec's fake implements.
 */
export abstract class PasswordChangeRecords {
  /** Runs `work` in one transaction: the new hash and its audit row commit together, or neither. */
  abstract transaction<T>(work: (tx: PasswordChangeTransaction) => Promise<T>): Promise<T>;
}

/** A password change's SQL (MySQL/MariaDB). */
@Injectable()
export class SqlPasswordChangeRecords extends PasswordChangeRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  transaction<T>(work: (tx: PasswordChangeTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): PasswordChangeTransaction {
    return {
      setPasswordHash: async (userId, passwordHash) => {
        await manager.update(UserEntity, { id: userId }, { passwordHash });
      },
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
