import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { UnitScope } from '@loanflow/identity';
import {
  ElementInstanceEntity,
  IncidentEntity,
  InstanceState,
  JobEntity,
  MessageSubscriptionEntity,
  onlyRow,
  ProcessDefinitionEntity,
  ProcessInstanceEntity,
  ProcessVariableEntity,
  TimerEntity,
} from '@loanflow/persistence';
import { instanceVariables } from './instance-variables';
import type { IncidentQuery, InstanceQuery } from './monitor.requests';

/** Elements that hold tokens of their own children: never where an instance waits. */
export const CONTAINERS = new Set([
  'SUB_PROCESS',
  'EVENT_SUB_PROCESS',
  'MULTI_INSTANCE_BODY',
  'PROCESS',
]);

/** A process instance as the projection keeps it. */
export interface ProjectedInstance {
  processInstanceKey: string;
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  businessKey: string | null;
  /** The branch of its loan: whose managers see it and operate on it. */
  branchCode: string | null;
  state: InstanceState;
  startedAt: Date;
  endedAt: Date | null;
  /** Its open incidents. */
  incidents: number;
  /** '0' while only its business key has arrived: the engine has not reported it yet. */
  lastPosition: string;
}

/** A deployed process version with its model. */
export interface DeployedDefinition {
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  resourceName: string;
  deployedAt: Date;
  bpmnXml: string;
}

export interface ProjectedElement {
  elementInstanceKey: string;
  elementId: string;
  elementType: string;
  flowScopeKey: string;
  state: InstanceState;
  startedAt: Date;
  endedAt: Date | null;
}

export interface ProjectedIncident {
  incidentKey: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  elementInstanceKey: string;
  jobKey: string | null;
  errorType: string;
  errorMessage: string;
  state: 'open' | 'resolved';
  createdAt: Date;
  resolvedAt: Date | null;
}

export interface PendingTimer {
  elementId: string;
  dueAt: Date;
  repetitions: number;
}

export interface PendingSubscription {
  elementId: string;
  messageName: string;
  correlationKey: string;
}

/** A root variable: its JSON text as the exporter gave it, cut short when `truncated` is 1. */
export interface ProjectedVariable {
  name: string;
  value: string;
  truncated: number;
}

/** What one instance's page shows besides the instance itself. */
export interface InstanceRecords {
  /** Every element entered, oldest first. */
  elements: ProjectedElement[];
  incidents: ProjectedIncident[];
  /** Timers still to fire, soonest first. */
  timers: PendingTimer[];
  /** Messages still awaited. */
  subscriptions: PendingSubscription[];
  /** By name. */
  variables: ProjectedVariable[];
}

/** An element of a listed instance that has a token now (containers included). */
export interface ActiveElement {
  instanceKey: string;
  definitionKey: string;
  elementId: string;
  elementType: string;
  startedAt: Date | null;
}

export interface TaskHolder {
  instanceKey: string;
  assignee: string;
}

export interface LoanApplicant {
  loanId: string;
  name: string;
}

export interface Page {
  page: number;
  pageSize: number;
}

/**
 * The general list's filters: the request's, with "days in its step" already turned into the
 * moment a step must have started by (the service owns the business clock).
 */
export type InstanceFilter = Omit<InstanceQuery, 'page' | 'pageSize' | 'daysInStepMin'> & {
  waitingSince?: Date;
};

export type IncidentFilter = Omit<IncidentQuery, 'page' | 'pageSize'>;

/** Per element of a version, in the reader's units. */
export interface HeatmapCounts {
  elements: { elementId: string; state: InstanceState; n: number }[];
  /** Open incidents. */
  incidents: { elementId: string; n: number }[];
}

/**
 * What the monitor reads of the engine's projection. An abstract class so that it is both the
 * injection token and the shape a unit spec's fake implements.
 */
export abstract class MonitorReads {
  /**
   * One page of the instances the filters match among those of the reader's units (newest first),
   * with how many match in all. Only instances the engine has reported itself.
   */
  abstract instancePage(
    filter: InstanceFilter,
    scope: UnitScope,
    page: Page,
  ): Promise<{ rows: ProjectedInstance[]; total: number }>;
  /**
   * The keys of one page of the instances of `process` with a token at `elementId` in the reader's
   * units, in the list's order, and how many there are: each instance once however many tokens.
   */
  abstract instanceKeysAtElement(
    process: string,
    elementId: string,
    scope: UnitScope,
    page: Page,
  ): Promise<{ keys: string[]; total: number }>;
  /** These instances, in no particular order. */
  abstract instancesByKey(keys: string[]): Promise<ProjectedInstance[]>;
  abstract instance(key: string): Promise<ProjectedInstance | null>;
  /** The newest-reported instance of a version. */
  abstract newestInstanceOf(definitionKey: string): Promise<ProjectedInstance | null>;
  abstract instanceRecords(key: string): Promise<InstanceRecords>;
  /** Active elements of these instances, oldest token first. */
  abstract activeElements(instanceKeys: string[]): Promise<ActiveElement[]>;
  /** Who holds the open tasks of these instances, longest-held first (pooled tasks left out). */
  abstract taskHolders(instanceKeys: string[]): Promise<TaskHolder[]>;
  abstract applicants(loanIds: string[]): Promise<LoanApplicant[]>;
  abstract definition(definitionKey: string): Promise<DeployedDefinition | null>;
  abstract definitions(definitionKeys: string[]): Promise<DeployedDefinition[]>;
  /** Counted over the instances of the reader's org subtree only (head office: all). */
  abstract heatmapCounts(definitionKey: string, scope: UnitScope): Promise<HeatmapCounts>;
  /** One page of the incidents in the reader's units (newest first), with how many match in all. */
  abstract incidentPage(
    filter: IncidentFilter,
    scope: UnitScope,
    page: Page,
  ): Promise<{ rows: ProjectedIncident[]; total: number }>;
  abstract incident(incidentKey: string): Promise<ProjectedIncident | null>;
  /** The type of the job the engine reported under `jobKey`, or null when none was. */
  abstract jobType(jobKey: string): Promise<string | null>;
  /** The instance's root variables as projected (JSON values, text when not JSON). */
  abstract variables(processInstanceKey: string): Promise<Record<string, unknown>>;
}

/** The projection's SQL for the monitor (MySQL/MariaDB). */
@Injectable()
export class SqlMonitorReads extends MonitorReads {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async instancePage(
    query: InstanceFilter,
    scope: UnitScope,
    page: Page,
  ): Promise<{ rows: ProjectedInstance[]; total: number }> {
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
    if (query.waitingSince)
      qb.andWhere(
        `p.process_instance_key IN (SELECT e.process_instance_key FROM element_instance e
           WHERE e.state = 'active' AND e.element_type NOT IN (:...containers) AND e.started_at <= :since)`,
        { containers: [...CONTAINERS], since: query.waitingSince },
      );
    // Only instances the engine has reported itself (a business key can arrive first).
    qb.andWhere('p.last_position > 0');
    const [rows, total] = await qb
      .orderBy('p.started_at', 'DESC')
      .addOrderBy('p.process_instance_key', 'DESC')
      .skip((page.page - 1) * page.pageSize)
      .take(page.pageSize)
      .getManyAndCount();
    return { rows, total };
  }

  /**
   * From current_token's index alone: the page is read in the list's order and the count is a
   * range count.
   */
  async instanceKeysAtElement(
    process: string,
    elementId: string,
    scope: UnitScope,
    page: Page,
  ): Promise<{ keys: string[]; total: number }> {
    const where = [
      't.bpmn_process_id = ?',
      't.element_id = ?',
      ...(scope.all ? [] : ['t.branch_code IN (?)']),
    ].join(' AND ');
    const params = [process, elementId, ...(scope.all ? [] : [scope.unitCodes])];
    const [keyRows, totals] = await Promise.all([
      this.dataSource.query<{ instanceKey: string }[]>(
        `SELECT DISTINCT t.instance_started_at, t.process_instance_key AS instanceKey
           FROM current_token t FORCE INDEX (ix_current_token_element)
          WHERE ${where}
          ORDER BY t.instance_started_at DESC, t.process_instance_key DESC
          LIMIT ? OFFSET ?`,
        [...params, page.pageSize, (page.page - 1) * page.pageSize],
      ),
      this.dataSource.query<{ total: string }[]>(
        `SELECT COUNT(DISTINCT t.process_instance_key) AS total
           FROM current_token t FORCE INDEX (ix_current_token_element) WHERE ${where}`,
        params,
      ),
    ]);
    const { total } = onlyRow(totals, 'instances at an element');
    return { keys: keyRows.map((row) => row.instanceKey), total: Number(total) };
  }

  instancesByKey(keys: string[]): Promise<ProjectedInstance[]> {
    // An empty page of keys needs no query.
    return keys.length
      ? this.dataSource
          .getRepository(ProcessInstanceEntity)
          .findBy({ processInstanceKey: In(keys) })
      : Promise.resolve([]);
  }

  instance(key: string): Promise<ProjectedInstance | null> {
    return this.dataSource
      .getRepository(ProcessInstanceEntity)
      .findOneBy({ processInstanceKey: key });
  }

  newestInstanceOf(definitionKey: string): Promise<ProjectedInstance | null> {
    return this.dataSource.getRepository(ProcessInstanceEntity).findOne({
      where: { processDefinitionKey: definitionKey },
      order: { lastPosition: 'DESC' },
    });
  }

  async instanceRecords(key: string): Promise<InstanceRecords> {
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
    return { elements, incidents, timers, subscriptions, variables };
  }

  activeElements(instanceKeys: string[]): Promise<ActiveElement[]> {
    return this.dataSource.query<ActiveElement[]>(
      `SELECT process_instance_key AS instanceKey, process_definition_key AS definitionKey,
              element_id AS elementId, element_type AS elementType, started_at AS startedAt
         FROM element_instance
        WHERE process_instance_key IN (?) AND state = 'active'
        ORDER BY started_at ASC, element_instance_key ASC`,
      [instanceKeys],
    );
  }

  taskHolders(instanceKeys: string[]): Promise<TaskHolder[]> {
    return this.dataSource.query<TaskHolder[]>(
      `SELECT process_instance_key AS instanceKey, assignee FROM user_task
        WHERE process_instance_key IN (?) AND state = 'open' AND assignee IS NOT NULL
        ORDER BY created_at ASC`,
      [instanceKeys],
    );
  }

  applicants(loanIds: string[]): Promise<LoanApplicant[]> {
    // `IN ()` is not SQL: a page without loans needs no query.
    return loanIds.length
      ? this.dataSource.query<LoanApplicant[]>(
          `SELECT loan_id AS loanId, name FROM loan_party
            WHERE loan_id IN (?) AND role = 'applicant'`,
          [loanIds],
        )
      : Promise.resolve([]);
  }

  definition(definitionKey: string): Promise<DeployedDefinition | null> {
    return this.dataSource
      .getRepository(ProcessDefinitionEntity)
      .findOneBy({ processDefinitionKey: definitionKey });
  }

  definitions(definitionKeys: string[]): Promise<DeployedDefinition[]> {
    // An empty list of conditions would match every version.
    if (!definitionKeys.length) return Promise.resolve([]);
    return this.dataSource
      .getRepository(ProcessDefinitionEntity)
      .find({ where: definitionKeys.map((processDefinitionKey) => ({ processDefinitionKey })) });
  }

  async heatmapCounts(definitionKey: string, scope: UnitScope): Promise<HeatmapCounts> {
    const inScope = scope.all
      ? { join: '', where: '', params: [] as unknown[] }
      : {
          join: 'JOIN process_instance p ON p.process_instance_key = x.process_instance_key',
          where: 'AND p.branch_code IN (?)',
          // `IN ()` is not SQL; a reader of no unit counts nothing.
          params: [scope.unitCodes.length ? scope.unitCodes : ['']],
        };
    const [counts, incidents] = await Promise.all([
      this.dataSource.query<{ elementId: string; state: InstanceState; n: string }[]>(
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
    return {
      elements: counts.map((row) => ({ ...row, n: Number(row.n) })),
      incidents: incidents.map((row) => ({ ...row, n: Number(row.n) })),
    };
  }

  async incidentPage(
    query: IncidentFilter,
    scope: UnitScope,
    page: Page,
  ): Promise<{ rows: ProjectedIncident[]; total: number }> {
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
      .skip((page.page - 1) * page.pageSize)
      .take(page.pageSize)
      .getManyAndCount();
    return { rows, total };
  }

  incident(incidentKey: string): Promise<ProjectedIncident | null> {
    return this.dataSource.getRepository(IncidentEntity).findOneBy({ incidentKey });
  }

  async jobType(jobKey: string): Promise<string | null> {
    const job = await this.dataSource.getRepository(JobEntity).findOneBy({ jobKey });
    return job?.jobType ?? null;
  }

  variables(processInstanceKey: string): Promise<Record<string, unknown>> {
    return instanceVariables(this.dataSource, processInstanceKey);
  }
}

/** Text for a LIKE pattern: its own % and _ match themselves. */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
