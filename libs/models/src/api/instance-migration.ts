import { Inject, Injectable } from '@nestjs/common';
import { AuditActor, AuditTrail } from '@loanflow/audit';
import { DomainError, messageOf } from '@loanflow/domain';
import { ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { engineType, flowElements, parseBpmn, processesOf } from '../contract/parse-model';
import { MigrationReads } from './migration-reads';

export interface ElementMapping {
  sourceElementId: string;
  targetElementId: string;
}

export interface MigrationRequest {
  sourceProcessDefinitionKey: string;
  targetProcessDefinitionKey: string;
  /** Explicit mappings; an active element without one maps to the same id when the target has it. */
  mappings?: ElementMapping[];
  /** Only these instances (default: every active instance of the source version). */
  processInstanceKeys?: string[];
}

export interface MigrationPlan {
  source: { bpmnProcessId: string; version: number };
  target: { bpmnProcessId: string; version: number };
  movable: { processInstanceKey: string; businessKey: string | null; mappings: ElementMapping[] }[];
  blocked: { processInstanceKey: string; businessKey: string | null; reasons: string[] }[];
}

export interface MigrationOutcome extends MigrationPlan {
  migrated: string[];
  failed: { processInstanceKey: string; reason: string }[];
}

/**
 * Moves running instances to another process version (Zeebe 8.5 process instance migration). The
 * dry run says which instances can move with which element mappings and why the others cannot;
 * the real run migrates them one by one, reports what the broker refused, and is audited.
 */
@Injectable()
export class InstanceMigration {
  constructor(
    private readonly reads: MigrationReads,
    private readonly audit: AuditTrail,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
  ) {}

  async plan(request: MigrationRequest): Promise<MigrationPlan> {
    const [source, target] = await Promise.all([
      this.reads.version(request.sourceProcessDefinitionKey),
      this.reads.version(request.targetProcessDefinitionKey),
    ]);
    if (!source || !target)
      throw new DomainError(
        'PROCESS_DEFINITION_NOT_FOUND',
        `No deployed process version has key ${!source ? request.sourceProcessDefinitionKey : request.targetProcessDefinitionKey}.`,
      );
    const targetTypes = new Map<string, string>();
    const model = await parseBpmn(target.resourceName, target.bpmnXml);
    for (const process of processesOf(model).filter((p) => p.id === target.bpmnProcessId))
      for (const { element } of flowElements(process))
        if (element.id) targetTypes.set(element.id, engineType(element.$type));

    const instances = await this.reads.activeInstances(source.processDefinitionKey);
    const wanted = request.processInstanceKeys ? new Set(request.processInstanceKeys) : null;
    const explicit = new Map(
      (request.mappings ?? []).map((m) => [m.sourceElementId, m.targetElementId]),
    );
    const plan: MigrationPlan = {
      source: { bpmnProcessId: source.bpmnProcessId, version: source.version },
      target: { bpmnProcessId: target.bpmnProcessId, version: target.version },
      movable: [],
      blocked: [],
    };
    for (const key of wanted ?? [])
      if (!instances.some((i) => i.processInstanceKey === key))
        plan.blocked.push({
          processInstanceKey: key,
          businessKey: null,
          reasons: [`not an active instance of ${source.bpmnProcessId} version ${source.version}`],
        });
    for (const instance of instances) {
      if (wanted && !wanted.has(instance.processInstanceKey)) continue;
      const active = await this.reads.activeElements(instance.processInstanceKey);
      const reasons: string[] = [];
      const mappings: ElementMapping[] = [];
      // A running instance always waits somewhere: none seen means the projection is behind.
      if (!active.length)
        reasons.push(
          'the projection has not caught up with this instance yet (no active element seen): try again shortly',
        );
      for (const element of active) {
        const targetId = explicit.get(element.elementId) ?? element.elementId;
        const targetType = targetTypes.get(targetId);
        if (!targetType)
          reasons.push(
            `active element ${element.elementId} has no counterpart ${targetId} in version ${target.version}: map it`,
          );
        else if (targetType !== element.elementType)
          reasons.push(
            `active element ${element.elementId} is a ${element.elementType}, ${targetId} in version ${target.version} is a ${targetType}`,
          );
        else if (!mappings.some((m) => m.sourceElementId === element.elementId))
          mappings.push({ sourceElementId: element.elementId, targetElementId: targetId });
      }
      if (reasons.length)
        plan.blocked.push({
          processInstanceKey: instance.processInstanceKey,
          businessKey: instance.businessKey,
          reasons,
        });
      else
        plan.movable.push({
          processInstanceKey: instance.processInstanceKey,
          businessKey: instance.businessKey,
          mappings,
        });
    }
    return plan;
  }

  async migrate(request: MigrationRequest, actor: AuditActor): Promise<MigrationOutcome> {
    const plan = await this.plan(request);
    const migrated: string[] = [];
    const failed: MigrationOutcome['failed'] = [];
    for (const instance of plan.movable) {
      try {
        await this.zeebe.migrateProcessInstance({
          processInstanceKey: instance.processInstanceKey,
          migrationPlan: {
            targetProcessDefinitionKey: request.targetProcessDefinitionKey,
            mappingInstructions: instance.mappings,
          },
        });
        migrated.push(instance.processInstanceKey);
      } catch (error) {
        failed.push({
          processInstanceKey: instance.processInstanceKey,
          reason: messageOf(error),
        });
      }
    }
    await this.audit.record({
      actor,
      action: 'model.migrate',
      outcome: failed.length && !migrated.length ? 'failed' : 'ok',
      inputs: request,
      reason:
        `${plan.source.bpmnProcessId} version ${plan.source.version} -> ${plan.target.version}: ` +
        `${migrated.length} migrated, ${failed.length} refused by the broker, ${plan.blocked.length} blocked` +
        (failed.length
          ? `; ${failed.map((f) => `${f.processInstanceKey}: ${f.reason}`).join('; ')}`
          : ''),
    });
    return { ...plan, migrated, failed };
  }
}
