import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** pending: the broker is being (or was) asked; done: settled with its audit entry; void: the engine ended the task instead. */
export type CompletionOutboxState = 'pending' | 'done' | 'void';

/** One person's intended completion of a user-task job, unique by the job key. */
@Entity({ name: 'task_completion_outbox' })
@Index('ix_task_completion_outbox_state', ['state', 'createdAt'])
export class TaskCompletionOutboxEntity {
  @PrimaryColumn({ type: 'varchar', length: 20, name: 'job_key' })
  jobKey!: string;

  @Column({ type: 'varchar', length: 12, name: 'state' })
  state!: CompletionOutboxState;

  @Column({ type: 'varchar', length: 64, name: 'username' })
  username!: string;

  /** The audit actor (name, roles, unit) as at the request. */
  @Column({ type: 'varchar', length: 2000, name: 'actor_json' })
  actorJson!: string;

  /** The answer as submitted, kept only until settled (then cleared). */
  @Column({ type: 'mediumtext', name: 'answer_json', nullable: true })
  answerJson!: string | null;

  @Column({ type: 'char', length: 64, name: 'answer_digest' })
  answerDigest!: string;

  /** The business time of the completion (what a form's own record carries). */
  @Column({ type: 'datetime', precision: 3, name: 'completed_at' })
  completedAt!: Date;

  @Column({ type: 'datetime', precision: 3, name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, name: 'settled_at', nullable: true })
  settledAt!: Date | null;

  /** Who settled it: the request itself, the reconciler, or a sweeper. */
  @Column({ type: 'varchar', length: 100, name: 'settled_by', nullable: true })
  settledBy!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'claimed_by', nullable: true })
  claimedBy!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'claimed_until', nullable: true })
  claimedUntil!: Date | null;
}
