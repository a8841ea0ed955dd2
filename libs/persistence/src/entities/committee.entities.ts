import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One round of the credit committee's vote on a loan (贷审会表决): the motion (the terms the level
 * below approved, as loan_decision recorded them), the seats, who was recused and why, the deadline
 * and, once counted, the result. A round without quorum may be followed by another.
 */
@Entity({ name: 'committee_vote' })
@Index('uq_committee_vote_round', ['loanId', 'processInstanceKey', 'round'], { unique: true })
export class CommitteeVoteEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'varchar', length: 20, name: 'process_instance_key' })
  processInstanceKey!: string;

  @Column({ type: 'int', name: 'round' })
  round!: number;

  /** The org unit whose committee votes (head office for the demo bank). */
  @Column({ type: 'varchar', length: 32, name: 'unit_code' })
  unitCode!: string;

  /** The loan_decision the motion puts to the vote: the lower level's approval. */
  @Column({ type: 'bigint', name: 'motion_decision_id' })
  motionDecisionId!: string;

  @Column({ type: 'bigint', name: 'motion_amount_minor' })
  motionAmountMinor!: string;

  @Column({ type: 'int', name: 'motion_term_months' })
  motionTermMonths!: number;

  @Column({ type: 'varchar', length: 12, name: 'motion_annual_rate' })
  motionAnnualRate!: string;

  @Column({ type: 'tinyint', name: 'motion_counter_offer', default: 0 })
  motionCounterOffer!: number;

  /** The members holding a seat in this round, by user name (JSON array). */
  @Column({ type: 'text', name: 'seats_json' })
  seatsJson!: string;

  /** Members of the committee without a seat on this loan: [{member, reason}] (JSON). */
  @Column({ type: 'text', name: 'recused_json' })
  recusedJson!: string;

  /** The quorum, majority and minimum in force when the round opened (JSON). */
  @Column({ type: 'varchar', length: 255, name: 'rules_json' })
  rulesJson!: string;

  @Column({ type: 'datetime', precision: 3, name: 'opened_at' })
  openedAt!: Date;

  @Column({ type: 'datetime', precision: 3, name: 'deadline_at' })
  deadlineAt!: Date;

  /** approved | rejected | no-quorum, once counted. */
  @Column({ type: 'varchar', length: 16, name: 'result', nullable: true })
  result!: string | null;

  @Column({ type: 'text', name: 'count_json', nullable: true })
  countJson!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'closed_at', nullable: true })
  closedAt!: Date | null;
}

/** A member's ballot in one round: one per member, with the reasons they gave. */
@Entity({ name: 'committee_ballot' })
@Index('uq_committee_ballot_member', ['voteId', 'member'], { unique: true })
export class CommitteeBallotEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'bigint', name: 'vote_id' })
  voteId!: string;

  @Column({ type: 'varchar', length: 64, name: 'member' })
  member!: string;

  /** approve | reject */
  @Column({ type: 'varchar', length: 8, name: 'ballot' })
  ballot!: string;

  @Column({ type: 'text', name: 'reasons' })
  reasons!: string;

  @Column({ type: 'varchar', length: 20, name: 'task_id' })
  taskId!: string;

  @Column({ type: 'datetime', precision: 3, name: 'cast_at' })
  castAt!: Date;
}
