import { encrypted } from '../crypto/field-crypto';
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

  /** repayment, early-settlement, advance (applied at a due date), recovery (after write-off). */
  @Column({ type: 'varchar', length: 16, name: 'kind', default: 'repayment' })
  kind!: 'repayment' | 'early-settlement' | 'advance' | 'recovery' | 'part-prepayment';

  /**
   * applied: allocated and posted; pending: received and held in suspense until a second person
   * confirms it (maker-checker); rejected: returned to the payer.
   */
  @Column({ type: 'varchar', length: 12, name: 'state', default: 'applied' })
  state!: 'applied' | 'pending' | 'rejected';

  @Column({ type: 'varchar', length: 64, name: 'confirmed_by', nullable: true })
  confirmedBy!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'confirmed_at', nullable: true })
  confirmedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  /** An auto-debit: the borrower's account it was taken from, the one in force that day. */
  @Column({
    type: 'varchar',
    length: 255,
    name: 'debit_account',
    nullable: true,
    transformer: encrypted('repayment.debit_account'),
  })
  debitAccount?: string | null;

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
  state!: 'open' | 'cured' | 'closed' | 'written-off';

  @Column({ type: 'int', name: 'opened_days_past_due' })
  openedDaysPastDue!: number;

  /** Who holds the work by the loan's days past due: manager (1–30), officer (31–90), legal (91+). */
  @Column({ type: 'varchar', length: 8, name: 'band', default: 'manager' })
  band!: 'manager' | 'officer' | 'legal';

  /** How often the band changed: each change is told to the episode's process once. */
  @Column({ type: 'int', name: 'band_changes', default: 0 })
  bandChanges!: number;

  @Column({ type: 'datetime', precision: 3, name: 'band_since', nullable: true })
  bandSince!: Date | null;

  /** The loan's days past due when the band was last assessed. */
  @Column({ type: 'int', name: 'days_past_due', nullable: true })
  daysPastDue!: number | null;

  @Column({ type: 'datetime', precision: 3, name: 'opened_at' })
  openedAt!: Date;

  @Column({ type: 'datetime', precision: 3, name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'varchar', length: 255, name: 'close_reason', nullable: true })
  closeReason!: string | null;
}

export type LegalMilestoneKind =
  'filed' | 'judgment' | 'enforcement' | 'terminated' | 'settled' | 'no-recoverable-assets';

/** One step of the lawsuit over a loan (诉讼进展), with its date, references and documents. */
@Entity({ name: 'legal_milestone' })
@Index('ix_legal_milestone_loan', ['loanId', 'id'])
@Index('uq_legal_milestone_task', ['taskKey'], { unique: true })
export class LegalMilestoneEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'bigint', name: 'episode_id', nullable: true })
  episodeId!: string | null;

  @Column({ type: 'varchar', length: 24, name: 'milestone' })
  milestone!: LegalMilestoneKind;

  @Column({ type: 'varchar', length: 10, name: 'on_date' })
  onDate!: string;

  @Column({ type: 'varchar', length: 100, name: 'court', nullable: true })
  court!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'case_number', nullable: true })
  caseNumber!: string | null;

  /** The ruling, judgment or notice number. */
  @Column({ type: 'varchar', length: 100, name: 'reference', nullable: true })
  reference!: string | null;

  @Column({ type: 'bigint', name: 'amount_awarded_minor', nullable: true })
  amountAwardedMinor!: string | null;

  @Column({ type: 'bigint', name: 'amount_recovered_minor', nullable: true })
  amountRecoveredMinor!: string | null;

  /** The documents on file for this step: [{kind, reference}]. */
  @Column({ type: 'text', name: 'documents_json' })
  documentsJson!: string;

  @Column({ type: 'varchar', length: 4000, name: 'notes' })
  notes!: string;

  @Column({ type: 'varchar', length: 64, name: 'recorded_by' })
  recordedBy!: string;

  /** The job that stored it: a re-delivered job stores nothing twice. */
  @Column({ type: 'varchar', length: 20, name: 'task_key' })
  taskKey!: string;

  @Column({ type: 'datetime', precision: 3, name: 'recorded_at' })
  recordedAt!: Date;
}
