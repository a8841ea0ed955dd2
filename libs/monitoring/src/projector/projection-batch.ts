import { ExportedRecord } from '@loanflow/workflow';
import {
  BusinessKeyRow,
  businessKeyOf,
  decisionEvaluationRowOf,
  DecisionEvaluationRow,
  deploymentRowOf,
  ElementRow,
  elementRowOf,
  IncidentRow,
  incidentRowOf,
  JobRow,
  jobRowOf,
  processDefinitionOf,
  SubscriptionRow,
  subscriptionRowOf,
  TimerRow,
  timerRowOf,
  VariableRow,
  variableRowOf,
} from './projection-rows';

/** One batch's records sorted into the rows each table takes. */
export class ProjectionBatch {
  readonly elements: ElementRow[] = [];
  readonly businessKeys: BusinessKeyRow[] = [];
  readonly definitions: NonNullable<ReturnType<typeof processDefinitionOf>>[] = [];
  readonly incidents: IncidentRow[] = [];
  readonly jobs: JobRow[] = [];
  readonly timers: TimerRow[] = [];
  readonly subscriptions: SubscriptionRow[] = [];
  readonly deployments: NonNullable<ReturnType<typeof deploymentRowOf>>[] = [];
  readonly variables: VariableRow[] = [];
  readonly decisions: DecisionEvaluationRow[] = [];

  /** Nothing to write: every record given was of a kind the projection keeps nothing of. */
  get empty(): boolean {
    return [
      this.elements,
      this.businessKeys,
      this.definitions,
      this.incidents,
      this.jobs,
      this.timers,
      this.subscriptions,
      this.deployments,
      this.variables,
      this.decisions,
    ].every((rows) => rows.length === 0);
  }

  add(record: ExportedRecord): void {
    const push = <T>(list: T[], row: T | null) => {
      if (row) list.push(row);
    };
    switch (record.valueType) {
      case 'PROCESS_INSTANCE':
        return push(this.elements, elementRowOf(record));
      case 'PROCESS':
        return push(this.definitions, processDefinitionOf(record));
      case 'VARIABLE':
        push(this.businessKeys, businessKeyOf(record));
        return push(this.variables, variableRowOf(record));
      case 'INCIDENT':
        return push(this.incidents, incidentRowOf(record));
      case 'JOB':
        return push(this.jobs, jobRowOf(record));
      case 'TIMER':
        return push(this.timers, timerRowOf(record));
      case 'PROCESS_MESSAGE_SUBSCRIPTION':
        return push(this.subscriptions, subscriptionRowOf(record));
      case 'DEPLOYMENT':
        return push(this.deployments, deploymentRowOf(record));
      case 'DECISION_EVALUATION':
        return push(this.decisions, decisionEvaluationRowOf(record));
    }
  }

  /**
   * Instances whose current tokens may have changed: an element moved, the instance row itself moved
   * (its start, its process after a migration) or its business key brought its branch.
   */
  instancesWithTokenNews(): string[] {
    return [
      ...new Set([
        ...this.elements.map((row) =>
          row.elementType === 'PROCESS' ? row.key : row.processInstanceKey,
        ),
        ...this.businessKeys.map((row) => row.processInstanceKey),
      ]),
    ];
  }

  /** Instances whose open-incident count may have changed: an incident moved, or the row is new. */
  instancesWithIncidentNews(): string[] {
    return [
      ...new Set([
        ...this.incidents.map((row) => row.processInstanceKey),
        ...this.elements.filter((row) => row.elementType === 'PROCESS').map((row) => row.key),
      ]),
    ];
  }
}
