import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import { DomainError, messageOf } from '@loanflow/domain';
import { auditActorOf, Principal, UnitScope } from '@loanflow/identity';
import { maskName, maskPersonalData, maskPersonalText } from '@loanflow/loans';
import {
  ElementInstanceEntity,
  IncidentEntity,
  MessageSubscriptionEntity,
  onlyRow,
  ProcessDefinitionEntity,
  ProcessInstanceEntity,
  ProcessVariableEntity,
  TimerEntity,
} from '@loanflow/persistence';
import { BusinessClock, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { elementNamesOf } from './element-names';
import type { IncidentQuery, InstanceQuery } from './monitor.queries';
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

function instanceView(row: ProcessInstanceEntity): InstanceView {
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

/** Elements that hold tokens of their own children: never where an instance waits. */
const CONTAINERS = new Set(['SUB_PROCESS', 'EVENT_SUB_PROCESS', 'MULTI_INSTANCE_BODY', 'PROCESS']);

/** How a reader sees personal data: masked unless they serve the customer. */
export interface Viewer {
  masked: boolean;
}

function incidentView(row: IncidentEntity, viewer: Viewer): IncidentView {
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
    private readonly dataSource: DataSource,
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
    const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    if (!scope.all && scope.unitCodes.length === 0) return empty;
    if (answersFromTokens(query)) return this.instancesAtElement(query, scope, viewer);
    const qb = this.dataSource.getRepository(ProcessInstanceEntity).createQueryBuilder('p');
    if (!scope.all) qb.andWhere('p.branch_code IN (:...units)', { units: scope.unitCodes });
    if (query.process) qb.andWhere('p.bpmn_process_id = :process', { process: query.process });
    if (query.version) qb.andWhere('p.version = :version', { version: query.version });
    if (query.state) qb.andWhere('p.state = :state', { state: query.state });
    if (query.businessKey)
      qb.andWhere('p.business_key = :businessKey', { businessKey: query.businessKey });
    if (query.startedFrom)
      qb.andWhere('p.started_at >= :from', { from: new Date(query.startedFrom) });
    if (query.startedTo) qb.andWhere('p.started_at < :to', { to: new Date(query.startedTo) });
    if (query.hasIncident !== undefined)
      qb.andWhere(query.hasIncident ? 'p.incidents > 0' : 'p.incidents = 0');
    if (query.activeElement)
      qb.andWhere(
        `p.process_instance_key IN (SELECT e.process_instance_key FROM current_token e
           WHERE e.element_id = :element)`,
        { element: query.activeElement },
      );
    if (query.errorMessage)
      qb.andWhere(
        `p.process_instance_key IN (SELECT i.process_instance_key FROM incident i
           WHERE i.state = 'open' AND i.error_message LIKE :errorMessage)`,
        { errorMessage: `%${likeEscaped(query.errorMessage)}%` },
      );
    if (query.retriesLeft !== undefined)
      qb.andWhere(
        `p.process_instance_key ${query.retriesLeft ? '' : 'NOT'} IN (SELECT j.process_instance_key FROM job j
           WHERE j.ended_at IS NULL AND j.error_message IS NOT NULL AND j.retries > 0)`,
      );
    Object.entries(query.variables ?? {}).forEach(([name, value], index) => {
      // Kept as the exporter gave it: JSON text; a string filter also matches a bare text value.
      const values = [JSON.stringify(value), ...(typeof value === 'string' ? [value] : [])];
      qb.andWhere(
        `p.process_instance_key IN (SELECT v.process_instance_key FROM process_variable v
           WHERE v.name = :varName${index} AND v.value IN (:...varValues${index}))`,
        { [`varName${index}`]: name, [`varValues${index}`]: values },
      );
    });
    if (query.assignee || query.candidateGroup) {
      const group = query.candidateGroup ? likeEscaped(query.candidateGroup) : null;
      qb.andWhere(
        `p.process_instance_key IN (SELECT t.process_instance_key FROM user_task t
           WHERE t.state = 'open'${query.assignee ? ' AND t.assignee = :assignee' : ''}${
             group
               ? ' AND (t.candidate_groups LIKE :groupExact OR t.candidate_groups LIKE :groupUnit)'
               : ''
           })`,
        {
          assignee: query.assignee,
          groupExact: `%"${group}"%`,
          groupUnit: `%"${group}:%`,
        },
      );
    }
    if (query.daysInStepMin !== undefined) {
      const since = new Date((await this.clock.now()).getTime() - query.daysInStepMin * 86_400_000);
      qb.andWhere(
        `p.process_instance_key IN (SELECT e.process_instance_key FROM element_instance e
           WHERE e.state = 'active' AND e.element_type NOT IN (:...containers) AND e.started_at <= :since)`,
        { containers: [...CONTAINERS], since },
      );
    }
    // Only instances the engine has reported itself (a business key can arrive first).
    qb.andWhere('p.last_position > 0');
    const [rows, total] = await qb
      .orderBy('p.started_at', 'DESC')
      .addOrderBy('p.process_instance_key', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return {
      items: await this.withWhereAndWho(rows, viewer),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * "Instances with a token at element X of process P" (in the reader's units), from current_token's
   * index alone: the page is read in the list's order and the count is a range count, the instance
   * rows are then read by key. An instance with two tokens there (a loop, a multi-instance) counts
   * once, as in the general list.
   */
  private async instancesAtElement(
    query: InstanceQuery,
    scope: UnitScope,
    viewer: Viewer,
  ): Promise<InstancePageView> {
    const where = [
      't.bpmn_process_id = ?',
      't.element_id = ?',
      ...(scope.all ? [] : ['t.branch_code IN (?)']),
    ].join(' AND ');
    const params = [query.process, query.activeElement, ...(scope.all ? [] : [scope.unitCodes])];
    const [keyRows, totals] = await Promise.all([
      this.dataSource.query<{ instanceKey: string }[]>(
        `SELECT DISTINCT t.instance_started_at, t.process_instance_key AS instanceKey
           FROM current_token t FORCE INDEX (ix_current_token_element)
          WHERE ${where}
          ORDER BY t.instance_started_at DESC, t.process_instance_key DESC
          LIMIT ? OFFSET ?`,
        [...params, query.pageSize, (query.page - 1) * query.pageSize],
      ),
      this.dataSource.query<{ total: string }[]>(
        `SELECT COUNT(DISTINCT t.process_instance_key) AS total
           FROM current_token t FORCE INDEX (ix_current_token_element) WHERE ${where}`,
        params,
      ),
    ]);
    const { total } = onlyRow(totals, 'instances at an element');
    const keys = keyRows.map((row) => row.instanceKey);
    const rows = keys.length
      ? await this.dataSource
          .getRepository(ProcessInstanceEntity)
          .findBy({ processInstanceKey: In(keys) })
      : [];
    const byKey = new Map(rows.map((row) => [row.processInstanceKey, row]));
    const ordered = keys
      .map((key) => byKey.get(key))
      .filter((row): row is ProcessInstanceEntity => !!row);
    return {
      items: await this.withWhereAndWho(ordered, viewer),
      total: Number(total),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * Each instance of a page with its borrower (the loan's applicant), the steps where it waits
   * (named as the model names them) and who holds its open tasks: three queries for the page.
   */
  private async withWhereAndWho(
    rows: ProcessInstanceEntity[],
    viewer: Viewer,
  ): Promise<InstanceListItemView[]> {
    if (rows.length === 0) return [];
    const keys = rows.map((row) => row.processInstanceKey);
    const loanIds = [
      ...new Set(rows.map((row) => row.businessKey).filter((k): k is string => !!k)),
    ];
    const [active, tasks, borrowers] = await Promise.all([
      this.dataSource.query<
        {
          instanceKey: string;
          definitionKey: string;
          elementId: string;
          elementType: string;
          startedAt: Date | null;
        }[]
      >(
        `SELECT process_instance_key AS instanceKey, process_definition_key AS definitionKey,
                element_id AS elementId, element_type AS elementType, started_at AS startedAt
           FROM element_instance
          WHERE process_instance_key IN (?) AND state = 'active'
          ORDER BY started_at ASC, element_instance_key ASC`,
        [keys],
      ),
      this.dataSource.query<{ instanceKey: string; assignee: string }[]>(
        `SELECT process_instance_key AS instanceKey, assignee FROM user_task
          WHERE process_instance_key IN (?) AND state = 'open' AND assignee IS NOT NULL
          ORDER BY created_at ASC`,
        [keys],
      ),
      loanIds.length
        ? this.dataSource.query<{ loanId: string; name: string }[]>(
            `SELECT loan_id AS loanId, name FROM loan_party
              WHERE loan_id IN (?) AND role = 'applicant'`,
            [loanIds],
          )
        : Promise.resolve([]),
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
      const definitions = await this.dataSource
        .getRepository(ProcessDefinitionEntity)
        .find({ where: missing.map((processDefinitionKey) => ({ processDefinitionKey })) });
      for (const definition of definitions)
        this.namesByDefinition.set(
          definition.processDefinitionKey,
          elementNamesOf(definition.bpmnXml),
        );
    }
    return this.namesByDefinition;
  }

  async instance(key: string, viewer: Viewer): Promise<InstanceDetailView> {
    const instance = await this.dataSource
      .getRepository(ProcessInstanceEntity)
      .findOneBy({ processInstanceKey: key });
    if (!instance || instance.lastPosition === '0')
      throw new DomainError(
        'INSTANCE_NOT_FOUND',
        `No process instance ${key} has been reported by the engine.`,
      );
    const [elements, incidents, timers, subscriptions, variables] = await Promise.all([
      this.dataSource.getRepository(ElementInstanceEntity).find({
        where: { processInstanceKey: key },
        order: { startedAt: 'ASC', lastPosition: 'ASC' },
      }),
      this.dataSource
        .getRepository(IncidentEntity)
        .find({ where: { processInstanceKey: key }, order: { createdAt: 'ASC' } }),
      this.dataSource
        .getRepository(TimerEntity)
        .find({ where: { processInstanceKey: key, state: 'created' }, order: { dueAt: 'ASC' } }),
      this.dataSource
        .getRepository(MessageSubscriptionEntity)
        .find({ where: { processInstanceKey: key, state: 'created' } }),
      this.dataSource
        .getRepository(ProcessVariableEntity)
        .find({ where: { processInstanceKey: key }, order: { name: 'ASC' } }),
    ]);
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

  async definition(definitionKey: string) {
    const definition = await this.dataSource
      .getRepository(ProcessDefinitionEntity)
      .findOneBy({ processDefinitionKey: definitionKey });
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
      (await this.dataSource
        .getRepository(ProcessDefinitionEntity)
        .findOneBy({ processDefinitionKey: definitionKey })) ??
      (await this.dataSource.getRepository(ProcessInstanceEntity).findOne({
        where: { processDefinitionKey: definitionKey },
        order: { lastPosition: 'DESC' },
      }));
    if (!definition)
      throw new DomainError(
        'PROCESS_DEFINITION_NOT_FOUND',
        `No process definition ${definitionKey} is known.`,
      );
    // Counted over the instances of the reader's org subtree only (head office: all).
    const inScope = scope.all
      ? { join: '', where: '', params: [] as unknown[] }
      : {
          join: 'JOIN process_instance p ON p.process_instance_key = x.process_instance_key',
          where: 'AND p.branch_code IN (?)',
          params: [scope.unitCodes.length ? scope.unitCodes : ['']],
        };
    const [counts, incidents] = await Promise.all([
      this.dataSource.query<{ elementId: string; state: string; n: string }[]>(
        `SELECT x.element_id AS elementId, x.state, COUNT(*) AS n FROM element_instance x ${inScope.join}
          WHERE x.process_definition_key = ? ${inScope.where} GROUP BY x.element_id, x.state`,
        [definitionKey, ...inScope.params],
      ),
      this.dataSource.query<{ elementId: string; n: string }[]>(
        `SELECT x.element_id AS elementId, COUNT(*) AS n FROM incident x ${inScope.join}
          WHERE x.process_definition_key = ? AND x.state = 'open' ${inScope.where} GROUP BY x.element_id`,
        [definitionKey, ...inScope.params],
      ),
    ]);
    const elements = new Map<string, HeatmapElementView>();
    const entry = (elementId: string) => {
      let found = elements.get(elementId);
      if (!found) {
        found = { elementId, active: 0, completed: 0, terminated: 0, incidents: 0 };
        elements.set(elementId, found);
      }
      return found;
    };
    for (const row of counts) {
      const state = row.state as 'active' | 'completed' | 'terminated';
      entry(row.elementId)[state] = Number(row.n);
    }
    for (const row of incidents) entry(row.elementId).incidents = Number(row.n);
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
    if (!scope.all && scope.unitCodes.length === 0)
      return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    const qb = this.dataSource
      .getRepository(IncidentEntity)
      .createQueryBuilder('i')
      .where('i.state = :state', { state: query.state });
    if (query.process) qb.andWhere('i.bpmn_process_id = :process', { process: query.process });
    if (query.errorMessage)
      qb.andWhere('i.error_message LIKE :errorMessage', {
        errorMessage: `%${likeEscaped(query.errorMessage)}%`,
      });
    if (!scope.all)
      qb.andWhere(
        `i.process_instance_key IN (SELECT p.process_instance_key FROM process_instance p
          WHERE p.branch_code IN (:...units))`,
        { units: scope.unitCodes },
      );
    const [rows, total] = await qb
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.incident_key', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return {
      items: rows.map((row) => incidentView(row, viewer)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
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
    const incident = await this.dataSource.getRepository(IncidentEntity).findOneBy({ incidentKey });
    if (!incident)
      throw new DomainError('INCIDENT_NOT_FOUND', `No incident ${incidentKey} is known.`);
    const instance = await this.dataSource
      .getRepository(ProcessInstanceEntity)
      .findOneBy({ processInstanceKey: incident.processInstanceKey });
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

/** Text for a LIKE pattern: its own % and _ match themselves. */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Filters current_token's index answers alone: a token at an element of one process, in the reader's units. */
function answersFromTokens(query: InstanceQuery): boolean {
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
  return (
    !!query.activeElement && !!query.process && others.every((name) => query[name] === undefined)
  );
}
