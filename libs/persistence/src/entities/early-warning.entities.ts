import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { encrypted } from '../crypto/field-crypto';

/**
 * A warning level head office sets on a figure (总行警戒水平). Every change is a new row: the one
 * with `currentKey` (the figure) is in force, the older ones are the history (who set what, when,
 * why), closed by `supersededAt`.
 */
@Entity({ name: 'figure_threshold' })
@Index('uq_figure_threshold_current', ['currentKey'], { unique: true })
export class FigureThresholdEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'figure' })
  figure!: string;

  /** The level as a ratio, four places (0.0500 is 5%). */
  @Column({ type: 'varchar', length: 8, name: 'value' })
  value!: string;

  @Column({ type: 'varchar', length: 32, name: 'current_key', nullable: true })
  currentKey!: string | null;

  @Column({ type: 'varchar', length: 500, name: 'reason' })
  reason!: string;

  @Column({ type: 'varchar', length: 64, name: 'set_by' })
  setBy!: string;

  @Column({ type: 'datetime', precision: 3, name: 'set_at' })
  setAt!: Date;

  @Column({ type: 'datetime', precision: 3, name: 'superseded_at', nullable: true })
  supersededAt!: Date | null;
}

/**
 * A unit's figure past its level. Open (one per unit and figure, `openKey`) while the figure stays
 * past it: the evaluation that finds it opens it and starts the center manager's task once;
 * later evaluations leave it be. It clears when the figure comes back, so the next crossing is a
 * new row and a new task. The action plan is free text: encrypted.
 */
@Entity({ name: 'threshold_crossing' })
@Index('uq_threshold_crossing_open', ['openKey'], { unique: true })
@Index('ix_threshold_crossing_unit', ['orgUnitCode', 'figure'])
export class ThresholdCrossingEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'org_unit_code' })
  orgUnitCode!: string;

  @Column({ type: 'varchar', length: 32, name: 'figure' })
  figure!: string;

  @Column({ type: 'bigint', name: 'threshold_id' })
  thresholdId!: string;

  @Column({ type: 'varchar', length: 8, name: 'threshold_value' })
  thresholdValue!: string;

  /** The figure when it crossed, four places. */
  @Column({ type: 'varchar', length: 8, name: 'value' })
  value!: string;

  @Column({ type: 'varchar', length: 10, name: 'as_of' })
  asOf!: string;

  /** The loans behind the figure (their ids, at most 50). */
  @Column({ type: 'text', name: 'loans_json' })
  loansJson!: string;

  @Column({ type: 'varchar', length: 80, name: 'open_key', nullable: true })
  openKey!: string | null;

  @Column({ type: 'varchar', length: 16, name: 'state' })
  state!: 'open' | 'cleared';

  @Column({ type: 'datetime', precision: 3, name: 'crossed_at' })
  crossedAt!: Date;

  @Column({ type: 'datetime', precision: 3, name: 'cleared_at', nullable: true })
  clearedAt!: Date | null;

  @Column({
    type: 'text',
    name: 'action_plan',
    nullable: true,
    transformer: encrypted('threshold_crossing.action_plan'),
  })
  actionPlan!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'answered_by', nullable: true })
  answeredBy!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'answered_at', nullable: true })
  answeredAt!: Date | null;

  /** When the broker took the message that starts the task (the row is its outbox). */
  @Column({ type: 'datetime', precision: 3, name: 'published_at', nullable: true })
  publishedAt!: Date | null;
}

/**
 * One early-warning feed check of one loan's party: a bureau refresh (the report kept, encrypted:
 * it is about a person) or a look-up on the courts' dishonest-debtor list (by blind index). The
 * dedupe key makes a repeated check of the same round (a job delivered twice) one row.
 */
@Entity({ name: 'feed_check' })
@Index('uq_feed_check_dedupe', ['dedupeKey'], { unique: true })
@Index('ix_feed_check_loan', ['loanId', 'feed'])
export class FeedCheckEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'varchar', length: 16, name: 'feed' })
  feed!: 'bureau-refresh' | 'dishonest-list';

  @Column({ type: 'varchar', length: 16, name: 'party_role' })
  partyRole!: 'applicant' | 'guarantor';

  @Column({ type: 'bigint', name: 'party_id' })
  partyId!: string;

  @Column({ type: 'varchar', length: 160, name: 'dedupe_key' })
  dedupeKey!: string;

  @Column({ type: 'varchar', length: 10, name: 'checked_on' })
  checkedOn!: string;

  @Column({ type: 'varchar', length: 32, name: 'source' })
  source!: string;

  @Column({ type: 'varchar', length: 8, name: 'outcome' })
  outcome!: 'clear' | 'hit';

  @Column({ type: 'varchar', length: 8, name: 'level', nullable: true })
  level!: string | null;

  @Column({ type: 'varchar', length: 1000, name: 'reasons' })
  reasons!: string;

  /** The bureau's report or the list entry found, JSON; encrypted. */
  @Column({ type: 'text', name: 'report', transformer: encrypted('feed_check.report') })
  report!: string;

  @Column({ type: 'bigint', name: 'warning_id', nullable: true })
  warningId!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'checked_at' })
  checkedAt!: Date;
}
