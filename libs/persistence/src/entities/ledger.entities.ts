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

  /** Debits minus credits, in minor units. */
  @Column({ type: 'bigint', name: 'balance_minor' })
  balanceMinor!: string;

  @CreateDateColumn({ type: 'datetime', precision: 3, name: 'created_at' })
  createdAt!: Date;
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

  @Column({ type: 'varchar', length: 64, name: 'payee_account' })
  payeeAccount!: string;

  @Column({ type: 'varchar', length: 100, name: 'payee_name' })
  payeeName!: string;

  @Column({ type: 'varchar', length: 20, name: 'job_key', nullable: true })
  jobKey!: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 3, name: 'disbursed_at' })
  disbursedAt!: Date;
}
