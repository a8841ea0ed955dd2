import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

/**
 * One post-loan inspection (贷后检查) of a loan, as planned and as reported. Numbered per loan: a
 * re-delivered planning job finds the row it planned before.
 */
@Entity({ name: 'loan_inspection' })
@Index('uq_loan_inspection_number', ['loanId', 'number'], { unique: true })
export class LoanInspectionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'int', name: 'number' })
  number!: number;

  @Column({ type: 'varchar', length: 12, name: 'kind' })
  kind!: 'first' | 'periodic';

  /** Business dates (Beijing), YYYY-MM-DD. */
  @Column({ type: 'date', name: 'opens_on' })
  opensOn!: string;

  @Column({ type: 'date', name: 'due_on' })
  dueOn!: string;

  @Column({ type: 'int', name: 'interval_months', nullable: true })
  intervalMonths!: number | null;

  /** When the deadline passed without a report, and the lateness was escalated. */
  @Column({ type: 'datetime', precision: 3, name: 'escalated_at', nullable: true })
  escalatedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'date', name: 'completed_on', nullable: true })
  completedOn!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'inspector', nullable: true })
  inspector!: string | null;

  /** The report as the officer gave it, JSON. */
  @Column({ type: 'text', name: 'report_json', nullable: true })
  reportJson!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'planned_at' })
  plannedAt!: Date;
}

/** A risk warning (风险预警) on a loan: its level, where it came from, and how it ended. */
@Entity({ name: 'risk_warning' })
@Index('uq_risk_warning_open', ['openKey'], { unique: true })
@Index('ix_risk_warning_loan', ['loanId'])
export class RiskWarningEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  /** The loan id while the warning is open, null after: at most one open warning per loan. */
  @Column({ type: 'varchar', length: 32, name: 'open_key', nullable: true })
  openKey!: string | null;

  @Column({ type: 'varchar', length: 8, name: 'level' })
  level!: 'yellow' | 'orange' | 'red';

  @Column({ type: 'varchar', length: 24, name: 'signal' })
  signal!: string;

  @Column({ type: 'varchar', length: 1000, name: 'description' })
  description!: string;

  @Column({ type: 'varchar', length: 64, name: 'raised_by' })
  raisedBy!: string;

  @Column({ type: 'datetime', precision: 3, name: 'raised_at' })
  raisedAt!: Date;

  @Column({ type: 'varchar', length: 12, name: 'state' })
  state!: 'open' | 'resolved' | 'superseded';

  /** The warning that replaced this one at a higher level. */
  @Column({ type: 'bigint', name: 'superseded_by', nullable: true })
  supersededBy!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'varchar', length: 1000, name: 'resolution', nullable: true })
  resolution!: string | null;

  /** Set once the broker took the start message (the row is the outbox until then). */
  @Column({ type: 'datetime', precision: 3, name: 'published_at', nullable: true })
  publishedAt!: Date | null;
}

/** A loan written off (核销): what was written off, on whose approval, and its ledger transaction. */
@Entity({ name: 'loan_write_off' })
export class LoanWriteOffEntity {
  @PrimaryColumn({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'bigint', name: 'principal_minor' })
  principalMinor!: string;

  @Column({ type: 'bigint', name: 'interest_minor' })
  interestMinor!: string;

  @Column({ type: 'varchar', length: 64, name: 'approved_by' })
  approvedBy!: string;

  @Column({ type: 'varchar', length: 1000, name: 'reason' })
  reason!: string;

  @Column({ type: 'varchar', length: 48, name: 'txn_id' })
  txnId!: string;

  @Column({ type: 'datetime', precision: 3, name: 'written_off_at' })
  writtenOffAt!: Date;
}

/** The accountability review (责任认定) of a loss: the dossier the committee decides on, and its decision. */
@Entity({ name: 'accountability_case' })
export class AccountabilityCaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'mediumtext', name: 'dossier_json' })
  dossierJson!: string;

  @Column({ type: 'datetime', precision: 3, name: 'built_at' })
  builtAt!: Date;

  @Column({ type: 'text', name: 'decision_json', nullable: true })
  decisionJson!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'decided_by', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'decided_at', nullable: true })
  decidedAt!: Date | null;

  @CreateDateColumn({ type: 'datetime', precision: 3, name: 'created_at' })
  createdAt!: Date;
}

/** A request to extend (展期) or restructure (重组) a loan, through its approval to its effect. */
@Entity({ name: 'loan_restructuring' })
@Index('uq_loan_restructuring_open', ['openKey'], { unique: true })
@Index('ix_loan_restructuring_loan', ['loanId'])
export class LoanRestructuringEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  /** The loan id while the request is undecided: one at a time per loan. */
  @Column({ type: 'varchar', length: 32, name: 'open_key', nullable: true })
  openKey!: string | null;

  @Column({ type: 'varchar', length: 16, name: 'kind' })
  kind!: 'extension' | 'restructuring';

  @Column({ type: 'int', name: 'extra_months' })
  extraMonths!: number;

  @Column({ type: 'varchar', length: 2000, name: 'reason' })
  reason!: string;

  @Column({ type: 'varchar', length: 64, name: 'requested_by' })
  requestedBy!: string;

  @Column({ type: 'datetime', precision: 3, name: 'requested_at' })
  requestedAt!: Date;

  @Column({ type: 'varchar', length: 12, name: 'state' })
  state!: 'requested' | 'applied' | 'refused';

  @Column({ type: 'varchar', length: 20, name: 'process_instance_key', nullable: true })
  processInstanceKey!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'decided_by', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'varchar', length: 2000, name: 'outcome', nullable: true })
  outcome!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  /** Once applied: the loan's level just before (its restructured floor comes from it). */
  @Column({ type: 'varchar', length: 16, name: 'level_before', nullable: true })
  levelBefore!: string | null;

  /** Once applied: the first installment under the new terms (observation starts on its due date). */
  @Column({ type: 'int', name: 'first_new_installment', nullable: true })
  firstNewInstallment!: number | null;

  /** Applied while an earlier restructuring was still under observation (再次重组). */
  @Column({ type: 'boolean', name: 'while_in_observation', default: false })
  whileInObservation!: boolean;

  /** YYYY-MM-DD, the business day the new terms took effect. */
  @Column({ type: 'date', name: 'applied_on', nullable: true })
  appliedOn!: string | null;
}

/**
 * The customer manager's follow-up with the borrower after the payout (贷后回访): due the configured
 * days after disbursement, one per loan, and what it found.
 */
@Entity({ name: 'loan_follow_up' })
@Index('uq_loan_follow_up_loan', ['loanId'], { unique: true })
export class LoanFollowUpEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  /** Business date (Beijing), YYYY-MM-DD: the follow-up is late after the end of it. */
  @Column({ type: 'date', name: 'due_on' })
  dueOn!: string;

  @Column({ type: 'datetime', precision: 3, name: 'planned_at' })
  plannedAt!: Date;

  @Column({ type: 'datetime', precision: 3, name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'date', name: 'completed_on', nullable: true })
  completedOn!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'completed_by', nullable: true })
  completedBy!: string | null;

  /** consistent, inconsistent or not-verifiable: the use of funds against the stated purpose. */
  @Column({ type: 'varchar', length: 16, name: 'use_of_funds', nullable: true })
  useOfFunds!: string | null;

  @Column({ type: 'tinyint', name: 'contact_confirmed', nullable: true })
  contactConfirmed!: number | null;

  /** The answer as the customer manager gave it (notes and findings), JSON. */
  @Column({ type: 'text', name: 'report_json', nullable: true })
  reportJson!: string | null;

  /** The warning the findings raised, if any. */
  @Column({ type: 'varchar', length: 8, name: 'warning_level', nullable: true })
  warningLevel!: string | null;

  /** When the due date passed with the task not done, and the lateness was escalated. */
  @Column({ type: 'datetime', precision: 3, name: 'escalated_at', nullable: true })
  escalatedAt!: Date | null;
}

/**
 * One revaluation of a secured loan's collateral (押品价值重估), as planned and as recorded: the
 * items due, and the loan-to-value recomputed on the principal still owed.
 */
@Entity({ name: 'loan_revaluation' })
@Index('uq_loan_revaluation_number', ['loanId', 'number'], { unique: true })
export class LoanRevaluationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'int', name: 'number' })
  number!: number;

  /** Business dates (Beijing), YYYY-MM-DD. */
  @Column({ type: 'date', name: 'opens_on' })
  opensOn!: string;

  @Column({ type: 'date', name: 'due_on' })
  dueOn!: string;

  /** The collateral items due, JSON array of their ids. */
  @Column({ type: 'text', name: 'collateral_ids_json' })
  collateralIdsJson!: string;

  @Column({ type: 'datetime', precision: 3, name: 'planned_at' })
  plannedAt!: Date;

  @Column({ type: 'datetime', precision: 3, name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'date', name: 'completed_on', nullable: true })
  completedOn!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'valued_by', nullable: true })
  valuedBy!: string | null;

  @Column({ type: 'bigint', name: 'outstanding_principal_minor', nullable: true })
  outstandingPrincipalMinor!: string | null;

  /** Every item's value after the revaluation, summed. */
  @Column({ type: 'bigint', name: 'collateral_value_minor', nullable: true })
  collateralValueMinor!: string | null;

  @Column({ type: 'bigint', name: 'lendable_value_minor', nullable: true })
  lendableValueMinor!: string | null;

  /** Four places, "0.6667". */
  @Column({ type: 'varchar', length: 12, name: 'ltv', nullable: true })
  ltv!: string | null;

  @Column({ type: 'varchar', length: 12, name: 'ltv_limit', nullable: true })
  ltvLimit!: string | null;

  @Column({ type: 'tinyint', name: 'within_limit', nullable: true })
  withinLimit!: number | null;

  @Column({ type: 'bigint', name: 'shortfall_minor', nullable: true })
  shortfallMinor!: string | null;

  @Column({ type: 'varchar', length: 8, name: 'warning_level', nullable: true })
  warningLevel!: string | null;

  @Column({ type: 'varchar', length: 2000, name: 'remarks', nullable: true })
  remarks!: string | null;

  /** When the due date passed with the task not done, and the lateness was escalated. */
  @Column({ type: 'datetime', precision: 3, name: 'escalated_at', nullable: true })
  escalatedAt!: Date | null;
}

/** Each value a collateral item was given after the payout: its revaluation history. */
@Entity({ name: 'collateral_valuation' })
@Index('ix_collateral_valuation_item', ['collateralId'])
@Index('uq_collateral_valuation_round', ['revaluationId', 'collateralId'], { unique: true })
export class CollateralValuationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'bigint', name: 'collateral_id' })
  collateralId!: string;

  @Column({ type: 'bigint', name: 'revaluation_id' })
  revaluationId!: string;

  @Column({ type: 'bigint', name: 'previous_value_minor' })
  previousValueMinor!: string;

  @Column({ type: 'bigint', name: 'value_minor' })
  valueMinor!: string;

  /** How the value was found: appraisal-report, market-comparison, price-index, market-price, deposit-balance, other. */
  @Column({ type: 'varchar', length: 24, name: 'basis' })
  basis!: string;

  @Column({ type: 'varchar', length: 500, name: 'basis_notes', nullable: true })
  basisNotes!: string | null;

  @Column({ type: 'date', name: 'valued_on' })
  valuedOn!: string;

  @Column({ type: 'varchar', length: 64, name: 'valued_by' })
  valuedBy!: string;
}
