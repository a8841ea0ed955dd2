import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import { DomainError, messageOf } from '@loanflow/domain';
import { auditActorOf, Principal, scopeAllows, UnitScope } from '@loanflow/identity';
import { InstanceMigration } from '@loanflow/models';
import type { BatchAction, BatchItem, BatchOperationEntity } from '@loanflow/persistence';
import { ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { MonitorReads } from '../monitor/monitor-reads';
import { MonitorService } from '../monitor/monitor.service';
import { BatchOperationRecords } from './batch-operation-records';
import type { BatchView } from './batch.views';

export const MAX_BATCH_ITEMS = 200;

const view = (row: BatchOperationEntity): BatchView => ({
  id: row.id,
  action: row.action,
  status: row.status,
  reason: row.reason,
  targetProcessDefinitionKey: row.targetDefinitionKey,
  total: row.total,
  done: row.done,
  failed: row.failed,
  items: JSON.parse(row.itemsJson) as BatchItem[],
  requestedBy: row.requestedBy,
  requestedAt: row.requestedAt.toISOString(),
  decidedBy: row.decidedBy,
  decidedAt: row.decidedAt?.toISOString() ?? null,
  finishedAt: row.finishedAt?.toISOString() ?? null,
});

/** Who may start each kind of batch; a cancellation also waits for a second person. */
const STARTERS: Record<BatchAction, readonly string[]> = {
  retry: ['process-designer', 'admin'],
  cancel: ['process-designer', 'center-manager', 'admin'],
  migrate: ['process-designer', 'admin'],
};

/**
 * Acting on many instances or incidents at once: retry incidents, cancel instances, migrate them
 * to another version. Each item is checked as a single act would be (in the caller's scope, still
 * open or running) and gets its own result; the batch keeps its progress as it goes, so the console
 * can show it while it runs. Cancelling ends loans' processes: it waits for a second person.
 */
@Injectable()
export class BatchOperations {
  constructor(
    private readonly records: BatchOperationRecords,
    private readonly reads: MonitorReads,
    private readonly audit: AuditTrail,
    private readonly monitor: MonitorService,
    private readonly migration: InstanceMigration,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
  ) {}

  async start(
    principal: Principal,
    scope: UnitScope,
    request: {
      action: BatchAction;
      keys: string[];
      reason: string;
      targetProcessDefinitionKey?: string;
    },
  ): Promise<BatchView> {
    const act = { actor: auditActorOf(principal), action: `batch.${request.action}.request` };
    if (!principal.roles.some((role) => STARTERS[request.action].includes(role))) {
      const error = new DomainError(
        'ROLE_REQUIRED',
        `A ${request.action} batch is started by ${STARTERS[request.action].join(', ')}.`,
      );
      await this.audit.record({
        ...act,
        outcome: 'refused',
        reason: `${error.code}: ${error.message}`,
      });
      throw error;
    }
    if (request.action === 'migrate' && !request.targetProcessDefinitionKey)
      throw new DomainError('VALIDATION_FAILED', 'A migration names the target version.', {
        fieldErrors: { targetProcessDefinitionKey: ['is required to migrate'] },
      });
    const items = await this.itemsOf(request.action, [...new Set(request.keys)], scope);
    const cancel = request.action === 'cancel';
    const row = await this.records.add({
      action: request.action,
      status: cancel ? 'pending' : 'running',
      reason: request.reason,
      targetDefinitionKey: request.targetProcessDefinitionKey ?? null,
      itemsJson: JSON.stringify(items),
      total: items.length,
      done: 0,
      failed: 0,
      requestedBy: principal.username,
      requestedAt: new Date(),
      decidedBy: null,
      decidedAt: null,
      finishedAt: null,
    });
    await this.audit.record({
      ...act,
      outcome: 'ok',
      inputs: request.keys,
      reason: `batch ${row.id}: ${request.action} of ${items.length} item(s)${cancel ? ', waiting for a second person' : ''}: ${request.reason}`,
    });
    if (cancel) return view(row);
    return view(await this.run(row, principal));
  }

  async approve(principal: Principal, scope: UnitScope, id: string): Promise<BatchView> {
    const row = await this.pendingInScope(principal, scope, id, 'approve');
    await this.claim(row, principal, 'running');
    row.status = 'running';
    row.decidedBy = principal.username;
    row.decidedAt = new Date();
    return view(await this.run(row, principal));
  }

  async refuse(principal: Principal, scope: UnitScope, id: string): Promise<BatchView> {
    const row = await this.pendingInScope(principal, scope, id, 'refuse');
    await this.claim(row, principal, 'refused');
    row.status = 'refused';
    row.decidedBy = principal.username;
    row.decidedAt = new Date();
    row.finishedAt = new Date();
    await this.records.save(row);
    await this.audit.record({
      actor: auditActorOf(principal),
      action: 'batch.cancel.refuse',
      outcome: 'refused',
      reason: `batch ${row.id} (cancel of ${row.total}, requested by ${row.requestedBy}) refused`,
    });
    return view(row);
  }

  async one(scope: UnitScope, id: string): Promise<BatchView> {
    return view(await this.inScope(scope, id));
  }

  async list(scope: UnitScope): Promise<BatchView[]> {
    const rows = await this.records.recent();
    return rows.filter((row) => this.visible(scope, row)).map(view);
  }

  /** Each key as an item: found, in the caller's scope, of the right kind; else failed already. */
  private async itemsOf(
    action: BatchAction,
    keys: string[],
    scope: UnitScope,
  ): Promise<BatchItem[]> {
    if (keys.length === 0 || keys.length > MAX_BATCH_ITEMS)
      throw new DomainError('VALIDATION_FAILED', `A batch holds 1 to ${MAX_BATCH_ITEMS} items.`, {
        fieldErrors: { keys: [`must hold 1 to ${MAX_BATCH_ITEMS} keys, not ${keys.length}`] },
      });
    const numeric = keys.filter((key) => /^\d{1,20}$/.test(key));
    const incidents =
      action === 'retry' && numeric.length ? await this.records.incidents(numeric) : [];
    const instanceKeys = action === 'retry' ? incidents.map((i) => i.processInstanceKey) : numeric;
    const instances = await this.reads.instancesByKey(instanceKeys);
    return keys.map((key) => {
      const incident = incidents.find((i) => i.incidentKey === key);
      const instanceKey = action === 'retry' ? incident?.processInstanceKey : key;
      const instance = instances.find((i) => i.processInstanceKey === instanceKey);
      const found = instance && scopeAllows(scope, instance.branchCode);
      return {
        key,
        processInstanceKey: found ? instance.processInstanceKey : '',
        loanId: found ? instance.businessKey : null,
        branchCode: found ? instance.branchCode : null,
        result: found ? 'waiting' : 'failed',
        message: found
          ? null
          : `no ${action === 'retry' ? 'incident' : 'process instance'} ${key} is known`,
      };
    });
  }

  /** Works through the items one by one, saving the progress after each. */
  private async run(row: BatchOperationEntity, principal: Principal) {
    const items = JSON.parse(row.itemsJson) as BatchItem[];
    const save = async () => {
      row.itemsJson = JSON.stringify(items);
      row.done = items.filter((i) => i.result !== 'waiting').length;
      row.failed = items.filter((i) => i.result === 'failed').length;
      await this.records.save(row);
    };
    await save();
    if (row.action === 'migrate') {
      // The broker migrates from one version at a time: the items are grouped by theirs.
      const waiting = items.filter((i) => i.result === 'waiting');
      const versions = await this.reads.instancesByKey(
        waiting.map((i) => i.processInstanceKey).concat('0'),
      );
      for (const source of new Set(versions.map((v) => v.processDefinitionKey))) {
        const group = waiting.filter((i) =>
          versions.some(
            (v) =>
              v.processInstanceKey === i.processInstanceKey && v.processDefinitionKey === source,
          ),
        );
        const outcome = await this.migration
          .migrate(
            {
              sourceProcessDefinitionKey: source,
              targetProcessDefinitionKey: row.targetDefinitionKey!,
              processInstanceKeys: group.map((i) => i.processInstanceKey),
            },
            auditActorOf(principal),
          )
          .catch((error: Error) => error);
        for (const item of group) {
          if (outcome instanceof Error) {
            item.result = 'failed';
            item.message = outcome.message.slice(0, 500);
            continue;
          }
          const blocked = outcome.blocked.find((b) => b.processInstanceKey === item.key);
          const failed = outcome.failed.find((f) => f.processInstanceKey === item.key);
          item.result = outcome.migrated.includes(item.key) ? 'ok' : 'failed';
          item.message =
            blocked?.reasons.join('; ') ??
            failed?.reason ??
            (item.result === 'ok' ? 'migrated' : 'not migrated');
        }
        await save();
      }
    } else {
      for (const item of items.filter((i) => i.result === 'waiting')) {
        try {
          item.message =
            row.action === 'retry'
              ? (await this.monitor.resolve(principal, item.key, undefined), 'retried')
              : await this.cancel(principal, item, row);
          item.result = 'ok';
        } catch (error) {
          item.result = 'failed';
          item.message = messageOf(error).slice(0, 500);
        }
        await save();
      }
    }
    row.status = 'done';
    row.finishedAt = new Date();
    await save();
    return row;
  }

  /** Out of `pending` in one statement: of two people deciding at once, one gets it. */
  private async claim(
    row: BatchOperationEntity,
    principal: Principal,
    status: 'running' | 'refused',
  ) {
    const decision = { status, decidedBy: principal.username, decidedAt: new Date() };
    if (!(await this.records.claim(row.id, decision)))
      throw new DomainError(
        'BATCH_NOT_PENDING',
        `Batch ${row.id} is being decided by someone else.`,
      );
  }

  private async cancel(principal: Principal, item: BatchItem, row: BatchOperationEntity) {
    await this.zeebe.cancelProcessInstance(item.processInstanceKey).catch((error: Error) => {
      throw new DomainError(
        /NOT_FOUND/.test(error.message) ? 'INSTANCE_ENDED' : 'BROKER_UNAVAILABLE',
        /NOT_FOUND/.test(error.message)
          ? `instance ${item.processInstanceKey} has already ended`
          : `the engine did not cancel it: ${error.message}`,
      );
    });
    await this.audit.record({
      actor: auditActorOf(principal),
      action: 'instance.cancel',
      loanKey: item.loanId,
      outcome: 'ok',
      reason: `instance ${item.processInstanceKey} cancelled by batch ${row.id}, requested by ${row.requestedBy}, approved by ${principal.username}: ${row.reason}`,
    });
    return 'cancelled';
  }

  private visible(scope: UnitScope, row: BatchOperationEntity): boolean {
    const items = JSON.parse(row.itemsJson) as BatchItem[];
    return (
      scope.all || items.some((item) => item.branchCode && scopeAllows(scope, item.branchCode))
    );
  }

  private async inScope(scope: UnitScope, id: string) {
    const row = /^\d{1,18}$/.test(id) ? await this.records.batch(id) : null;
    if (!row || !this.visible(scope, row))
      throw new DomainError('BATCH_NOT_FOUND', `No batch ${id} is known.`);
    return row;
  }

  private async pendingInScope(principal: Principal, scope: UnitScope, id: string, verb: string) {
    const row = await this.inScope(scope, id);
    const refuse = async (error: DomainError): Promise<never> => {
      await this.audit.record({
        actor: auditActorOf(principal),
        action: `batch.cancel.${verb}`,
        outcome: 'refused',
        reason: `${error.code}: ${error.message}`,
      });
      throw error;
    };
    if (row.status !== 'pending')
      await refuse(new DomainError('BATCH_NOT_PENDING', `Batch ${id} is ${row.status}.`));
    if (row.requestedBy === principal.username)
      await refuse(
        new DomainError(
          'FOUR_EYES_REQUIRED',
          `Batch ${id} was started by you: a second person must ${verb} it.`,
        ),
      );
    // Every item the batch would cancel must be in the approver's own scope.
    const items = JSON.parse(row.itemsJson) as BatchItem[];
    if (items.some((item) => item.result === 'waiting' && !scopeAllows(scope, item.branchCode)))
      await refuse(
        new DomainError('BATCH_NOT_FOUND', `Batch ${id} holds instances outside your units.`),
      );
    return row;
  }
}
