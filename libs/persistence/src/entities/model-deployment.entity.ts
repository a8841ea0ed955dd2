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

  @Column({ type: 'varchar', length: 64, name: 'deployed_by' })
  deployedBy!: string;

  @CreateDateColumn({ type: 'datetime', precision: 3, name: 'deployed_at' })
  deployedAt!: Date;
}
