import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** `deciding`: taken by the second person, the broker not yet answered. */
export type ModificationStatus = 'pending' | 'deciding' | 'applied' | 'refused' | 'failed';

/**
 * A modification of a running instance as requested (the instructions and the dry run's plan),
 * and what became of it: applied by the broker once a second person approved, refused, or failed.
 */
@Entity({ name: 'instance_modification' })
export class InstanceModificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 20, name: 'process_instance_key' })
  processInstanceKey!: string;

  @Column({ type: 'varchar', length: 100, name: 'bpmn_process_id' })
  bpmnProcessId!: string;

  @Column({ type: 'varchar', length: 20, name: 'process_definition_key' })
  processDefinitionKey!: string;

  @Column({ type: 'varchar', length: 64, name: 'loan_id', nullable: true })
  loanId!: string | null;

  /** The instance's branch when requested: whose managers may see and approve it. */
  @Column({ type: 'varchar', length: 32, name: 'branch_code', nullable: true })
  branchCode!: string | null;

  @Column({ type: 'text', name: 'instructions_json' })
  instructionsJson!: string;

  @Column({ type: 'text', name: 'plan_json' })
  planJson!: string;

  @Column({ type: 'varchar', length: 500, name: 'reason' })
  reason!: string;

  @Column({ type: 'varchar', length: 12, name: 'status' })
  status!: ModificationStatus;

  @Column({ type: 'varchar', length: 64, name: 'requested_by' })
  requestedBy!: string;

  @Column({ type: 'datetime', precision: 3, name: 'requested_at' })
  requestedAt!: Date;

  @Column({ type: 'varchar', length: 64, name: 'decided_by', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'decided_at', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, name: 'decision_note', nullable: true })
  decisionNote!: string | null;

  @Column({ type: 'varchar', length: 1000, name: 'failure', nullable: true })
  failure!: string | null;
}

export type BatchAction = 'retry' | 'cancel' | 'migrate';
export type BatchStatus = 'pending' | 'running' | 'done' | 'refused';

/** One item of a batch: an incident or an instance, with what the act did to it. */
export interface BatchItem {
  key: string;
  processInstanceKey: string;
  loanId: string | null;
  branchCode: string | null;
  result: 'waiting' | 'ok' | 'failed';
  message: string | null;
}

/** A batch of retries, cancellations or migrations, with its progress and per-item results. */
@Entity({ name: 'batch_operation' })
export class BatchOperationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 12, name: 'action' })
  action!: BatchAction;

  @Column({ type: 'varchar', length: 12, name: 'status' })
  status!: BatchStatus;

  @Column({ type: 'varchar', length: 500, name: 'reason' })
  reason!: string;

  @Column({ type: 'varchar', length: 20, name: 'target_definition_key', nullable: true })
  targetDefinitionKey!: string | null;

  @Column({ type: 'mediumtext', name: 'items_json' })
  itemsJson!: string;

  @Column({ type: 'int', name: 'total' })
  total!: number;

  @Column({ type: 'int', name: 'done', default: 0 })
  done!: number;

  @Column({ type: 'int', name: 'failed', default: 0 })
  failed!: number;

  @Column({ type: 'varchar', length: 64, name: 'requested_by' })
  requestedBy!: string;

  @Column({ type: 'datetime', precision: 3, name: 'requested_at' })
  requestedAt!: Date;

  @Column({ type: 'varchar', length: 64, name: 'decided_by', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'decided_at', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, name: 'finished_at', nullable: true })
  finishedAt!: Date | null;
}
