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
