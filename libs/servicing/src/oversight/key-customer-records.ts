import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import type { UnitScope } from '@loanflow/identity';
import { blindIndex, KeyCustomerEntity } from '@loanflow/persistence';

/** An entry as it is listed (the register gives it its id; the ID number's index is set on write). */
export type NewKeyCustomer = Omit<KeyCustomerEntity, 'id' | 'idNumberIndex'>;
/** What taking an entry off the list records on it. */
export type KeyCustomerRemoval = Pick<
  KeyCustomerEntity,
  'removedBy' | 'removedAt' | 'removalReason'
>;

/** The list inside one act's transaction; every lock is held until it commits. */
export interface KeyCustomerTransaction {
  /**
   * The borrower's entry still on the unit's list (not removed), found by the ID number's blind
   * index and locked for update, or null.
   */
  lockListed(idNumber: string, unitCode: string): Promise<KeyCustomerEntity | null>;
  /** The entry, locked for update, or null. */
  lockEntry(id: string): Promise<KeyCustomerEntity | null>;
  addEntry(entry: NewKeyCustomer): Promise<KeyCustomerEntity>;
  /** Marks the entry removed; the row is kept. */
  removeEntry(id: string, removal: KeyCustomerRemoval): Promise<void>;
  /** Writes the act's audit entry in the same transaction, so both commit or neither. */
  audit(act: AuditAct): Promise<void>;
}

/**
 * What the key-customer list (重点客户) reads and writes. An abstract class so that it is both the
 * injection token and the shape a unit spec's fake implements.
 */
export abstract class KeyCustomerRecords {
  /** The entries of the scope's units, removed ones included, newest first. */
  abstract list(scope: UnitScope): Promise<KeyCustomerEntity[]>;
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: KeyCustomerTransaction) => Promise<T>): Promise<T>;
}

/** The key-customer list's SQL (MySQL/MariaDB). */
@Injectable()
export class SqlKeyCustomerRecords extends KeyCustomerRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  list(scope: UnitScope): Promise<KeyCustomerEntity[]> {
    return this.dataSource.getRepository(KeyCustomerEntity).find({
      where: scope.all ? {} : { unitCode: In([...scope.unitCodes]) },
      order: { id: 'DESC' },
    });
  }

  transaction<T>(work: (tx: KeyCustomerTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): KeyCustomerTransaction {
    const forUpdate = { mode: 'pessimistic_write' } as const;
    return {
      lockListed: (idNumber, unitCode) =>
        manager.findOne(KeyCustomerEntity, {
          where: {
            idNumberIndex: blindIndex('id-number', idNumber),
            unitCode,
            removedAt: IsNull(),
          },
          lock: forUpdate,
        }),
      lockEntry: (id) => manager.findOne(KeyCustomerEntity, { where: { id }, lock: forUpdate }),
      addEntry: async (entry) => {
        const row = manager.create(KeyCustomerEntity, entry);
        await manager.insert(KeyCustomerEntity, row);
        return row;
      },
      removeEntry: async (id, removal) => {
        await manager.update(KeyCustomerEntity, { id }, removal);
      },
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
