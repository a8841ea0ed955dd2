import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import { ArchiveEntryEntity, ArchiveFileEntity, ArchiveLendingEntity } from '@loanflow/persistence';

/** An act on a loan file's history (借阅, 归还, 调阅逾期 …). */
export type NewArchiveEntry = Omit<ArchiveEntryEntity, 'id'>;

/** The archive register inside one transaction of the lending-overdue step. */
export interface LendingTransaction {
  /** The loan's lending, locked for update (a return being recorded waits), or null. */
  lockLending(lendingId: string, loanId: string): Promise<ArchiveLendingEntity | null>;
  /** The file lent (it exists: a lending references it). */
  file(fileId: string): Promise<ArchiveFileEntity>;
  markOverdueNotified(lendingId: string, at: Date): Promise<void>;
  addEntry(entry: NewArchiveEntry): Promise<void>;
  audit(act: AuditAct): Promise<void>;
}

/**
 * What the overdue step of a file lending reads and writes in the archive register. An abstract
 * class so that it is both the injection token and the shape a unit spec's fake implements.
 */
export abstract class LendingRecords {
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: LendingTransaction) => Promise<T>): Promise<T>;
}

/** The archive register's SQL for lendings (MySQL/MariaDB). */
@Injectable()
export class SqlLendingRecords extends LendingRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  transaction<T>(work: (tx: LendingTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): LendingTransaction {
    return {
      lockLending: (lendingId, loanId) =>
        manager.findOne(ArchiveLendingEntity, {
          where: { id: lendingId, loanId },
          lock: { mode: 'pessimistic_write' },
        }),
      file: (fileId) => manager.findOneByOrFail(ArchiveFileEntity, { id: fileId }),
      markOverdueNotified: async (lendingId, at) => {
        await manager.update(ArchiveLendingEntity, { id: lendingId }, { overdueNotifiedAt: at });
      },
      addEntry: async (entry) => {
        await manager.insert(ArchiveEntryEntity, entry);
      },
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
