import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { encrypted } from '../crypto/field-crypto';

/**
 * A change of a loan's payout or repayment account or of its borrower's details (更改还款帐户,
 * 更改借款人信息), from request to review, with the values before and after kept encrypted: the
 * change's history. The engine carries only the id and the kind.
 */
@Entity({ name: 'loan_change_request' })
@Index('uq_loan_change_request_open', ['openKey'], { unique: true })
@Index('ix_loan_change_request_loan', ['loanId', 'kind', 'state'])
export class LoanChangeRequestEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  /** `loanId:kind` while the request is being decided (one at a time per kind), else null. */
  @Column({ type: 'varchar', length: 64, name: 'open_key', nullable: true })
  openKey!: string | null;

  @Column({ type: 'varchar', length: 20, name: 'kind' })
  kind!: 'repayment-account' | 'payout-account' | 'borrower-details';

  /** The party whose details change (the applicant), for borrower-details. */
  @Column({ type: 'bigint', name: 'party_id', nullable: true })
  partyId!: string | null;

  /** The names of the fields that change (comma-separated): no values. */
  @Column({ type: 'varchar', length: 100, name: 'fields' })
  fields!: string;

  /** The values in the register when the change was requested (JSON), encrypted. */
  @Column({
    type: 'text',
    name: 'before_json',
    transformer: encrypted('loan_change_request.before_json'),
  })
  beforeJson!: string;

  /** The values asked for (JSON), encrypted. */
  @Column({
    type: 'text',
    name: 'after_json',
    transformer: encrypted('loan_change_request.after_json'),
  })
  afterJson!: string;

  /** The loan's documents the request rests on (JSON array of document ids). */
  @Column({ type: 'varchar', length: 500, name: 'document_ids' })
  documentIds!: string;

  /** Why the change is asked (the customer manager's words), encrypted: it may name the person. */
  @Column({ type: 'text', name: 'reason', transformer: encrypted('loan_change_request.reason') })
  reason!: string;

  @Column({ type: 'varchar', length: 64, name: 'requested_by' })
  requestedBy!: string;

  @Column({ type: 'datetime', precision: 3, name: 'requested_at' })
  requestedAt!: Date;

  /** requested → applied | refused. */
  @Column({ type: 'varchar', length: 12, name: 'state' })
  state!: 'requested' | 'applied' | 'refused';

  @Column({ type: 'varchar', length: 20, name: 'process_instance_key', nullable: true })
  processInstanceKey!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'reviewed_by', nullable: true })
  reviewedBy!: string | null;

  /** approve | refuse, the reviewer's conclusion. */
  @Column({ type: 'varchar', length: 12, name: 'review_outcome', nullable: true })
  reviewOutcome!: 'approve' | 'refuse' | null;

  /** The reviewer's opinion (the reason of a refusal), encrypted: it may name the person. */
  @Column({
    type: 'text',
    name: 'review_opinion',
    nullable: true,
    transformer: encrypted('loan_change_request.review_opinion'),
  })
  reviewOpinion!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'reviewed_at', nullable: true })
  reviewedAt!: Date | null;

  /** What became of it, without personal data (applied fields, or why it was not applied). */
  @Column({ type: 'varchar', length: 500, name: 'outcome', nullable: true })
  outcome!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'closed_at', nullable: true })
  closedAt!: Date | null;
}
