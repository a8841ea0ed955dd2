import { EntitySubscriberInterface, EventSubscriber, InsertEvent, UpdateEvent } from 'typeorm';
import { CreditWarningEntity, LoanPartyEntity } from '../entities/loan.entities';
import { UserRelativeEntity } from '../entities/identity.entities';
import { KeyCustomerEntity } from '../entities/complaints.entities';
import { blindIndex, IndexedKind } from './field-crypto';

/** Which plain field of which entity keeps a blind index in which property. */
const INDEXED: readonly [new () => object, string, string, IndexedKind][] = [
  [LoanPartyEntity, 'idNumber', 'idNumberIndex', 'id-number'],
  [CreditWarningEntity, 'idNumber', 'idNumberIndex', 'id-number'],
  [UserRelativeEntity, 'relativeIdNumber', 'relativeIdNumberIndex', 'id-number'],
  [KeyCustomerEntity, 'idNumber', 'idNumberIndex', 'id-number'],
];

/**
 * Keeps every blind index in step with its field: computed from the plain value before a row is
 * inserted or the field updated, whatever wrote it (save, insert or update with a plain object),
 * so no caller can forget it.
 */
@EventSubscriber()
export class BlindIndexSubscriber implements EntitySubscriberInterface {
  beforeInsert(event: InsertEvent<Record<string, unknown>>): void {
    this.index(event.metadata.target, event.entity);
  }

  beforeUpdate(event: UpdateEvent<Record<string, unknown>>): void {
    if (event.entity) this.index(event.metadata.target, event.entity);
  }

  private index(target: unknown, row: Record<string, unknown> | undefined): void {
    if (!row) return;
    for (const [entity, field, indexField, kind] of INDEXED) {
      if (target !== entity) continue;
      const value = row[field];
      if (typeof value === 'string' && value !== '') row[indexField] = blindIndex(kind, value);
    }
  }
}
