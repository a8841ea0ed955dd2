import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A part prepayment (部分提前还款) from the customer manager's request, through the reviewer's
 * decision, to its posting: the principal asked, the borrower's option, and what was posted.
 */
@Entity({ name: 'loan_prepayment' })
@Index('uq_loan_prepayment_open', ['openKey'], { unique: true })
@Index('ix_loan_prepayment_loan', ['loanId'])
export class LoanPrepaymentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  /** The loan id while the request is undecided: one at a time per loan. */
  @Column({ type: 'varchar', length: 32, name: 'open_key', nullable: true })
  openKey!: string | null;

  /** The principal to pay down, in fen. */
  @Column({ type: 'bigint', name: 'amount_minor' })
  amountMinor!: string;

  /** shorten-term (same installment) or reduce-installment (same maturity). */
  @Column({ type: 'varchar', length: 24, name: 'option' })
  option!: 'shorten-term' | 'reduce-installment';

  @Column({ type: 'varchar', length: 16, name: 'channel' })
  channel!: string;

  @Column({ type: 'varchar', length: 64, name: 'requested_by' })
  requestedBy!: string;

  @Column({ type: 'datetime', precision: 3, name: 'requested_at' })
  requestedAt!: Date;

  /** requested, posted (money taken, schedule revised) or refused. */
  @Column({ type: 'varchar', length: 12, name: 'state' })
  state!: 'requested' | 'posted' | 'refused';

  /** The quote the request was made on (JSON, amounts as decimal strings). */
  @Column({ type: 'text', name: 'quote_json' })
  quoteJson!: string;

  @Column({ type: 'varchar', length: 20, name: 'process_instance_key', nullable: true })
  processInstanceKey!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'decided_by', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'varchar', length: 2000, name: 'outcome', nullable: true })
  outcome!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  /** Once posted: the business day, and what was taken (fen). */
  @Column({ type: 'varchar', length: 10, name: 'posted_on', nullable: true })
  postedOn!: string | null;

  @Column({ type: 'bigint', name: 'interest_minor', nullable: true })
  interestMinor!: string | null;

  @Column({ type: 'bigint', name: 'fee_minor', nullable: true })
  feeMinor!: string | null;

  /** Once posted: the repayment row that carries the allocation, and the ledger transaction. */
  @Column({ type: 'bigint', name: 'repayment_id', nullable: true })
  repaymentId!: string | null;

  @Column({ type: 'varchar', length: 48, name: 'txn_id', nullable: true })
  txnId!: string | null;
}

/**
 * An installment as it stood before a revision replaced it (part prepayment): the schedule's
 * history, since loan_installment holds only the schedule in force.
 */
@Entity({ name: 'loan_installment_history' })
@Index('ix_loan_installment_history_loan', ['loanId', 'replacedBy'])
export class LoanInstallmentHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'int', name: 'number' })
  number!: number;

  @Column({ type: 'varchar', length: 10, name: 'due_date' })
  dueDate!: string;

  @Column({ type: 'bigint', name: 'payment_minor' })
  paymentMinor!: string;

  @Column({ type: 'bigint', name: 'principal_minor' })
  principalMinor!: string;

  @Column({ type: 'bigint', name: 'interest_minor' })
  interestMinor!: string;

  @Column({ type: 'bigint', name: 'balance_minor' })
  balanceMinor!: string;

  @Column({ type: 'bigint', name: 'principal_paid_minor' })
  principalPaidMinor!: string;

  @Column({ type: 'bigint', name: 'interest_paid_minor' })
  interestPaidMinor!: string;

  /** What replaced it, e.g. prepayment:12. */
  @Column({ type: 'varchar', length: 48, name: 'replaced_by' })
  replacedBy!: string;

  @Column({ type: 'datetime', precision: 3, name: 'replaced_at' })
  replacedAt!: Date;
}
