import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import type { UnitScope } from '@loanflow/identity';
import {
  ArchiveEntryEntity,
  ArchiveFileEntity,
  ArchiveHandoverEntity,
  ArchiveHandoverItemEntity,
  ArchiveInspectionEntity,
  ArchiveLendingEntity,
  ArchiveValuableEntity,
  ArchiveValuableMovementEntity,
  insertRows,
  LoanDutyEntity,
  LoanEntity,
  LoanPartyEntity,
} from '@loanflow/persistence';
import type { NewArchiveEntry } from './lending-records';

export type NewLending = Omit<ArchiveLendingEntity, 'id'>;
export type NewValuable = Omit<ArchiveValuableEntity, 'id'>;
export type NewMovement = Omit<ArchiveValuableMovementEntity, 'id'>;
export type NewInspection = Omit<ArchiveInspectionEntity, 'id'>;
export type NewHandover = Omit<ArchiveHandoverEntity, 'id'>;
/** A duty done on a file outside a task (asking for or approving its destruction). */
export type ArchiveDuty = Pick<LoanDutyEntity, 'duty' | 'username' | 'ref'>;
/** The files one person keeps in the reader's units that a hand-over may move. */
export interface CustodyFilter {
  scope: UnitScope;
  custodian: string;
  /** Only these loans' files; every file in custody when absent or empty. */
  loanIds?: readonly string[];
}

/** The register inside one act's transaction; every lock is held until it commits. */
export interface ArchiveTransaction {
  /** The loan's file, locked for update, or null when the loan was never filed. */
  lockFile(loanId: string): Promise<ArchiveFileEntity | null>;
  /** The file as it stands now (after this transaction's own changes). */
  file(fileId: string): Promise<ArchiveFileEntity>;
  updateFile(fileId: string, changes: Partial<Omit<ArchiveFileEntity, 'id'>>): Promise<void>;
  /** The files in custody or lent out kept by `filter.custodian`, locked for update. */
  lockFilesInCustody(filter: CustodyFilter): Promise<ArchiveFileEntity[]>;
  addEntry(entry: NewArchiveEntry): Promise<void>;
  /** The loan's lending, locked for update, or null. */
  lockLending(lendingId: string, loanId: string): Promise<ArchiveLendingEntity | null>;
  addLending(lending: NewLending): Promise<ArchiveLendingEntity>;
  updateLending(lendingId: string, changes: Partial<NewLending>): Promise<void>;
  loan(loanId: string): Promise<LoanEntity | null>;
  hasCollateral(loanId: string, collateralId: string): Promise<boolean>;
  /** The loan's valuable, locked for update, or null. */
  lockValuable(valuableId: string, loanId: string): Promise<ArchiveValuableEntity | null>;
  addValuable(valuable: NewValuable): Promise<ArchiveValuableEntity>;
  updateValuable(valuableId: string, changes: Partial<NewValuable>): Promise<void>;
  addMovement(movement: NewMovement): Promise<void>;
  /** The movements of these valuables in the order they happened. */
  movements(valuableIds: readonly string[]): Promise<ArchiveValuableMovementEntity[]>;
  addInspection(inspection: NewInspection): Promise<ArchiveInspectionEntity>;
  addHandover(handover: NewHandover): Promise<ArchiveHandoverEntity>;
  /** Names a file as moved by the hand-over. */
  addHandoverItem(handoverId: string, fileId: string): Promise<void>;
  addDuty(loanId: string, duty: ArchiveDuty): Promise<void>;
  /** The duties done on the loan under `ref`. */
  duties(loanId: string, ref: string): Promise<ArchiveDuty[]>;
  parties(loanId: string): Promise<LoanPartyEntity[]>;
  audit(act: AuditAct): Promise<void>;
}

/** Hand-overs with the files each moved. */
export interface HandoverRows {
  handovers: ArchiveHandoverEntity[];
  items: { handoverId: string; fileId: string }[];
  files: ArchiveFileEntity[];
}

/** Lists answer at most this many rows, newest first (lendings: soonest due first). */
export const ARCHIVE_LIST_LIMIT = 200;
export const ARCHIVE_LOG_LIMIT = 100;

/**
 * What the loan file register (档案登记簿) reads and writes. An abstract class so that it is
 * both the injection token and the shape a unit spec's fake implements.
 */
export abstract class ArchiveRecords {
  abstract file(loanId: string): Promise<ArchiveFileEntity | null>;
  /** The file's history in the order it happened. */
  abstract entries(fileId: string): Promise<ArchiveEntryEntity[]>;
  abstract lendingsOf(loanId: string): Promise<ArchiveLendingEntity[]>;
  abstract valuablesOf(loanId: string): Promise<ArchiveValuableEntity[]>;
  abstract movements(valuableIds: readonly string[]): Promise<ArchiveValuableMovementEntity[]>;
  abstract files(scope: UnitScope, status?: string): Promise<ArchiveFileEntity[]>;
  /** The lendings not yet returned in the units, soonest due first. */
  abstract openLendings(scope: UnitScope): Promise<ArchiveLendingEntity[]>;
  abstract valuables(scope: UnitScope, status?: string): Promise<ArchiveValuableEntity[]>;
  abstract inspections(scope: UnitScope): Promise<ArchiveInspectionEntity[]>;
  abstract handovers(scope: UnitScope): Promise<HandoverRows>;
  /** Keeps the instance whose timer watches the lending's due time. */
  abstract setLendingInstance(lendingId: string, processInstanceKey: string): Promise<void>;
  /** Takes back a lending whose timer the engine did not start: the file is on the shelf again. */
  abstract undoLending(lending: ArchiveLendingEntity): Promise<void>;
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: ArchiveTransaction) => Promise<T>): Promise<T>;
}

/** The loan file register's SQL (MySQL/MariaDB). */
@Injectable()
export class SqlArchiveRecords extends ArchiveRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  file(loanId: string): Promise<ArchiveFileEntity | null> {
    return this.dataSource.getRepository(ArchiveFileEntity).findOneBy({ loanId });
  }

  entries(fileId: string): Promise<ArchiveEntryEntity[]> {
    return this.dataSource
      .getRepository(ArchiveEntryEntity)
      .find({ where: { fileId }, order: { id: 'ASC' } });
  }

  lendingsOf(loanId: string): Promise<ArchiveLendingEntity[]> {
    return this.dataSource
      .getRepository(ArchiveLendingEntity)
      .find({ where: { loanId }, order: { id: 'ASC' } });
  }

  valuablesOf(loanId: string): Promise<ArchiveValuableEntity[]> {
    return this.dataSource
      .getRepository(ArchiveValuableEntity)
      .find({ where: { loanId }, order: { id: 'ASC' } });
  }

  movements(valuableIds: readonly string[]): Promise<ArchiveValuableMovementEntity[]> {
    return movementsOf(this.dataSource.manager, valuableIds);
  }

  files(scope: UnitScope, status?: string): Promise<ArchiveFileEntity[]> {
    return this.dataSource.getRepository(ArchiveFileEntity).find({
      where: { ...inScope(scope), ...(status ? { status } : {}) },
      order: { id: 'DESC' },
      take: ARCHIVE_LIST_LIMIT,
    });
  }

  openLendings(scope: UnitScope): Promise<ArchiveLendingEntity[]> {
    return this.dataSource.getRepository(ArchiveLendingEntity).find({
      where: { ...inScope(scope), returnedAt: IsNull() },
      order: { dueAt: 'ASC' },
      take: ARCHIVE_LIST_LIMIT,
    });
  }

  valuables(scope: UnitScope, status?: string): Promise<ArchiveValuableEntity[]> {
    return this.dataSource.getRepository(ArchiveValuableEntity).find({
      where: { ...inScope(scope), ...(status ? { status } : {}) },
      order: { id: 'DESC' },
      take: ARCHIVE_LIST_LIMIT,
    });
  }

  inspections(scope: UnitScope): Promise<ArchiveInspectionEntity[]> {
    return this.dataSource.getRepository(ArchiveInspectionEntity).find({
      where: inScope(scope),
      order: { id: 'DESC' },
      take: ARCHIVE_LOG_LIMIT,
    });
  }

  async handovers(scope: UnitScope): Promise<HandoverRows> {
    const handovers = await this.dataSource.getRepository(ArchiveHandoverEntity).find({
      where: inScope(scope),
      order: { id: 'DESC' },
      take: ARCHIVE_LOG_LIMIT,
    });
    const items = handovers.length
      ? await this.dataSource
          .getRepository(ArchiveHandoverItemEntity)
          .findBy({ handoverId: In(handovers.map((r) => r.id)) })
      : [];
    const files = items.length
      ? await this.dataSource
          .getRepository(ArchiveFileEntity)
          .findBy({ id: In(items.map((i) => i.fileId)) })
      : [];
    return { handovers, items, files };
  }

  async setLendingInstance(lendingId: string, processInstanceKey: string): Promise<void> {
    await this.dataSource
      .getRepository(ArchiveLendingEntity)
      .update({ id: lendingId }, { processInstanceKey });
  }

  async undoLending(lending: ArchiveLendingEntity): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(ArchiveLendingEntity, { id: lending.id });
      await manager.update(ArchiveFileEntity, { id: lending.fileId }, { status: 'in-custody' });
      await manager.delete(ArchiveEntryEntity, {
        fileId: lending.fileId,
        act: 'lent',
        at: lending.lentAt,
      });
    });
  }

  transaction<T>(work: (tx: ArchiveTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): ArchiveTransaction {
    const forUpdate = { mode: 'pessimistic_write' } as const;
    return {
      lockFile: (loanId) =>
        manager.findOne(ArchiveFileEntity, { where: { loanId }, lock: forUpdate }),
      file: (fileId) => manager.findOneByOrFail(ArchiveFileEntity, { id: fileId }),
      updateFile: async (fileId, changes) => {
        await manager.update(ArchiveFileEntity, { id: fileId }, changes);
      },
      lockFilesInCustody: ({ scope, custodian, loanIds }) =>
        manager.find(ArchiveFileEntity, {
          where: {
            ...inScope(scope),
            custodian,
            status: In(['in-custody', 'lent']),
            ...(loanIds?.length ? { loanId: In([...loanIds]) } : {}),
          },
          lock: forUpdate,
        }),
      addEntry: async (entry) => {
        await manager.insert(ArchiveEntryEntity, entry);
      },
      lockLending: (lendingId, loanId) =>
        manager.findOne(ArchiveLendingEntity, {
          where: { id: lendingId, loanId },
          lock: forUpdate,
        }),
      addLending: async (lending) => {
        const row = manager.create(ArchiveLendingEntity, lending);
        await manager.insert(ArchiveLendingEntity, row);
        return row;
      },
      updateLending: async (lendingId, changes) => {
        await manager.update(ArchiveLendingEntity, { id: lendingId }, changes);
      },
      loan: (loanId) => manager.findOneBy(LoanEntity, { id: loanId }),
      hasCollateral: async (loanId, collateralId) => {
        const found = await manager.query<{ id: string }[]>(
          'SELECT id FROM loan_collateral WHERE loan_id = ? AND id = ?',
          [loanId, collateralId],
        );
        return found.length > 0;
      },
      lockValuable: (valuableId, loanId) =>
        manager.findOne(ArchiveValuableEntity, {
          where: { id: valuableId, loanId },
          lock: forUpdate,
        }),
      addValuable: async (valuable) => {
        const row = manager.create(ArchiveValuableEntity, valuable);
        await manager.insert(ArchiveValuableEntity, row);
        return row;
      },
      updateValuable: async (valuableId, changes) => {
        await manager.update(ArchiveValuableEntity, { id: valuableId }, changes);
      },
      addMovement: async (movement) => {
        await manager.insert(ArchiveValuableMovementEntity, movement);
      },
      movements: (valuableIds) => movementsOf(manager, valuableIds),
      addInspection: async (inspection) => {
        const row = manager.create(ArchiveInspectionEntity, inspection);
        await manager.insert(ArchiveInspectionEntity, row);
        return row;
      },
      addHandover: async (handover) => {
        const row = manager.create(ArchiveHandoverEntity, handover);
        await manager.insert(ArchiveHandoverEntity, row);
        return row;
      },
      addHandoverItem: async (handoverId, fileId) => {
        await manager.insert(ArchiveHandoverItemEntity, { handoverId, fileId });
      },
      addDuty: async (loanId, duty) => {
        await insertRows(manager, LoanDutyEntity, { ...duty, businessKey: loanId, taskId: '-' });
      },
      duties: (loanId, ref) => manager.findBy(LoanDutyEntity, { businessKey: loanId, ref }),
      parties: (loanId) => manager.findBy(LoanPartyEntity, { loanId }),
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}

function inScope(scope: UnitScope) {
  return scope.all ? {} : { unitCode: In([...scope.unitCodes]) };
}

function movementsOf(
  manager: EntityManager,
  valuableIds: readonly string[],
): Promise<ArchiveValuableMovementEntity[]> {
  if (valuableIds.length === 0) return Promise.resolve([]);
  return manager
    .getRepository(ArchiveValuableMovementEntity)
    .find({ where: { valuableId: In([...valuableIds]) }, order: { id: 'ASC' } });
}
