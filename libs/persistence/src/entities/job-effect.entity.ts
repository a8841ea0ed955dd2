import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per business effect a worker has produced (a payout, a ledger entry, a notice). Its
 * unique (scope, effect_key) is what makes a job delivered twice produce the effect once.
 */
@Entity({ name: 'job_effect' })
@Index('uq_job_effect_scope_key', ['scope', 'effectKey'], { unique: true })
export class JobEffectEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 100, name: 'scope' })
  scope!: string;

  @Column({ type: 'varchar', length: 191, name: 'effect_key' })
  effectKey!: string;

  /** The job that produced it first (the Zeebe job key, an int64 kept as a string). */
  @Column({ type: 'varchar', length: 20, name: 'job_key', nullable: true })
  jobKey!: string | null;

  /** What the effect returned, replayed to a duplicate delivery. */
  @Column({ type: 'text', name: 'result_json', nullable: true })
  resultJson!: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 3, name: 'created_at' })
  createdAt!: Date;
}
