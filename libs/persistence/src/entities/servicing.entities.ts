import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A repayment as received, with how it was allocated. Unique per loan and idempotency key: the same
 * request sent again finds the first one. It doubles as the outbox of the repayment message: an
 * unpublished row is published again until the broker takes it.
 */
@Entity({ name: 'repayment' })
@Index('uq_repayment_idempotency', ['loanId', 'idempotencyKey'], { unique: true })
@Index('ix_repayment_unpublished', ['publishedAt'])
export class RepaymentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'varchar', length: 64, name: 'idempotency_key' })
  idempotencyKey!: string;

  @Column({ type: 'bigint', name: 'amount_minor' })
  amountMinor!: string;

  @Column({ type: 'datetime', precision: 3, name: 'paid_at' })
  paidAt!: Date;

  @Column({ type: 'varchar', length: 16, name: 'channel' })
  channel!: string;

  /** The allocation lines (penalty, interest, principal by installment), JSON. */
  @Column({ type: 'text', name: 'allocation_json' })
  allocationJson!: string;

  /** What exceeded the amounts due and was not applied. */
  @Column({ type: 'bigint', name: 'unapplied_minor' })
  unappliedMinor!: string;

  @Column({ type: 'varchar', length: 48, name: 'txn_id' })
  txnId!: string;

  @Column({ type: 'varchar', length: 64, name: 'recorded_by' })
  recordedBy!: string;

  @Column({ type: 'datetime', precision: 3, name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  @CreateDateColumn({ type: 'datetime', precision: 3, name: 'created_at' })
  createdAt!: Date;
}

/** The five-level classification of a loan over time: level, why, who or which rule, when. */
@Entity({ name: 'loan_classification' })
@Index('ix_loan_classification_loan', ['loanId', 'decidedAt'])
export class LoanClassificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'varchar', length: 16, name: 'level' })
  level!: string;

  @Column({ type: 'varchar', length: 16, name: 'previous_level' })
  previousLevel!: string;

  @Column({ type: 'int', name: 'days_past_due' })
  daysPastDue!: number;

  /** rule, inspection, warning or manual. */
  @Column({ type: 'varchar', length: 16, name: 'source' })
  source!: string;

  @Column({ type: 'varchar', length: 500, name: 'reason' })
  reason!: string;

  @Column({ type: 'varchar', length: 64, name: 'actor' })
  actor!: string;

  @Column({ type: 'datetime', precision: 3, name: 'decided_at' })
  decidedAt!: Date;
}

/** One overdue episode (逾期催收): opened by a missed installment, ended by a cure or the legal path. */
@Entity({ name: 'collection_episode' })
@Index('uq_collection_episode_open', ['openKey'], { unique: true })
@Index('ix_collection_episode_loan', ['loanId'])
export class CollectionEpisodeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  /** The loan id while the episode is open, null after: at most one open episode per loan. */
  @Column({ type: 'varchar', length: 32, name: 'open_key', nullable: true })
  openKey!: string | null;

  @Column({ type: 'varchar', length: 12, name: 'state' })
  state!: 'open' | 'cured' | 'closed';

  @Column({ type: 'int', name: 'opened_days_past_due' })
  openedDaysPastDue!: number;

  @Column({ type: 'datetime', precision: 3, name: 'opened_at' })
  openedAt!: Date;

  @Column({ type: 'datetime', precision: 3, name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'varchar', length: 255, name: 'close_reason', nullable: true })
  closeReason!: string | null;
}
