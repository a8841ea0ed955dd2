import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A deployed process version, from the exporter's PROCESS records (with its BPMN XML). */
@Entity({ name: 'process_definition' })
@Index('uq_process_definition_version', ['bpmnProcessId', 'version'], { unique: true })
export class ProcessDefinitionEntity {
  @PrimaryColumn({ type: 'varchar', length: 20, name: 'process_definition_key' })
  processDefinitionKey!: string;

  @Column({ type: 'varchar', length: 100, name: 'bpmn_process_id' })
  bpmnProcessId!: string;

  @Column({ type: 'int', name: 'version' })
  version!: number;

  @Column({ type: 'varchar', length: 255, name: 'resource_name' })
  resourceName!: string;

  @Column({ type: 'mediumtext', name: 'bpmn_xml' })
  bpmnXml!: string;

  @Column({ type: 'datetime', precision: 3, name: 'deployed_at' })
  deployedAt!: Date;
}

export type InstanceState = 'active' | 'completed' | 'terminated';

/** A process instance as the engine reported it: where it runs, which version, and its state. */
@Entity({ name: 'process_instance' })
@Index('ix_process_instance_definition_state', ['processDefinitionKey', 'state'])
@Index('ix_process_instance_process_state', ['bpmnProcessId', 'version', 'state'])
@Index('ix_process_instance_business_key', ['businessKey'])
@Index('ix_process_instance_branch', ['branchCode', 'startedAt'])
export class ProcessInstanceEntity {
  @PrimaryColumn({ type: 'varchar', length: 20, name: 'process_instance_key' })
  processInstanceKey!: string;

  @Column({ type: 'varchar', length: 100, name: 'bpmn_process_id' })
  bpmnProcessId!: string;

  @Column({ type: 'int', name: 'version' })
  version!: number;

  @Column({ type: 'varchar', length: 20, name: 'process_definition_key' })
  processDefinitionKey!: string;

  @Column({ type: 'varchar', length: 64, name: 'business_key', nullable: true })
  businessKey!: string | null;

  /** The branch of the instance's loan, from the loan register: whose org subtree sees it. */
  @Column({ type: 'varchar', length: 32, name: 'branch_code', nullable: true })
  branchCode!: string | null;

  @Column({ type: 'varchar', length: 12, name: 'state' })
  state!: InstanceState;

  @Column({ type: 'datetime', precision: 3, name: 'started_at' })
  startedAt!: Date;

  @Column({ type: 'datetime', precision: 3, name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  /** Open incidents of the instance, kept by the projector from INCIDENT records. */
  @Column({ type: 'int', name: 'incidents', default: 0 })
  incidents!: number;

  /** The position of the last record applied: an older record never overwrites a newer one. */
  @Column({ type: 'bigint', name: 'last_position' })
  lastPosition!: string;
}

/** Every flow node an instance entered, with its times: the path taken and the tokens now. */
@Entity({ name: 'element_instance' })
@Index('ix_element_instance_instance', ['processInstanceKey', 'state'])
@Index('ix_element_instance_definition_element', ['processDefinitionKey', 'elementId', 'state'])
@Index('ix_element_instance_element_state', ['elementId', 'state', 'processInstanceKey'])
export class ElementInstanceEntity {
  @PrimaryColumn({ type: 'varchar', length: 20, name: 'element_instance_key' })
  elementInstanceKey!: string;

  @Column({ type: 'varchar', length: 20, name: 'process_instance_key' })
  processInstanceKey!: string;

  @Column({ type: 'varchar', length: 20, name: 'process_definition_key' })
  processDefinitionKey!: string;

  @Column({ type: 'varchar', length: 100, name: 'element_id' })
  elementId!: string;

  @Column({ type: 'varchar', length: 40, name: 'element_type' })
  elementType!: string;

  @Column({ type: 'varchar', length: 20, name: 'flow_scope_key' })
  flowScopeKey!: string;

  @Column({ type: 'varchar', length: 12, name: 'state' })
  state!: InstanceState;

  @Column({ type: 'datetime', precision: 3, name: 'started_at' })
  startedAt!: Date;

  @Column({ type: 'datetime', precision: 3, name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'bigint', name: 'last_position' })
  lastPosition!: string;
}

/** An incident the engine raised (a job out of retries, an expression that failed), until resolved. */
@Entity({ name: 'incident' })
@Index('ix_incident_state', ['state', 'createdAt'])
@Index('ix_incident_instance', ['processInstanceKey'])
export class IncidentEntity {
  @PrimaryColumn({ type: 'varchar', length: 20, name: 'incident_key' })
  incidentKey!: string;

  @Column({ type: 'varchar', length: 20, name: 'process_instance_key' })
  processInstanceKey!: string;

  @Column({ type: 'varchar', length: 20, name: 'process_definition_key' })
  processDefinitionKey!: string;

  @Column({ type: 'varchar', length: 100, name: 'bpmn_process_id' })
  bpmnProcessId!: string;

  @Column({ type: 'varchar', length: 100, name: 'element_id' })
  elementId!: string;

  @Column({ type: 'varchar', length: 20, name: 'element_instance_key' })
  elementInstanceKey!: string;

  @Column({ type: 'varchar', length: 20, name: 'job_key', nullable: true })
  jobKey!: string | null;

  @Column({ type: 'varchar', length: 60, name: 'error_type' })
  errorType!: string;

  @Column({ type: 'text', name: 'error_message' })
  errorMessage!: string;

  @Column({ type: 'varchar', length: 12, name: 'state' })
  state!: 'open' | 'resolved';

  @Column({ type: 'datetime', precision: 3, name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, name: 'resolved_at', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'bigint', name: 'last_position' })
  lastPosition!: string;
}

/** A job (service task or user task) as the engine reported it: type, state, retries, worker. */
@Entity({ name: 'job' })
@Index('ix_job_instance', ['processInstanceKey'])
@Index('ix_job_type_state', ['jobType', 'state'])
export class JobEntity {
  @PrimaryColumn({ type: 'varchar', length: 20, name: 'job_key' })
  jobKey!: string;

  @Column({ type: 'varchar', length: 100, name: 'job_type' })
  jobType!: string;

  @Column({ type: 'varchar', length: 20, name: 'process_instance_key' })
  processInstanceKey!: string;

  @Column({ type: 'varchar', length: 100, name: 'element_id' })
  elementId!: string;

  @Column({ type: 'varchar', length: 20, name: 'element_instance_key' })
  elementInstanceKey!: string;

  /** created, completed, failed, error-thrown, timed-out, canceled, retries-updated … (the last intent). */
  @Column({ type: 'varchar', length: 20, name: 'state' })
  state!: string;

  @Column({ type: 'int', name: 'retries' })
  retries!: number;

  @Column({ type: 'varchar', length: 100, name: 'worker', nullable: true })
  worker!: string | null;

  @Column({ type: 'varchar', length: 1000, name: 'error_message', nullable: true })
  errorMessage!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'bigint', name: 'last_position' })
  lastPosition!: string;
}

/** A timer an instance waits on, with its due date. */
@Entity({ name: 'timer' })
@Index('ix_timer_instance', ['processInstanceKey'])
@Index('ix_timer_state_due', ['state', 'dueAt'])
export class TimerEntity {
  @PrimaryColumn({ type: 'varchar', length: 20, name: 'timer_key' })
  timerKey!: string;

  @Column({ type: 'varchar', length: 20, name: 'process_instance_key' })
  processInstanceKey!: string;

  @Column({ type: 'varchar', length: 20, name: 'process_definition_key' })
  processDefinitionKey!: string;

  @Column({ type: 'varchar', length: 100, name: 'element_id' })
  elementId!: string;

  @Column({ type: 'datetime', precision: 3, name: 'due_at' })
  dueAt!: Date;

  @Column({ type: 'int', name: 'repetitions' })
  repetitions!: number;

  /** created, triggered, canceled. */
  @Column({ type: 'varchar', length: 12, name: 'state' })
  state!: string;

  @Column({ type: 'bigint', name: 'last_position' })
  lastPosition!: string;
}

/** A message an instance waits for, by name and correlation key. */
@Entity({ name: 'message_subscription' })
@Index('ix_message_subscription_instance', ['processInstanceKey'])
@Index('ix_message_subscription_name', ['messageName', 'correlationKey'])
export class MessageSubscriptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 20, name: 'subscription_key' })
  subscriptionKey!: string;

  @Column({ type: 'varchar', length: 20, name: 'process_instance_key' })
  processInstanceKey!: string;

  @Column({ type: 'varchar', length: 20, name: 'element_instance_key' })
  elementInstanceKey!: string;

  @Column({ type: 'varchar', length: 100, name: 'element_id' })
  elementId!: string;

  @Column({ type: 'varchar', length: 100, name: 'message_name' })
  messageName!: string;

  @Column({ type: 'varchar', length: 100, name: 'correlation_key' })
  correlationKey!: string;

  /** created, correlated, deleted. */
  @Column({ type: 'varchar', length: 12, name: 'state' })
  state!: string;

  @Column({ type: 'bigint', name: 'last_position' })
  lastPosition!: string;
}

/** A deployment: what was deployed, when. */
@Entity({ name: 'deployment' })
export class DeploymentEntity {
  @PrimaryColumn({ type: 'varchar', length: 20, name: 'deployment_key' })
  deploymentKey!: string;

  /** JSON list of {resourceName, bpmnProcessId | decisionId, version, duplicate}. */
  @Column({ type: 'text', name: 'resources_json' })
  resourcesJson!: string;

  @Column({ type: 'datetime', precision: 3, name: 'deployed_at' })
  deployedAt!: Date;
}

/** A variable of an instance's root scope, its value capped (the whole value stays in the engine). */
@Entity({ name: 'process_variable' })
@Index('uq_process_variable_name', ['processInstanceKey', 'name'], { unique: true })
export class ProcessVariableEntity {
  @PrimaryColumn({ type: 'varchar', length: 20, name: 'variable_key' })
  variableKey!: string;

  @Column({ type: 'varchar', length: 20, name: 'process_instance_key' })
  processInstanceKey!: string;

  @Column({ type: 'varchar', length: 100, name: 'name' })
  name!: string;

  @Column({ type: 'varchar', length: 4000, name: 'value' })
  value!: string;

  @Column({ type: 'tinyint', name: 'truncated' })
  truncated!: number;

  @Column({ type: 'bigint', name: 'last_position' })
  lastPosition!: string;
}

/**
 * The portfolio figures of one org unit's subtree at the end of one business day, kept so that
 * ratios can be shown over time as they were (classifications change; a day's figures do not).
 */
@Entity({ name: 'portfolio_snapshot' })
export class PortfolioSnapshotEntity {
  @PrimaryColumn({ type: 'date', name: 'as_of' })
  asOf!: string;

  @PrimaryColumn({ type: 'varchar', length: 32, name: 'org_unit_code' })
  orgUnitCode!: string;

  /** The portfolio totals and ratios (decimal strings), JSON. */
  @Column({ type: 'text', name: 'portfolio_json' })
  portfolioJson!: string;

  @Column({ type: 'text', name: 'classification_json' })
  classificationJson!: string;

  @Column({ type: 'text', name: 'buckets_json' })
  bucketsJson!: string;

  /** The interest collection rate of the 30 days before the day; null on days kept before it was. */
  @Column({ type: 'text', name: 'collection_json', nullable: true })
  collectionJson!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'taken_at' })
  takenAt!: Date;
}
