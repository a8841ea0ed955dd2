import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import { AppConfig } from '@loanflow/config';
import { DomainError } from '@loanflow/domain';
import { auditActorOf, Principal, scopeAllows, UnitScope } from '@loanflow/identity';
import type { KeyCustomerEntity } from '@loanflow/persistence';
import { BusinessClock } from '@loanflow/workflow';
import { KeyCustomerRecords } from './key-customer-records';
import type {
  AddKeyCustomerRequest,
  KeyCustomerView,
  RemoveKeyCustomerRequest,
} from './key-customer.requests';

/**
 * The key-customer list (重点客户): each unit's credit managers (risk manager, center manager) list
 * the borrowers their level watches closely; a listed borrower's loans are inspected at the entry's
 * interval (PlanInspectionWorker). Entries are removed with a reason, never deleted. The ID number
 * and name are encrypted; the api masks the ID number on the way out.
 */
@Injectable()
export class KeyCustomers {
  private readonly defaultMonths: number;

  constructor(
    private readonly records: KeyCustomerRecords,
    private readonly audit: AuditTrail,
    private readonly clock: BusinessClock,
    config: AppConfig,
  ) {
    this.defaultMonths = config.KEY_CUSTOMER_INSPECTION_MONTHS;
  }

  /** The entries of the scope's units, removed ones included, newest first. */
  async list(scope: UnitScope): Promise<{ items: KeyCustomerView[] }> {
    const rows = await this.records.list(scope);
    return { items: rows.map(viewOf) };
  }

  /** Lists a borrower for the principal's unit; one already listed there is refused (audited). */
  async add(principal: Principal, request: AddKeyCustomerRequest): Promise<KeyCustomerView> {
    const now = await this.clock.now();
    const row = await this.records
      .transaction(async (tx) => {
        const listed = await tx.lockListed(request.idNumber.toUpperCase(), principal.orgUnitCode);
        if (listed)
          throw new DomainError(
            'KEY_CUSTOMER_ALREADY_LISTED',
            `The borrower is already on the key-customer list of ${principal.orgUnitCode} (entry ${listed.id}).`,
          );
        const created = await tx.addEntry({
          idNumber: request.idNumber.toUpperCase(),
          name: request.name,
          unitCode: principal.orgUnitCode,
          reason: request.reason,
          inspectionMonths: request.inspectionMonths ?? this.defaultMonths,
          addedBy: principal.username,
          addedAt: now,
          removedBy: null,
          removedAt: null,
          removalReason: null,
        });
        await tx.audit({
          actor: auditActorOf(principal),
          action: 'key-customer.add',
          outcome: 'ok',
          inputs: request,
          reason: `key customer ${created.id} listed by ${principal.orgUnitCode}, inspected at most every ${created.inspectionMonths} months: ${request.reason}`,
        });
        return created;
      })
      .catch(async (error: unknown) => {
        if (error instanceof DomainError)
          await this.audit.record({
            actor: auditActorOf(principal),
            action: 'key-customer.add',
            outcome: 'refused',
            reason: `${error.code}: ${error.message}`,
          });
        throw error;
      });
    return viewOf(row);
  }

  /** Takes an entry of the scope's units off the list with a reason; the entry is kept. */
  async remove(
    principal: Principal,
    scope: UnitScope,
    id: string,
    request: RemoveKeyCustomerRequest,
  ): Promise<KeyCustomerView> {
    const now = await this.clock.now();
    const row = await this.records.transaction(async (tx) => {
      const entry = /^\d{1,18}$/.test(id) ? await tx.lockEntry(id) : null;
      if (!entry || !scopeAllows(scope, entry.unitCode))
        throw new DomainError(
          'KEY_CUSTOMER_NOT_FOUND',
          `There is no key-customer entry ${id} in your units.`,
        );
      if (entry.removedAt)
        throw new DomainError(
          'KEY_CUSTOMER_NOT_FOUND',
          `Key-customer entry ${id} was removed already.`,
        );
      await tx.removeEntry(entry.id, {
        removedBy: principal.username,
        removedAt: now,
        removalReason: request.reason,
      });
      await tx.audit({
        actor: auditActorOf(principal),
        action: 'key-customer.remove',
        outcome: 'ok',
        inputs: request,
        reason: `key customer ${entry.id} removed from the list of ${entry.unitCode}: ${request.reason}`,
      });
      return {
        ...entry,
        removedBy: principal.username,
        removedAt: now,
        removalReason: request.reason,
      };
    });
    return viewOf(row);
  }
}

function viewOf(row: KeyCustomerEntity): KeyCustomerView {
  return {
    id: row.id,
    idNumber: row.idNumber,
    name: row.name,
    unitCode: row.unitCode,
    reason: row.reason,
    inspectionMonths: row.inspectionMonths,
    addedBy: row.addedBy,
    addedAt: row.addedAt.toISOString(),
    removedBy: row.removedBy,
    removedAt: row.removedAt?.toISOString() ?? null,
    removalReason: row.removalReason,
  };
}
