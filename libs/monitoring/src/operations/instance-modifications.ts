import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import {
  DomainError,
  groupProblemsByField,
  InstanceElement,
  messageOf,
  ModelGraph,
  ModificationInstruction,
  ModificationPlan,
  ModificationProblem,
  planModification,
} from '@loanflow/domain';
import { auditActorOf, Principal, scopeAllows, UnitScope } from '@loanflow/identity';
import { maskIdentifiers } from '@loanflow/loans';
import { modelGraphOf, shippedCatalogue } from '@loanflow/models';
import type { InstanceModificationEntity, ModificationStatus } from '@loanflow/persistence';
import { checkJobInput, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { MonitorReads } from '../monitor/monitor-reads';
import { InstanceModificationRecords } from './instance-modification-records';
import type { ModificationPreviewView, ModificationView } from './modification.views';

function view(row: InstanceModificationEntity): ModificationView {
  return {
    id: row.id,
    processInstanceKey: row.processInstanceKey,
    bpmnProcessId: row.bpmnProcessId,
    loanId: row.loanId,
    branchCode: row.branchCode,
    instructions: JSON.parse(row.instructionsJson) as ModificationInstruction[],
    plan: JSON.parse(row.planJson) as ModificationPlan,
    reason: row.reason,
    status: row.status,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionNote: row.decisionNote,
    failure: row.failure,
  };
}

/**
 * Modifying a running instance through the broker's own ModifyProcessInstance, as a four-eyes act:
 * one person requests it (with a dry run of what would change), a second one (a center manager of
 * the instance's unit or an admin, never the requester) approves it, and only then does the broker
 * apply it, planned again on the instance as it is at that moment. Every step is in the loan's
 * audit trail with both names and the reason.
 */
@Injectable()
export class InstanceModifications {
  /** A deployed version never changes: its graph is built once. */
  private readonly graphs = new Map<string, Promise<ModelGraph>>();

  constructor(
    private readonly records: InstanceModificationRecords,
    private readonly reads: MonitorReads,
    private readonly audit: AuditTrail,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
  ) {}

  /** What the instructions would do to the instance now; 400 with every problem when refused. */
  async preview(
    processInstanceKey: string,
    instructions: ModificationInstruction[],
  ): Promise<ModificationPreviewView> {
    const { instance, plan, problems } = await this.plan(processInstanceKey, instructions);
    if (problems.length) throw refusal(problems);
    return { processInstanceKey, bpmnProcessId: instance.bpmnProcessId, plan };
  }

  async request(
    principal: Principal,
    processInstanceKey: string,
    instructions: ModificationInstruction[],
    reason: string,
  ): Promise<ModificationView> {
    const { instance, plan, problems } = await this.plan(processInstanceKey, instructions);
    const act = {
      actor: auditActorOf(principal),
      action: 'instance.modification.request',
      loanKey: instance.businessKey,
      inputs: maskIdentifiers(instructions),
    };
    if (problems.length) {
      await this.audit.record({
        ...act,
        outcome: 'refused',
        reason: problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
      });
      throw refusal(problems);
    }
    const row = await this.records.add({
      processInstanceKey,
      bpmnProcessId: instance.bpmnProcessId,
      processDefinitionKey: instance.processDefinitionKey,
      loanId: instance.businessKey,
      branchCode: instance.branchCode,
      instructionsJson: JSON.stringify(instructions),
      planJson: JSON.stringify(plan),
      reason,
      status: 'pending',
      requestedBy: principal.username,
      requestedAt: new Date(),
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
      failure: null,
    });
    await this.audit.record({
      ...act,
      outcome: 'ok',
      reason: `modification ${row.id} of ${instance.bpmnProcessId} ${processInstanceKey} requested, waiting for a second person: ${describePlan(plan)}; ${reason}`,
    });
    return view(row);
  }

  async list(
    scope: UnitScope,
    status?: ModificationStatus,
    processInstanceKey?: string,
  ): Promise<ModificationView[]> {
    return (await this.records.list(scope, { status, processInstanceKey })).map(view);
  }

  async approve(
    principal: Principal,
    scope: UnitScope,
    id: string,
    note: string | undefined,
  ): Promise<ModificationView> {
    const row = await this.pendingInScope(principal, scope, id, 'approve');
    await this.claim(row, principal);
    const { plan, problems } = await this.plan(
      row.processInstanceKey,
      JSON.parse(row.instructionsJson) as ModificationInstruction[],
    );
    if (problems.length) {
      // The instance has moved on since the request: the plan no longer holds. Kept as failed.
      const failure = problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
      await this.decide(row, principal, 'failed', note, failure);
      throw new DomainError(
        'MODIFICATION_STALE',
        `Modification ${id} no longer fits the instance as it is now: ${failure}`,
        problemDetails(problems),
      );
    }
    try {
      await this.zeebe.modifyProcessInstance({
        processInstanceKey: row.processInstanceKey,
        activateInstructions: plan.activate.map((a) => ({
          elementId: a.elementId,
          ancestorElementInstanceKey: a.ancestorElementInstanceKey,
          variableInstructions: Object.keys(a.variables).length
            ? [{ variables: a.variables as never, scopeId: '' }]
            : [],
        })),
        terminateInstructions: plan.terminate.map((t) => ({
          elementInstanceKey: t.elementInstanceKey,
        })),
      });
    } catch (error) {
      const failure = `the engine refused it: ${messageOf(error)}`.slice(0, 1000);
      await this.decide(row, principal, 'failed', note, failure);
      throw new DomainError('MODIFICATION_REFUSED_BY_ENGINE', `Modification ${id}: ${failure}`);
    }
    row.planJson = JSON.stringify(plan);
    return view(await this.decide(row, principal, 'applied', note, null));
  }

  async refuse(
    principal: Principal,
    scope: UnitScope,
    id: string,
    note: string,
  ): Promise<ModificationView> {
    const row = await this.pendingInScope(principal, scope, id, 'refuse');
    await this.claim(row, principal);
    return view(await this.decide(row, principal, 'refused', note, null));
  }

  /**
   * Takes the request out of `pending` in one statement: of two people deciding at once, one gets
   * it and the other a 409, so the broker is never asked twice and no outcome overwrites another.
   */
  private async claim(row: InstanceModificationEntity, principal: Principal) {
    if (!(await this.records.claim(row.id, principal.username)))
      throw new DomainError(
        'MODIFICATION_NOT_PENDING',
        `Modification ${row.id} is being decided by someone else.`,
      );
  }

  /** The pending request in the caller's scope, decided by someone other than its requester. */
  private async pendingInScope(
    principal: Principal,
    scope: UnitScope,
    id: string,
    verb: 'approve' | 'refuse',
  ): Promise<InstanceModificationEntity> {
    const row = /^\d{1,18}$/.test(id) ? await this.records.modification(id) : null;
    if (!row || !scopeAllows(scope, row.branchCode))
      throw new DomainError('MODIFICATION_NOT_FOUND', `No modification ${id} is known.`);
    const refuse = async (error: DomainError): Promise<never> => {
      await this.audit.record({
        actor: auditActorOf(principal),
        action: `instance.modification.${verb}`,
        loanKey: row.loanId,
        outcome: 'refused',
        reason: `${error.code}: ${error.message}`,
      });
      throw error;
    };
    if (row.status !== 'pending')
      await refuse(
        new DomainError('MODIFICATION_NOT_PENDING', `Modification ${id} is already ${row.status}.`),
      );
    if (row.requestedBy === principal.username)
      await refuse(
        new DomainError(
          'FOUR_EYES_REQUIRED',
          `Modification ${id} was requested by you: a second person must ${verb} it.`,
        ),
      );
    return row;
  }

  private async decide(
    row: InstanceModificationEntity,
    principal: Principal,
    status: ModificationStatus,
    note: string | undefined,
    failure: string | null,
  ) {
    row.status = status;
    row.decidedBy = principal.username;
    row.decidedAt = new Date();
    row.decisionNote = note ?? null;
    row.failure = failure;
    await this.records.save(row);
    const plan = JSON.parse(row.planJson) as ModificationPlan;
    await this.audit.record({
      actor: auditActorOf(principal),
      action:
        status === 'applied'
          ? 'instance.modification.apply'
          : `instance.modification.${status === 'refused' ? 'refuse' : 'fail'}`,
      loanKey: row.loanId,
      outcome: status === 'applied' ? 'ok' : status === 'refused' ? 'refused' : 'failed',
      reason:
        `modification ${row.id} of ${row.bpmnProcessId} ${row.processInstanceKey}, requested by ${row.requestedBy}, ` +
        `${status} by ${principal.username}: ${describePlan(plan)}; reason: ${row.reason}` +
        (note ? `; note: ${note}` : '') +
        (failure ? `; ${failure}` : ''),
    });
    return row;
  }

  private async plan(processInstanceKey: string, instructions: ModificationInstruction[]) {
    const instance = await this.reads.instance(processInstanceKey);
    if (!instance || instance.lastPosition === '0')
      throw new DomainError(
        'INSTANCE_NOT_FOUND',
        `No process instance ${processInstanceKey} has been reported by the engine.`,
      );
    if (instance.state !== 'active')
      throw new DomainError(
        'INSTANCE_NOT_ACTIVE',
        `Process instance ${processInstanceKey} has ${instance.state}: only a running instance is modified.`,
      );
    const [graph, elements, variables] = await Promise.all([
      this.graphOf(instance.processDefinitionKey, instance.bpmnProcessId),
      this.records.elements(processInstanceKey),
      this.reads.variables(processInstanceKey),
    ]);
    const history: InstanceElement[] = elements.map((e) => ({
      elementInstanceKey: e.elementInstanceKey,
      elementId: e.elementId,
      elementType: e.elementType,
      state: e.state,
      startedAt: e.startedAt?.toISOString() ?? null,
      endedAt: e.endedAt?.toISOString() ?? null,
    }));
    const { plan, problems } = planModification(graph, history, instructions);
    problems.push(...this.variableProblems(graph, instructions, variables));
    return { instance, plan, problems };
  }

  /**
   * Variables set with an activation must be inputs of the model's own workers and, merged with
   * the instance's variables, pass those workers' input rules: the bounds the API applies.
   */
  private variableProblems(
    graph: ModelGraph,
    instructions: ModificationInstruction[],
    current: Record<string, unknown>,
  ): ModificationProblem[] {
    const catalogue = shippedCatalogue();
    const workers = [
      ...new Set(
        [...graph.elements.values()].map((e) => e.jobType).filter((t): t is string => !!t),
      ),
    ]
      .map((type) => catalogue.workers.get(type))
      .filter((w) => !!w);
    const problems: ModificationProblem[] = [];
    instructions.forEach((instruction, index) => {
      if (instruction.kind === 'cancel' || !instruction.variables) return;
      const field = `instructions[${index}].variables`;
      const names = Object.keys(instruction.variables);
      for (const name of names)
        if (!workers.some((w) => w.inputs.some((input) => input.name === name)))
          problems.push({
            field: `${field}.${name}`,
            reason: `is not read by any step of this model: only its workers' inputs may be set`,
            rule: 'variableNotRead',
            elementIds: [],
          });
      if (problems.length) return;
      const merged = { ...current, ...instruction.variables };
      for (const worker of workers.filter((w) => w.inputs.some((i) => names.includes(i.name)))) {
        const check = checkJobInput(worker.input, merged);
        if (!check.ok)
          problems.push(
            ...check.problems
              .filter((reason) => names.some((name) => reason.startsWith(name)))
              .map((reason): ModificationProblem => ({
                field,
                reason: `${reason} (${worker.type})`,
                rule: 'variableInvalid',
                elementIds: [],
              })),
          );
      }
    });
    return problems;
  }

  private graphOf(definitionKey: string, bpmnProcessId: string): Promise<ModelGraph> {
    let graph = this.graphs.get(definitionKey);
    if (!graph) {
      graph = (async () => {
        const definition = await this.reads.definition(definitionKey);
        if (!definition)
          throw new DomainError(
            'PROCESS_DEFINITION_NOT_FOUND',
            `The model of version ${definitionKey} is not known to the projection yet.`,
          );
        return modelGraphOf(definition.bpmnXml, bpmnProcessId, shippedCatalogue());
      })();
      graph.catch(() => this.graphs.delete(definitionKey));
      this.graphs.set(definitionKey, graph);
    }
    return graph;
  }
}

function refusal(problems: ModificationProblem[]): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    `The modification is refused: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`,
    problemDetails(problems),
  );
}

/** The problems by field, and by rule and step for a client to word in its reader's language. */
function problemDetails(problems: ModificationProblem[]) {
  return {
    fieldErrors: groupProblemsByField(problems),
    problems: problems.map(({ field, rule, elementIds }) => ({ field, rule, elementIds })),
  };
}

function describePlan(plan: ModificationPlan): string {
  const cancel = plan.terminate.map((t) => t.elementId).join(', ');
  const activate = plan.activate.map((a) => a.elementId).join(', ');
  return [cancel && `cancel ${cancel}`, activate && `activate ${activate}`]
    .filter(Boolean)
    .join(', then ');
}
