import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who deployed which model version, from which file content: the designers' release record. */
@Entity({ name: 'model_deployment' })
@Index('ix_model_deployment_resource', ['resourceId', 'version'])
export class ModelDeploymentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  /** The BPMN process id or DMN decision id. */
  @Column({ type: 'varchar', length: 100, name: 'resource_id' })
  resourceId!: string;

  @Column({ type: 'varchar', length: 8, name: 'kind' })
  kind!: 'process' | 'decision';

  @Column({ type: 'int', name: 'version' })
  version!: number;

  /** The engine's key of the process definition or decision. */
  @Column({ type: 'varchar', length: 20, name: 'definition_key' })
  definitionKey!: string;

  @Column({ type: 'varchar', length: 255, name: 'file_name' })
  fileName!: string;

  /** SHA-256 of the file deployed. */
  @Column({ type: 'char', length: 64, name: 'checksum' })
  checksum!: string;

  /** Who asked for the release (or ran the installer's deploy). */
  @Column({ type: 'varchar', length: 64, name: 'deployed_by' })
  deployedBy!: string;

  /** The second person who approved the release (null for the installer's own deploy). */
  @Column({ type: 'varchar', length: 64, name: 'approved_by', nullable: true })
  approvedBy!: string | null;

  @Column({ type: 'bigint', name: 'release_id', nullable: true })
  releaseId!: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 3, name: 'deployed_at' })
  deployedAt!: Date;
}

export type ModelReleaseState = 'pending' | 'deploying' | 'deployed' | 'rejected';

/**
 * A checked model release waiting for a second person (four eyes): a process designer asks, another
 * designer or an admin (never the one who asked) approves it before it reaches the broker, or
 * rejects it. The files are kept as asked, so what is approved is exactly what was checked.
 */
@Entity({ name: 'model_release' })
@Index('ix_model_release_state', ['state', 'requestedAt'])
export class ModelReleaseEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 12, name: 'state' })
  state!: ModelReleaseState;

  @Column({ type: 'varchar', length: 64, name: 'requested_by' })
  requestedBy!: string;

  @Column({ type: 'datetime', precision: 3, name: 'requested_at' })
  requestedAt!: Date;

  /** The files as handed in: [{name, content}]. */
  @Column({ type: 'longtext', name: 'files_json' })
  filesJson!: string;

  /** The resources the files hold, with their checksums (from the check). */
  @Column({ type: 'text', name: 'resources_json' })
  resourcesJson!: string;

  /** The check's warnings at the request (a release with errors is never stored). */
  @Column({ type: 'mediumtext', name: 'report_json' })
  reportJson!: string;

  @Column({ type: 'varchar', length: 1000, name: 'request_note', nullable: true })
  requestNote!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'decided_by', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'decided_at', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'varchar', length: 1000, name: 'decision_reason', nullable: true })
  decisionReason!: string | null;

  /** What the broker deployed, once approved. */
  @Column({ type: 'text', name: 'deployed_json', nullable: true })
  deployedJson!: string | null;
}
