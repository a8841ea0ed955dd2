import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import { DomainError, messageOf } from '@loanflow/domain';
import { auditActorOf, Principal, UnitScope } from '@loanflow/identity';
import { maskName, maskPersonalData, maskPersonalText } from '@loanflow/loans';
import { BusinessClock, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { elementNamesOf } from './element-names';
import {
  CONTAINERS,
  DeployedDefinition,
  MonitorReads,
  Page,
  ProjectedIncident,
  ProjectedInstance,
} from './monitor-reads';
import type { IncidentQuery, InstanceQuery } from './monitor.requests';
import type {
  HeatmapElementView,
  HeatmapView,
  IncidentPageView,
  IncidentResolvedView,
  IncidentView,
  InstanceDetailView,
  InstanceListItemView,
  InstancePageView,
  InstanceView,
} from './monitor.views';

const iso = (date: Date | null) => date?.toISOString() ?? null;

function instanceView(row: ProjectedInstance): InstanceView {
  return {
    processInstanceKey: row.processInstanceKey,
    bpmnProcessId: row.bpmnProcessId,
    version: row.version,
    processDefinitionKey: row.processDefinitionKey,
    businessKey: row.businessKey,
    state: row.state,
    startedAt: iso(row.startedAt),
    endedAt: iso(row.endedAt),
    openIncidents: row.incidents,
  };
}

/** How a reader sees personal data: masked unless they serve the customer. */
export interface Viewer {
  masked: boolean;
}

function incidentView(row: ProjectedIncident, viewer: Viewer): IncidentView {
  return {
    incidentKey: row.incidentKey,
    processInstanceKey: row.processInstanceKey,
    bpmnProcessId: row.bpmnProcessId,
    elementId: row.elementId,
    elementInstanceKey: row.elementInstanceKey,
    jobKey: row.jobKey,
    errorType: row.errorType,
    errorMessage: viewer.masked ? maskPersonalText(row.errorMessage) : row.errorMessage,
    state: row.state,
    createdAt: iso(row.createdAt),
    resolvedAt: iso(row.resolvedAt),
  };
}

/**
 * What managers and operators read of the engine, from the projection the workers keep (no
 * Operate): instances with filters, one instance with its path and tokens, per-element counts of a
 * version, incidents; and the one write, resolving an incident through the broker.
 */
@Injectable()
export class MonitorService {
  constructor(
    private readonly reads: MonitorReads,
    private readonly audit: AuditTrail,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly clock: BusinessClock,
  ) {}

  /** Element names by definition key: a deployed version never changes, so kept once read. */
  private readonly namesByDefinition = new Map<string, Map<string, string>>();

  async instances(
    query: InstanceQuery,
    scope: UnitScope,
    viewer: Viewer = { masked: true },
  ): Promise<InstancePageView> {
    const { page, pageSize, daysInStepMin, ...filter } = query;
    const empty = { items: [], total: 0, page, pageSize };
    if (!scope.all && scope.unitCodes.length === 0) return empty;
    const atElement = tokenFilterOf(query);
    if (atElement) return this.instancesAtElement(atElement, scope, { page, pageSize }, viewer);
    const waitingSince =
      daysInStepMin === undefined
        ? undefined
        : new Date((await this.clock.now()).getTime() - daysInStepMin * 86_400_000);
    const { rows, total } = await this.reads.instancePage({ ...filter, waitingSince }, scope, {
      page,
      pageSize,
    });
    return { items: await this.withWhereAndWho(rows, viewer), total, page, pageSize };
  }

  /**
   * "Instances with a token at element X of process P" (in the reader's units), from current_token's
   * index alone: the page's keys in the list's order, then the instance rows by key. An instance
   * with two tokens there (a loop, a multi-instance) counts once, as in the general list.
   */
  private async instancesAtElement(
    at: { process: string; elementId: string },
    scope: UnitScope,
    page: Page,
    viewer: Viewer,
  ): Promise<InstancePageView> {
    const { keys, total } = await this.reads.instanceKeysAtElement(
      at.process,
      at.elementId,
      scope,
      page,
    );
    const rows = await this.reads.instancesByKey(keys);
    const byKey = new Map(rows.map((row) => [row.processInstanceKey, row]));
    const ordered = keys
      .map((key) => byKey.get(key))
      .filter((row): row is ProjectedInstance => !!row);
    return { items: await this.withWhereAndWho(ordered, viewer), total, ...page };
  }

  /**
   * Each instance of a page with its borrower (the loan's applicant), the steps where it waits
   * (named as the model names them) and who holds its open tasks: three reads for the page.
   */
  private async withWhereAndWho(
    rows: ProjectedInstance[],
    viewer: Viewer,
  ): Promise<InstanceListItemView[]> {
    if (rows.length === 0) return [];
    const keys = rows.map((row) => row.processInstanceKey);
    const loanIds = [
      ...new Set(rows.map((row) => row.businessKey).filter((k): k is string => !!k)),
    ];
    const [active, tasks, borrowers] = await Promise.all([
      this.reads.activeElements(keys),
      this.reads.taskHolders(keys),
      this.reads.applicants(loanIds),
    ]);
    const names = await this.elementNames([
      ...new Set(rows.map((row) => row.processDefinitionKey)),
    ]);
    const borrowerOf = new Map(borrowers.map((b) => [b.loanId, b.name]));
    return rows.map((row) => {
      const key = row.processInstanceKey;
      const steps = active.filter((e) => e.instanceKey === key && !CONTAINERS.has(e.elementType));
      const seen = new Set<string>();
      const borrower = row.businessKey ? (borrowerOf.get(row.businessKey) ?? null) : null;
      return {
        ...instanceView(row),
        borrower: borrower && viewer.masked ? maskName(borrower) : borrower,
        currentSteps: steps
          .filter((e) => !seen.has(e.elementId) && seen.add(e.elementId))
          .map((e) => ({
            elementId: e.elementId,
            name: names.get(e.definitionKey)?.get(e.elementId) ?? e.elementId,
            elementType: e.elementType,
            since: e.startedAt ? new Date(e.startedAt).toISOString() : null,
          })),
        assignees: [...new Set(tasks.filter((t) => t.instanceKey === key).map((t) => t.assignee))],
      };
    });
  }

  /** The models' element names for these versions (read once per version). */
  private async elementNames(definitionKeys: string[]): Promise<Map<string, Map<string, string>>> {
    const missing = definitionKeys.filter((key) => !this.namesByDefinition.has(key));
    if (missing.length) {
      const definitions = await this.reads.definitions(missing);
      for (const definition of definitions)
        this.namesByDefinition.set(
          definition.processDefinitionKey,
          elementNamesOf(definition.bpmnXml),
        );
    }
    return this.namesByDefinition;
  }

  async instance(key: string, viewer: Viewer): Promise<InstanceDetailView> {
    const instance = await this.reads.instance(key);
    if (!instance || instance.lastPosition === '0')
      throw new DomainError(
        'INSTANCE_NOT_FOUND',
        `No process instance ${key} has been reported by the engine.`,
      );
    const { elements, incidents, timers, subscriptions, variables } =
      await this.reads.instanceRecords(key);
    const containers = new Set(['SUB_PROCESS', 'EVENT_SUB_PROCESS', 'MULTI_INSTANCE_BODY']);
    return {
      ...instanceView(instance),
      elements: elements.map((e) => ({
        elementInstanceKey: e.elementInstanceKey,
        elementId: e.elementId,
        elementType: e.elementType,
        flowScopeKey: e.flowScopeKey,
        state: e.state,
        startedAt: iso(e.startedAt),
        endedAt: iso(e.endedAt),
      })),
      /** Where the instance waits now: active elements that are not containers. */
      activeElements: [
        ...new Set(
          elements
            .filter((e) => e.state === 'active' && !containers.has(e.elementType))
            .map((e) => e.elementId),
        ),
      ],
      completedElements: [
        ...new Set(elements.filter((e) => e.state === 'completed').map((e) => e.elementId)),
      ],
      incidents: incidents.map((row) => incidentView(row, viewer)),
      timers: timers.map((t) => ({
        elementId: t.elementId,
        dueAt: iso(t.dueAt),
        repetitions: t.repetitions,
      })),
      messageSubscriptions: subscriptions.map((s) => ({
        elementId: s.elementId,
        messageName: s.messageName,
        correlationKey: s.correlationKey,
      })),
      variables: Object.fromEntries(
        variables.map((v) => {
          const value = v.truncated ? { truncated: true, start: v.value } : parseJson(v.value);
          return [v.name, viewer.masked ? maskPersonalData(value, v.name) : value];
        }),
      ),
    };
  }

  async definition(definitionKey: string): Promise<DeployedDefinition> {
    const definition = await this.reads.definition(definitionKey);
    if (!definition)
      throw new DomainError(
        'PROCESS_DEFINITION_NOT_FOUND',
        `No process definition ${definitionKey} is known.`,
      );
    return definition;
  }

  /** Per element of one version: tokens there now, completed and terminated passes, open incidents. */
  async heatmap(definitionKey: string, scope: UnitScope): Promise<HeatmapView> {
    // The definition's own record may predate the projection (a model deployed before it was
    // cleared); its instances still say which process and version it is.
    const definition =
      (await this.reads.definition(definitionKey)) ??
      (await this.reads.newestInstanceOf(definitionKey));
    if (!definition)
      throw new DomainError(
        'PROCESS_DEFINITION_NOT_FOUND',
        `No process definition ${definitionKey} is known.`,
      );
    // Counted over the instances of the reader's org subtree only (head office: all).
    const counts = await this.reads.heatmapCounts(definitionKey, scope);
    const elements = new Map<string, HeatmapElementView>();
    const entry = (elementId: string) => {
      let found = elements.get(elementId);
      if (!found) {
        found = { elementId, active: 0, completed: 0, terminated: 0, incidents: 0 };
        elements.set(elementId, found);
      }
      return found;
    };
    for (const row of counts.elements) entry(row.elementId)[row.state] = row.n;
    for (const row of counts.incidents) entry(row.elementId).incidents = row.n;
    return {
      processDefinitionKey: definitionKey,
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      elements: [...elements.values()].sort((a, b) => a.elementId.localeCompare(b.elementId)),
    };
  }

  async incidents(
    query: IncidentQuery,
    scope: UnitScope,
    viewer: Viewer,
  ): Promise<IncidentPageView> {
    const { page, pageSize, ...filter } = query;
    if (!scope.all && scope.unitCodes.length === 0) return { items: [], total: 0, page, pageSize };
    const { rows, total } = await this.reads.incidentPage(filter, scope, { page, pageSize });
    return { items: rows.map((row) => incidentView(row, viewer)), total, page, pageSize };
  }

  /**
   * Retries an incident through the broker: a job out of retries gets them again, then the incident
   * is resolved (the engine retries the element). Audited, with the loan it belongs to.
   */
  async resolve(
    principal: Principal,
    incidentKey: string,
    retries: number | undefined,
  ): Promise<IncidentResolvedView> {
    const incident = await this.reads.incident(incidentKey);
    if (!incident)
      throw new DomainError('INCIDENT_NOT_FOUND', `No incident ${incidentKey} is known.`);
    const instance = await this.reads.instance(incident.processInstanceKey);
    const act = {
      actor: auditActorOf(principal),
      action: 'incident.resolve',
      loanKey: instance?.businessKey ?? null,
    };
    if (incident.state !== 'open') {
      const refusal = new DomainError(
        'INCIDENT_RESOLVED',
        `Incident ${incidentKey} is already resolved.`,
      );
      await this.audit.record({
        ...act,
        outcome: 'refused',
        reason: `${refusal.code}: ${refusal.message}`,
      });
      throw refusal;
    }
    try {
      if (incident.jobKey)
        await this.zeebe.updateJobRetries({ jobKey: incident.jobKey, retries: retries ?? 3 });
      await this.zeebe.resolveIncident({ incidentKey });
    } catch (error) {
      const message = messageOf(error);
      if (/NOT_FOUND/.test(message))
        throw new DomainError(
          'INCIDENT_RESOLVED',
          `The engine no longer has incident ${incidentKey}: ${message}`,
        );
      throw new DomainError(
        'BROKER_UNAVAILABLE',
        `The engine did not resolve the incident: ${message}`,
      );
    }
    await this.audit.record({
      ...act,
      outcome: 'ok',
      reason: `incident ${incidentKey} at ${incident.bpmnProcessId}/${incident.elementId} (${incident.errorType}) resolved${incident.jobKey ? ` with ${retries ?? 3} retries` : ''}: ${incident.errorMessage.slice(0, 300)}`,
    });
    return { incidentKey, resolved: true };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The process and element of a list current_token's index answers alone (a token at an element of
 * one process, in the reader's units, and no other filter); null for the general list.
 */
function tokenFilterOf(query: InstanceQuery): { process: string; elementId: string } | null {
  const others: (keyof InstanceQuery)[] = [
    'version',
    'state',
    'businessKey',
    'startedFrom',
    'startedTo',
    'hasIncident',
    'errorMessage',
    'retriesLeft',
    'variables',
    'assignee',
    'candidateGroup',
    'daysInStepMin',
  ];
  return query.activeElement && query.process && others.every((name) => query[name] === undefined)
    ? { process: query.process, elementId: query.activeElement }
    : null;
}
