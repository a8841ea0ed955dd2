import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { encrypted } from '../crypto/field-crypto';

/**
 * The loan file register (档案登记簿). One file per loan (按户专夹), filed by the archive officer
 * when the loan ends (settled, refused, written off). Free texts (notes, purposes, findings,
 * reasons) may name people: encrypted like comments.
 */
@Entity({ name: 'archive_file' })
@Index('ix_archive_file_unit', ['unitCode', 'status'])
export class ArchiveFileEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id', unique: true })
  loanId!: string;

  @Column({ type: 'varchar', length: 32, name: 'unit_code' })
  unitCode!: string;

  /** settled, refused or written-off: decides the retention. */
  @Column({ type: 'varchar', length: 16, name: 'kind' })
  kind!: string;

  @Column({ type: 'varchar', length: 48, name: 'reference', unique: true })
  reference!: string;

  @Column({ type: 'varchar', length: 200, name: 'location' })
  location!: string;

  /** The archive officer answerable for the file now (moves with a hand-over). */
  @Column({ type: 'varchar', length: 64, name: 'custodian' })
  custodian!: string;

  /** When the loan ended: the retention runs from here. */
  @Column({ type: 'datetime', precision: 3, name: 'closed_at' })
  closedAt!: Date;

  @Column({ type: 'datetime', precision: 3, name: 'filed_at' })
  filedAt!: Date;

  @Column({ type: 'varchar', length: 64, name: 'filed_by' })
  filedBy!: string;

  /** in-custody, lent or destroyed. */
  @Column({ type: 'varchar', length: 16, name: 'status' })
  status!: string;

  @Column({ type: 'varchar', length: 64, name: 'destruction_requested_by', nullable: true })
  destructionRequestedBy!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'destruction_requested_at', nullable: true })
  destructionRequestedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, name: 'destroyed_at', nullable: true })
  destroyedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, name: 'destruction_approved_by', nullable: true })
  destructionApprovedBy!: string | null;
}

/** One line of the register: what was done to the file, by whom, when. */
@Entity({ name: 'archive_entry' })
@Index('ix_archive_entry_file', ['fileId'])
export class ArchiveEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'bigint', name: 'file_id' })
  fileId!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  /** filed, lent, returned, handed-over, destruction-requested, destruction-refused, destroyed. */
  @Column({ type: 'varchar', length: 32, name: 'act' })
  act!: string;

  @Column({ type: 'varchar', length: 64, name: 'by_user' })
  byUser!: string;

  @Column({ type: 'datetime', precision: 3, name: 'at' })
  at!: Date;

  @Column({ type: 'text', name: 'note', transformer: encrypted('archive_entry.note') })
  note!: string;
}

/** A file lent out (调阅): to whom, why, until when, and when it came back. */
@Entity({ name: 'archive_lending' })
@Index('ix_archive_lending_file', ['fileId'])
@Index('ix_archive_lending_unit', ['unitCode', 'returnedAt'])
export class ArchiveLendingEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'bigint', name: 'file_id' })
  fileId!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'varchar', length: 32, name: 'unit_code' })
  unitCode!: string;

  @Column({ type: 'varchar', length: 64, name: 'borrower' })
  borrower!: string;

  @Column({ type: 'text', name: 'purpose', transformer: encrypted('archive_lending.purpose') })
  purpose!: string;

  @Column({ type: 'varchar', length: 64, name: 'lent_by' })
  lentBy!: string;

  @Column({ type: 'datetime', precision: 3, name: 'lent_at' })
  lentAt!: Date;

  @Column({ type: 'datetime', precision: 3, name: 'due_at' })
  dueAt!: Date;

  @Column({ type: 'varchar', length: 10, name: 'due_on' })
  dueOn!: string;

  @Column({ type: 'int', name: 'working_days' })
  workingDays!: number;

  @Column({ type: 'datetime', precision: 3, name: 'returned_at', nullable: true })
  returnedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, name: 'returned_to', nullable: true })
  returnedTo!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'overdue_notified_at', nullable: true })
  overdueNotifiedAt!: Date | null;

  @Column({ type: 'varchar', length: 20, name: 'process_instance_key', nullable: true })
  processInstanceKey!: string | null;
}

/** An inspection of a unit's archive (档案检查). */
@Entity({ name: 'archive_inspection' })
@Index('ix_archive_inspection_unit', ['unitCode'])
export class ArchiveInspectionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'unit_code' })
  unitCode!: string;

  @Column({ type: 'varchar', length: 64, name: 'inspected_by' })
  inspectedBy!: string;

  @Column({ type: 'datetime', precision: 3, name: 'inspected_at' })
  inspectedAt!: Date;

  /** in-order or issues-found. */
  @Column({ type: 'varchar', length: 16, name: 'result' })
  result!: string;

  @Column({ type: 'int', name: 'files_checked' })
  filesChecked!: number;

  @Column({
    type: 'text',
    name: 'findings',
    transformer: encrypted('archive_inspection.findings'),
  })
  findings!: string;
}

/** A hand-over of files between archive staff (档案移交). */
@Entity({ name: 'archive_handover' })
@Index('ix_archive_handover_unit', ['unitCode'])
export class ArchiveHandoverEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'unit_code' })
  unitCode!: string;

  @Column({ type: 'varchar', length: 64, name: 'from_user' })
  fromUser!: string;

  @Column({ type: 'varchar', length: 64, name: 'to_user' })
  toUser!: string;

  @Column({ type: 'datetime', precision: 3, name: 'handed_at' })
  handedAt!: Date;

  @Column({ type: 'varchar', length: 64, name: 'recorded_by' })
  recordedBy!: string;

  @Column({ type: 'text', name: 'note', transformer: encrypted('archive_handover.note') })
  note!: string;
}

@Entity({ name: 'archive_handover_item' })
export class ArchiveHandoverItemEntity {
  @PrimaryColumn({ type: 'bigint', name: 'handover_id' })
  handoverId!: string;

  @PrimaryColumn({ type: 'bigint', name: 'file_id' })
  fileId!: string;
}

/** A valuable kept in the vault (重要凭证入库保管): a policy, a pledged right, a 他项权证. */
@Entity({ name: 'archive_valuable' })
@Index('ix_archive_valuable_loan', ['loanId'])
@Index('ix_archive_valuable_unit', ['unitCode', 'status'])
export class ArchiveValuableEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'varchar', length: 32, name: 'unit_code' })
  unitCode!: string;

  @Column({ type: 'varchar', length: 64, name: 'collateral_id', nullable: true })
  collateralId!: string | null;

  @Column({ type: 'varchar', length: 32, name: 'kind' })
  kind!: string;

  /** The policy's or certificate's number: encrypted (a certificate number finds a property). */
  @Column({
    type: 'varchar',
    length: 255,
    name: 'reference',
    transformer: encrypted('archive_valuable.reference'),
  })
  reference!: string;

  @Column({ type: 'varchar', length: 500, name: 'description' })
  description!: string;

  @Column({ type: 'varchar', length: 200, name: 'location' })
  location!: string;

  /** in-custody, out or released. */
  @Column({ type: 'varchar', length: 16, name: 'status' })
  status!: string;

  @Column({ type: 'varchar', length: 64, name: 'received_by' })
  receivedBy!: string;

  @Column({ type: 'datetime', precision: 3, name: 'received_at' })
  receivedAt!: Date;
}

/** A valuable's movement: in (received), out with a reason, back, released. */
@Entity({ name: 'archive_valuable_movement' })
@Index('ix_archive_movement_valuable', ['valuableId'])
export class ArchiveValuableMovementEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'bigint', name: 'valuable_id' })
  valuableId!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  /** in, out, back or released. */
  @Column({ type: 'varchar', length: 16, name: 'movement' })
  movement!: string;

  @Column({
    type: 'text',
    name: 'reason',
    transformer: encrypted('archive_valuable_movement.reason'),
  })
  reason!: string;

  @Column({ type: 'varchar', length: 200, name: 'counterpart', nullable: true })
  counterpart!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'by_user' })
  byUser!: string;

  @Column({ type: 'datetime', precision: 3, name: 'at' })
  at!: Date;
}
