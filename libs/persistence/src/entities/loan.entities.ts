import { encrypted } from '../crypto/field-crypto';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** Where a loan stands in origination; the dossier shows the open task's stage while one waits. */
export type LoanStatus =
  | 'submitted'
  | 'refused'
  | 'in-decision'
  | 'approved'
  | 'rejected'
  | 'declined'
  | 'offer-declined'
  | 'contracts-signed'
  | 'collateral-registered'
  | 'disbursed'
  | 'settled'
  | 'archived'
  | 'written-off';

/**
 * One loan, from application to disbursement. Amounts are integer minor units (fen) kept as
 * strings by the driver; rates are decimal strings. The id is the process's business key.
 */
@Entity({ name: 'loan' })
@Index('ix_loan_branch_status', ['branchCode', 'status'])
@Index('ix_loan_customer_manager', ['customerManager', 'createdAt'])
export class LoanEntity {
  @PrimaryColumn({ type: 'varchar', length: 32, name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 20, name: 'process_instance_key', nullable: true })
  processInstanceKey!: string | null;

  @Column({ type: 'varchar', length: 32, name: 'branch_code' })
  branchCode!: string;

  /** The customer manager who took the application and owns the loan (管户客户经理). */
  @Column({ type: 'varchar', length: 64, name: 'customer_manager' })
  customerManager!: string;

  @Column({ type: 'varchar', length: 16, name: 'product' })
  product!: string;

  @Column({ type: 'varchar', length: 16, name: 'guarantee_type' })
  guaranteeType!: string;

  @Column({ type: 'varchar', length: 16, name: 'payment_method' })
  paymentMethod!: string;

  @Column({ type: 'varchar', length: 20, name: 'repayment_method' })
  repaymentMethod!: string;

  @Column({ type: 'varchar', length: 500, name: 'purpose' })
  purpose!: string;

  @Column({ type: 'bigint', name: 'requested_amount_minor' })
  requestedAmountMinor!: string;

  @Column({ type: 'int', name: 'requested_term_months' })
  requestedTermMonths!: number;

  /** Final terms, from the last approval. */
  @Column({ type: 'bigint', name: 'amount_minor', nullable: true })
  amountMinor!: string | null;

  @Column({ type: 'int', name: 'term_months', nullable: true })
  termMonths!: number | null;

  @Column({ type: 'varchar', length: 12, name: 'annual_rate', nullable: true })
  annualRate!: string | null;

  /** Entrusted payment: the seller's account and name (受托支付对象). */
  @Column({
    type: 'varchar',
    length: 255,
    name: 'payee_account',
    nullable: true,
    transformer: encrypted('loan.payee_account'),
  })
  payeeAccount!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'payee_name', nullable: true })
  payeeName!: string | null;

  @Column({ type: 'varchar', length: 24, name: 'status' })
  status!: LoanStatus;

  @Column({ type: 'char', length: 1, name: 'risk_grade', nullable: true })
  riskGrade!: string | null;

  @Column({ type: 'int', name: 'risk_points', nullable: true })
  riskPoints!: number | null;

  @Column({ type: 'varchar', length: 16, name: 'required_approval_level', nullable: true })
  requiredApprovalLevel!: string | null;

  /** Document kinds handed in with the application (JSON array). */
  @Column({ type: 'text', name: 'documents' })
  documents!: string;

  /** 贷款保证保险: the insurer and policy, when the loan is insured. */
  @Column({ type: 'varchar', length: 100, name: 'insurer', nullable: true })
  insurer!: string | null;

  @Column({ type: 'varchar', length: 40, name: 'insurance_policy_no', nullable: true })
  insurancePolicyNo!: string | null;

  /** What the automatic checks found on credit risk (JSON: collateral cover, exposure). */
  @Column({ type: 'text', name: 'credit_checks_json', nullable: true })
  creditChecksJson!: string | null;

  /** The applicant declared the home bought to be a second one (二套房): 1, else 0. */
  @Column({ type: 'tinyint', name: 'second_home', default: 0 })
  secondHome!: number;

  @Column({ type: 'datetime', precision: 3, name: 'application_complete_at', nullable: true })
  applicationCompleteAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, name: 'notice_due_at', nullable: true })
  noticeDueAt!: Date | null;

  @Column({ type: 'tinyint', name: 'notice_calendar_covered', nullable: true })
  noticeCalendarCovered!: number | null;

  @Column({ type: 'datetime', precision: 3, name: 'notice_breached_at', nullable: true })
  noticeBreachedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, name: 'notice_sent_at', nullable: true })
  noticeSentAt!: Date | null;

  @Column({ type: 'varchar', length: 16, name: 'decision_outcome', nullable: true })
  decisionOutcome!: string | null;

  @Column({ type: 'varchar', length: 32, name: 'decision_stage', nullable: true })
  decisionStage!: string | null;

  @Column({ type: 'text', name: 'decision_reasons', nullable: true })
  decisionReasons!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'decided_at', nullable: true })
  decidedAt!: Date | null;

  /** An application ended without a loan: when its personal data was purged (retention over). */
  @Column({ type: 'datetime', precision: 3, name: 'personal_data_purged_at', nullable: true })
  personalDataPurgedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, name: 'disbursed_at', nullable: true })
  disbursedAt!: Date | null;

  /** The five-level classification now (history in loan_classification). */
  @Column({ type: 'varchar', length: 16, name: 'classification', default: 'normal' })
  classification!: string;

  /** The system proposed a better level (the 2023 rules' conditions met) and the risk manager has yet to decide. */
  @Column({ type: 'boolean', name: 'upgrade_proposal_open', default: false })
  upgradeProposalOpen!: boolean;

  /** YYYY-MM-DD, the day of the system's latest upgrade proposal. */
  @Column({ type: 'date', name: 'upgrade_proposed_on', nullable: true })
  upgradeProposedOn!: string | null;

  /** The level the system's latest upgrade proposal put to the risk manager. */
  @Column({ type: 'varchar', length: 16, name: 'upgrade_proposed_level', nullable: true })
  upgradeProposedLevel!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'settled_at', nullable: true })
  settledAt!: Date | null;

  /** Penalty interest (罚息) paid so far, in minor units. */
  @Column({ type: 'bigint', name: 'penalty_paid_minor', default: 0 })
  penaltyPaidMinor!: string;

  @CreateDateColumn({ type: 'datetime', precision: 3, name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3, name: 'updated_at' })
  updatedAt!: Date;

  @VersionColumn({ name: 'version' })
  version!: number;
}

/** The applicant and each guarantor of a loan. */
@Entity({ name: 'loan_party' })
@Index('uq_loan_party', ['loanId', 'role', 'idNumber'], { unique: true })
export class LoanPartyEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'varchar', length: 16, name: 'role' })
  role!: 'applicant' | 'guarantor';

  @Column({ type: 'varchar', length: 100, name: 'name' })
  name!: string;

  @Column({
    type: 'varchar',
    length: 255,
    name: 'id_number',
    transformer: encrypted('loan_party.id_number'),
  })
  idNumber!: string;

  /** Blind index of the ID number (set on write): what look-ups by ID number compare. */
  @Column({ type: 'char', length: 64, name: 'id_number_index' })
  idNumberIndex!: string;

  @Column({ type: 'varchar', length: 10, name: 'birth_date' })
  birthDate!: string;

  @Column({
    type: 'varchar',
    length: 255,
    name: 'phone',
    transformer: encrypted('loan_party.phone'),
  })
  phone!: string;

  @Column({ type: 'varchar', length: 255, name: 'address', nullable: true })
  address!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'employer', nullable: true })
  employer!: string | null;

  @Column({ type: 'bigint', name: 'monthly_income_minor' })
  monthlyIncomeMinor!: string;

  @Column({ type: 'bigint', name: 'monthly_debt_minor' })
  monthlyDebtMinor!: string;

  @Column({ type: 'varchar', length: 32, name: 'relation', nullable: true })
  relation!: string | null;

  /** A guarantor's assessment at the automatic checks (JSON: age, warning list, grade, capacity). */
  @Column({ type: 'text', name: 'assessment_json', nullable: true })
  assessmentJson!: string | null;
}

/** Collateral offered for a mortgage or pledge loan, and its registration once done (抵押办证). */
@Entity({ name: 'loan_collateral' })
@Index('ix_loan_collateral_loan', ['loanId'])
export class LoanCollateralEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'varchar', length: 16, name: 'kind' })
  kind!: string;

  @Column({ type: 'varchar', length: 500, name: 'description' })
  description!: string;

  @Column({ type: 'varchar', length: 100, name: 'owner_name' })
  ownerName!: string;

  @Column({
    type: 'varchar',
    length: 255,
    name: 'owner_id_number',
    transformer: encrypted('loan_collateral.owner_id_number'),
  })
  ownerIdNumber!: string;

  @Column({ type: 'bigint', name: 'appraised_value_minor' })
  appraisedValueMinor!: string;

  @Column({ type: 'varchar', length: 64, name: 'certificate_no', nullable: true })
  certificateNo!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'registry_office', nullable: true })
  registryOffice!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'registered_at', nullable: true })
  registeredAt!: Date | null;

  @Column({ type: 'varchar', length: 64, name: 'registered_by', nullable: true })
  registeredBy!: string | null;
}

/** A signed contract: the loan contract, one guarantee contract per guarantor, the mortgage or pledge contract. */
@Entity({ name: 'loan_contract' })
@Index('uq_loan_contract_no', ['contractNo'], { unique: true })
@Index('ix_loan_contract_loan', ['loanId'])
export class LoanContractEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'varchar', length: 16, name: 'kind' })
  kind!: 'loan' | 'guarantee' | 'mortgage' | 'pledge';

  @Column({ type: 'varchar', length: 64, name: 'contract_no' })
  contractNo!: string;

  /** The signing party other than the bank: the borrower, a guarantor, or the collateral owner. */
  @Column({
    type: 'varchar',
    length: 255,
    name: 'party_id_number',
    transformer: encrypted('loan_contract.party_id_number'),
  })
  partyIdNumber!: string;

  @Column({ type: 'datetime', precision: 3, name: 'signed_at' })
  signedAt!: Date;

  @Column({ type: 'varchar', length: 10, name: 'effective_from' })
  effectiveFrom!: string;

  @Column({ type: 'varchar', length: 64, name: 'recorded_by' })
  recordedBy!: string;
}

/** The bank's credit warning list (客户信用预警名单): applicants on it are refused. */
@Entity({ name: 'credit_warning_list' })
export class CreditWarningEntity {
  /** Blind index of the ID number: the key look-ups compare (set on write). */
  @PrimaryColumn({ type: 'char', length: 64, name: 'id_number_index' })
  idNumberIndex!: string;

  @Column({
    type: 'varchar',
    length: 255,
    name: 'id_number',
    transformer: encrypted('credit_warning_list.id_number'),
  })
  idNumber!: string;

  @Column({ type: 'varchar', length: 100, name: 'name' })
  name!: string;

  @Column({ type: 'varchar', length: 255, name: 'reason' })
  reason!: string;

  @Column({ type: 'tinyint', name: 'active' })
  active!: number;

  @CreateDateColumn({ type: 'datetime', precision: 3, name: 'listed_at' })
  listedAt!: Date;
}

/** The credit bureau's answer for a loan's applicant, kept as evidence for the decision. */
@Entity({ name: 'bureau_report' })
export class BureauReportEntity {
  @PrimaryColumn({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({
    type: 'varchar',
    length: 255,
    name: 'id_number',
    transformer: encrypted('bureau_report.id_number'),
  })
  idNumber!: string;

  @Column({ type: 'varchar', length: 32, name: 'source' })
  source!: string;

  @Column({ type: 'text', name: 'report_json' })
  reportJson!: string;

  @Column({ type: 'datetime', precision: 3, name: 'queried_at' })
  queriedAt!: Date;
}

/** A notice sent through the notification adapter; the dedupe key makes a re-delivered job send it once. */
@Entity({ name: 'notification' })
@Index('uq_notification_dedupe', ['dedupeKey'], { unique: true })
@Index('ix_notification_loan', ['loanId'])
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 191, name: 'dedupe_key' })
  dedupeKey!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id', nullable: true })
  loanId!: string | null;

  @Column({ type: 'varchar', length: 16, name: 'channel' })
  channel!: string;

  /** A phone number for an SMS (encrypted like every phone), or an inbox address such as role:…. */
  @Column({
    type: 'varchar',
    length: 255,
    name: 'recipient',
    transformer: encrypted('notification.recipient'),
  })
  recipient!: string;

  @Column({ type: 'varchar', length: 48, name: 'kind' })
  kind!: string;

  @Column({ type: 'varchar', length: 255, name: 'subject' })
  subject!: string;

  @Column({ type: 'text', name: 'body' })
  body!: string;

  @CreateDateColumn({ type: 'datetime', precision: 3, name: 'sent_at' })
  sentAt!: Date;
}

/** A repayment installment as scheduled at disbursement. */
@Entity({ name: 'loan_installment' })
export class LoanInstallmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @PrimaryColumn({ type: 'int', name: 'number' })
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

  @Column({ type: 'bigint', name: 'principal_paid_minor', default: 0 })
  principalPaidMinor!: string;

  @Column({ type: 'bigint', name: 'interest_paid_minor', default: 0 })
  interestPaidMinor!: string;
}

export type LoanDecisionKind = 'review' | 'approval' | 'offer-acceptance' | 'disbursement-check';

/** A person's credit decision on a loan, with the terms it set (see the migration). */
@Entity({ name: 'loan_decision' })
@Index('ix_loan_decision_loan', ['loanId', 'kind', 'id'])
export class LoanDecisionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'varchar', length: 24, name: 'kind' })
  kind!: LoanDecisionKind;

  /** The approval level the decision was taken at (approvals only). */
  @Column({ type: 'varchar', length: 16, name: 'level', nullable: true })
  level!: string | null;

  /** pass | return | reject (review); approve | reject (approval); accepted | declined | expired (offer); release | return (disbursement check). */
  @Column({ type: 'varchar', length: 16, name: 'outcome' })
  outcome!: string;

  @Column({ type: 'bigint', name: 'amount_minor', nullable: true })
  amountMinor!: string | null;

  @Column({ type: 'int', name: 'term_months', nullable: true })
  termMonths!: number | null;

  @Column({ type: 'varchar', length: 12, name: 'annual_rate', nullable: true })
  annualRate!: string | null;

  /** An approval above what was asked or recommended, which the applicant must accept first. */
  @Column({ type: 'tinyint', name: 'counter_offer', default: 0 })
  counterOffer!: number;

  @Column({ type: 'text', name: 'reasons', nullable: true })
  reasons!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'decided_by' })
  decidedBy!: string;

  @Column({ type: 'varchar', length: 20, name: 'task_id', nullable: true })
  taskId!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'decided_at' })
  decidedAt!: Date;
}

/**
 * The applicant's income and debts as the investigation verified them: kept in the register, never
 * in the engine's variables (the workers that re-grade read them here by loan id).
 */
@Entity({ name: 'loan_verified_finances' })
export class LoanVerifiedFinancesEntity {
  @PrimaryColumn({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'bigint', name: 'monthly_income_minor' })
  monthlyIncomeMinor!: string;

  @Column({ type: 'bigint', name: 'monthly_debt_minor' })
  monthlyDebtMinor!: string;

  @Column({ type: 'varchar', length: 64, name: 'verified_by' })
  verifiedBy!: string;

  @Column({ type: 'datetime', precision: 3, name: 'verified_at' })
  verifiedAt!: Date;
}
