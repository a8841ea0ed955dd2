import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { encrypted } from '../crypto/field-crypto';

/**
 * A customer's complaint about a loan (客户投诉). What the customer said and the answer given are
 * free text that may carry identifiers: encrypted like comments. The process carries only the id,
 * the category, the unit, the handler and the deadline.
 */
@Entity({ name: 'complaint' })
@Index('ix_complaint_loan', ['loanId'])
@Index('ix_complaint_unit', ['unitCode', 'status'])
export class ComplaintEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  /** The loan's branch when it was filed: the unit the figures count it under. */
  @Column({ type: 'varchar', length: 32, name: 'unit_code' })
  unitCode!: string;

  @Column({ type: 'varchar', length: 32, name: 'category' })
  category!: string;

  @Column({ type: 'varchar', length: 16, name: 'channel' })
  channel!: string;

  @Column({ type: 'text', name: 'body', transformer: encrypted('complaint.body') })
  body!: string;

  @Column({ type: 'varchar', length: 64, name: 'filed_by' })
  filedBy!: string;

  @Column({ type: 'datetime', precision: 3, name: 'filed_at' })
  filedAt!: Date;

  /** The person who answers at the first level; null: the branch's center managers. */
  @Column({ type: 'varchar', length: 64, name: 'handler', nullable: true })
  handler!: string | null;

  /** handler, branch or head-office: who holds it now. */
  @Column({ type: 'varchar', length: 16, name: 'level' })
  level!: string;

  /** The deadline promised to the customer: late is measured against it. */
  @Column({ type: 'datetime', precision: 3, name: 'due_at' })
  dueAt!: Date;

  @Column({ type: 'varchar', length: 10, name: 'due_on' })
  dueOn!: string;

  /** The deadline of the level that holds it now. */
  @Column({ type: 'datetime', precision: 3, name: 'level_due_at' })
  levelDueAt!: Date;

  @Column({ type: 'int', name: 'working_days' })
  workingDays!: number;

  @Column({ type: 'tinyint', name: 'calendar_covered' })
  calendarCovered!: number;

  @Column({ type: 'varchar', length: 20, name: 'process_instance_key', nullable: true })
  processInstanceKey!: string | null;

  /** open or answered. */
  @Column({ type: 'varchar', length: 16, name: 'status' })
  status!: string;

  @Column({
    type: 'text',
    name: 'answer',
    nullable: true,
    transformer: encrypted('complaint.answer'),
  })
  answer!: string | null;

  /** upheld, partly-upheld or not-upheld. */
  @Column({ type: 'varchar', length: 32, name: 'resolution', nullable: true })
  resolution!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'answered_by', nullable: true })
  answeredBy!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'answered_at', nullable: true })
  answeredAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, name: 'escalated_to_branch_at', nullable: true })
  escalatedToBranchAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, name: 'escalated_to_head_office_at', nullable: true })
  escalatedToHeadOfficeAt!: Date | null;
}

/** A member of staff a complaint is about. */
@Entity({ name: 'complaint_staff' })
@Index('ix_complaint_staff_user', ['username'])
export class ComplaintStaffEntity {
  @PrimaryColumn({ type: 'bigint', name: 'complaint_id' })
  complaintId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64, name: 'username' })
  username!: string;
}

/**
 * A report of suspicious activity (举报) about a loan or a member of staff. Read only by audit:
 * no other route returns it, and the audit trail names it without its loan or subject.
 */
@Entity({ name: 'misconduct_report' })
export class MisconductReportEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  /** loan or staff. */
  @Column({ type: 'varchar', length: 8, name: 'subject_kind' })
  subjectKind!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id', nullable: true })
  loanId!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'staff_username', nullable: true })
  staffUsername!: string | null;

  @Column({ type: 'text', name: 'body', transformer: encrypted('misconduct_report.body') })
  body!: string;

  @Column({ type: 'varchar', length: 64, name: 'filed_by' })
  filedBy!: string;

  @Column({ type: 'datetime', precision: 3, name: 'filed_at' })
  filedAt!: Date;

  /** received, investigating or closed. */
  @Column({ type: 'varchar', length: 16, name: 'status' })
  status!: string;

  @Column({ type: 'varchar', length: 32, name: 'outcome', nullable: true })
  outcome!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'updated_at' })
  updatedAt!: Date;
}

/** One step of a report's handling by audit: the status it moved to, a note, the outcome. */
@Entity({ name: 'misconduct_report_step' })
@Index('ix_report_step_report', ['reportId'])
export class MisconductReportStepEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'bigint', name: 'report_id' })
  reportId!: string;

  @Column({ type: 'varchar', length: 16, name: 'status' })
  status!: string;

  @Column({ type: 'varchar', length: 32, name: 'outcome', nullable: true })
  outcome!: string | null;

  @Column({ type: 'text', name: 'note', transformer: encrypted('misconduct_report_step.note') })
  note!: string;

  @Column({ type: 'varchar', length: 64, name: 'by_user' })
  by!: string;

  @Column({ type: 'datetime', precision: 3, name: 'at' })
  at!: Date;
}

/**
 * A borrower on a unit's key-customer list (重点客户), with the inspection interval the listing
 * calls for. Removal keeps the row (who, when, why).
 */
@Entity({ name: 'key_customer' })
@Index('ix_key_customer_person', ['idNumberIndex', 'removedAt'])
export class KeyCustomerEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  /** Blind index of the ID number (set on write): the look-up when an inspection is planned. */
  @Column({ type: 'char', length: 64, name: 'id_number_index' })
  idNumberIndex!: string;

  @Column({
    type: 'varchar',
    length: 255,
    name: 'id_number',
    transformer: encrypted('key_customer.id_number'),
  })
  idNumber!: string;

  @Column({
    type: 'varchar',
    length: 255,
    name: 'name',
    transformer: encrypted('key_customer.name'),
  })
  name!: string;

  /** The unit whose list it is on (the lister's unit). */
  @Column({ type: 'varchar', length: 32, name: 'unit_code' })
  unitCode!: string;

  @Column({ type: 'varchar', length: 500, name: 'reason' })
  reason!: string;

  @Column({ type: 'int', name: 'inspection_months' })
  inspectionMonths!: number;

  @Column({ type: 'varchar', length: 64, name: 'added_by' })
  addedBy!: string;

  @Column({ type: 'datetime', precision: 3, name: 'added_at' })
  addedAt!: Date;

  @Column({ type: 'varchar', length: 64, name: 'removed_by', nullable: true })
  removedBy!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'removed_at', nullable: true })
  removedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, name: 'removal_reason', nullable: true })
  removalReason!: string | null;
}
