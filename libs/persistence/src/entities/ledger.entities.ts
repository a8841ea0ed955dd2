import { encrypted } from '../crypto/field-crypto';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

/** An account of the simulated core-banking ledger. */
@Entity({ name: 'ledger_account' })
export class LedgerAccountEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'code' })
  code!: string;

  @Column({ type: 'varchar', length: 100, name: 'name' })
  name!: string;

  /** asset (a loan receivable), customer (a deposit account), clearing (the bank's settlement account). */
  @Column({ type: 'varchar', length: 16, name: 'kind' })
  kind!: 'asset' | 'customer' | 'clearing';

  @Column({ type: 'char', length: 3, name: 'currency' })
  currency!: string;

  /**
   * Debits minus credits, in minor units; for a bank-wide (clearing) account, the part posted
   * before its balance was kept in slots: its balance is this plus its `ledger_balance_slot` rows.
   */
  @Column({ type: 'bigint', name: 'balance_minor' })
  balanceMinor!: string;

  @CreateDateColumn({ type: 'datetime', precision: 3, name: 'created_at' })
  createdAt!: Date;
}

/**
 * Part of a bank-wide account's balance: the postings of the loans that fall in this slot. Kept
 * apart so that payments on different loans do not queue on one balance row.
 */
@Entity({ name: 'ledger_balance_slot' })
export class LedgerBalanceSlotEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'account_code' })
  accountCode!: string;

  @PrimaryColumn({ type: 'tinyint', unsigned: true, name: 'slot' })
  slot!: number;

  /** Debits minus credits, in minor units. */
  @Column({ type: 'bigint', name: 'balance_minor' })
  balanceMinor!: string;
}

/** One side of a balanced posting; a transaction's entries share its txn id and sum to zero. */
@Entity({ name: 'ledger_entry' })
@Index('ix_ledger_entry_txn', ['txnId'])
@Index('ix_ledger_entry_loan', ['loanId'])
export class LedgerEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 48, name: 'txn_id' })
  txnId!: string;

  @Column({ type: 'varchar', length: 64, name: 'account_code' })
  accountCode!: string;

  @Column({ type: 'varchar', length: 6, name: 'side' })
  side!: 'debit' | 'credit';

  @Column({ type: 'bigint', name: 'amount_minor' })
  amountMinor!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id', nullable: true })
  loanId!: string | null;

  @Column({ type: 'varchar', length: 255, name: 'memo' })
  memo!: string;

  @CreateDateColumn({ type: 'datetime', precision: 3, name: 'posted_at' })
  postedAt!: Date;
}

/** The one payout of a loan. Its primary key is the loan id: a second payout cannot be written. */
@Entity({ name: 'disbursement' })
export class DisbursementEntity {
  @PrimaryColumn({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'varchar', length: 48, name: 'txn_id' })
  txnId!: string;

  @Column({ type: 'bigint', name: 'amount_minor' })
  amountMinor!: string;

  @Column({ type: 'varchar', length: 16, name: 'payment_method' })
  paymentMethod!: string;

  @Column({
    type: 'varchar',
    length: 255,
    name: 'payee_account',
    transformer: encrypted('disbursement.payee_account'),
  })
  payeeAccount!: string;

  @Column({ type: 'varchar', length: 100, name: 'payee_name' })
  payeeName!: string;

  @Column({ type: 'varchar', length: 20, name: 'job_key', nullable: true })
  jobKey!: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 3, name: 'disbursed_at' })
  disbursedAt!: Date;
}

/**
 * Money held for a borrower that the loan no longer needs (paid beyond what it owed, found when it
 * settles): due back to them until a refund is paid on record, never kept silently.
 */
@Entity({ name: 'loan_refund' })
@Index('ix_loan_refund_loan', ['loanId', 'state'])
@Index('uq_loan_refund_idempotency', ['loanId', 'idempotencyKey'], { unique: true })
export class LoanRefundEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'bigint', name: 'amount_minor' })
  amountMinor!: string;

  /** due: owed to the borrower; paid: paid back. */
  @Column({ type: 'varchar', length: 8, name: 'state' })
  state!: 'due' | 'paid';

  @Column({ type: 'varchar', length: 500, name: 'reason' })
  reason!: string;

  @Column({ type: 'datetime', precision: 3, name: 'due_at' })
  dueAt!: Date;

  @Column({ type: 'varchar', length: 64, name: 'idempotency_key', nullable: true })
  idempotencyKey!: string | null;

  @Column({
    type: 'varchar',
    length: 255,
    name: 'payee_account',
    nullable: true,
    transformer: encrypted('loan_refund.payee_account'),
  })
  payeeAccount!: string | null;

  @Column({ type: 'varchar', length: 48, name: 'txn_id', nullable: true })
  txnId!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'paid_by', nullable: true })
  paidBy!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'paid_at', nullable: true })
  paidAt!: Date | null;
}
