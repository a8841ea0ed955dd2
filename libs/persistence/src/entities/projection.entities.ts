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

  @Column({ type: 'varchar', length: 12, name: 'state' })
  state!: InstanceState;

  @Column({ type: 'datetime', precision: 3, name: 'started_at' })
  startedAt!: Date;

  @Column({ type: 'datetime', precision: 3, name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  /** The position of the last record applied: an older record never overwrites a newer one. */
  @Column({ type: 'bigint', name: 'last_position' })
  lastPosition!: string;
}

/** Every flow node an instance entered, with its times: the path taken and the tokens now. */
@Entity({ name: 'element_instance' })
@Index('ix_element_instance_instance', ['processInstanceKey', 'state'])
@Index('ix_element_instance_definition_element', ['processDefinitionKey', 'elementId', 'state'])
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
