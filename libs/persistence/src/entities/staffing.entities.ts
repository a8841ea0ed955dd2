import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An absence a member of staff declared (leave, training, a business trip): while it lasts, work
 * that would be theirs alone goes to their deputy when the deputy may do it.
 */
@Entity({ name: 'user_absence' })
@Index('ix_user_absence_user', ['username', 'endsOn'])
@Index('ix_user_absence_start', ['startsOn', 'claimedMovedAt'])
export class UserAbsenceEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 64, name: 'username' })
  username!: string;

  @Column({ type: 'varchar', length: 64, name: 'deputy' })
  deputy!: string;

  /** First and last business day away, YYYY-MM-DD (Beijing), both included. */
  @Column({ type: 'varchar', length: 10, name: 'starts_on' })
  startsOn!: string;

  @Column({ type: 'varchar', length: 10, name: 'ends_on' })
  endsOn!: string;

  @Column({ type: 'varchar', length: 255, name: 'reason' })
  reason!: string;

  @Column({ type: 'varchar', length: 64, name: 'declared_by' })
  declaredBy!: string;

  @CreateDateColumn({ type: 'datetime', precision: 3, name: 'declared_at' })
  declaredAt!: Date;

  /** When the tasks the person had claimed were moved at the absence's start (once). */
  @Column({ type: 'datetime', precision: 3, name: 'claimed_moved_at', nullable: true })
  claimedMovedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, name: 'cancelled_at', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'varchar', length: 64, name: 'cancelled_by', nullable: true })
  cancelledBy!: string | null;
}

/** 岗位交接: one member of staff's loans and open tasks handed to a successor in one act. */
@Entity({ name: 'handover' })
@Index('ix_handover_from', ['fromUser'])
export class HandoverEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 64, name: 'from_user' })
  fromUser!: string;

  @Column({ type: 'varchar', length: 64, name: 'to_user' })
  toUser!: string;

  @Column({ type: 'varchar', length: 500, name: 'reason' })
  reason!: string;

  /** The unit whose loans were handed over (the manager's scope when it was done). */
  @Column({ type: 'varchar', length: 32, name: 'org_unit_code' })
  orgUnitCode!: string;

  @Column({ type: 'varchar', length: 64, name: 'handed_by' })
  handedBy!: string;

  @CreateDateColumn({ type: 'datetime', precision: 3, name: 'handed_at' })
  handedAt!: Date;
}

/** What one handover moved, or could not move and why. */
@Entity({ name: 'handover_item' })
@Index('ix_handover_item_handover', ['handoverId'])
@Index('ix_handover_item_loan', ['loanId'])
export class HandoverItemEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'bigint', name: 'handover_id' })
  handoverId!: string;

  @Column({ type: 'varchar', length: 8, name: 'kind' })
  kind!: 'loan' | 'task';

  @Column({ type: 'varchar', length: 32, name: 'loan_id', nullable: true })
  loanId!: string | null;

  @Column({ type: 'varchar', length: 20, name: 'task_id', nullable: true })
  taskId!: string | null;

  /** moved: to the successor; released: to the task's group pool; kept: left as it was. */
  @Column({ type: 'varchar', length: 10, name: 'outcome' })
  outcome!: 'moved' | 'released' | 'kept';

  @Column({ type: 'varchar', length: 500, name: 'detail', nullable: true })
  detail!: string | null;
}
