import { ApiProperty } from '@nestjs/swagger';
import type { LoanStatus } from '@loanflow/persistence';
import { REVEALABLE_FIELDS } from '../dossier/reveal.request';

/** One identifier of a loan, in full: the answer of an audited reveal. */
export class RevealView {
  @ApiProperty() loanId!: string;
  @ApiProperty({ enum: REVEALABLE_FIELDS }) field!: (typeof REVEALABLE_FIELDS)[number];
  @ApiProperty({ description: 'the identifier in full, unmasked (the reveal is audited)' })
  value!: string;
}

/** The person's part in a loan, in full (a subject export is for that person). */
export class ExportedPartyView {
  @ApiProperty({ enum: ['applicant', 'guarantor'] }) role!: 'applicant' | 'guarantor';
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'the resident identity number, in full' }) idNumber!: string;
  @ApiProperty({ description: 'YYYY-MM-DD' }) birthDate!: string;
  @ApiProperty({ description: 'the mobile number, in full' }) phone!: string;
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
  @ApiProperty({ type: String, nullable: true }) employer!: string | null;
  @ApiProperty({ description: 'a decimal amount' }) monthlyIncome!: string;
  @ApiProperty({ description: 'a decimal amount' }) monthlyDebtPayments!: string;
}

/** Whom the loan pays out to, when the person is its applicant. */
export class ExportedPayeeView {
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the account number, in full' })
  account!: string | null;
}

/** Collateral the person owns on the loan. */
export class ExportedCollateralView {
  @ApiProperty() kind!: string;
  @ApiProperty() description!: string;
  @ApiProperty() ownerName!: string;
}

/** A contract the person signed on the loan. */
export class ExportedContractView {
  @ApiProperty({ enum: ['loan', 'guarantee', 'mortgage', 'pledge'] })
  kind!: 'loan' | 'guarantee' | 'mortgage' | 'pledge';
  @ApiProperty() contractNo!: string;
  @ApiProperty({ description: 'YYYY-MM-DD' }) effectiveFrom!: string;
}

/** A notice sent to the applicant. */
export class ExportedNoticeView {
  @ApiProperty() kind!: string;
  @ApiProperty() channel!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() sentAt!: string;
}

/** A payment on the applicant's loan. */
export class ExportedRepaymentView {
  @ApiProperty({ description: 'a decimal amount' }) amount!: string;
  @ApiProperty() paidAt!: string;
  @ApiProperty() channel!: string;
  @ApiProperty({ enum: ['applied', 'pending', 'rejected'] })
  state!: 'applied' | 'pending' | 'rejected';
}

/** One loan on which the person is a party, and what the bank holds about them there. */
export class ExportedLoanView {
  @ApiProperty() loanId!: string;
  @ApiProperty({
    type: 'string',
    enum: ['applicant', 'guarantor'],
    isArray: true,
    description: 'the person’s parts in the loan',
  })
  roles!: ('applicant' | 'guarantor')[];
  @ApiProperty({ type: String, example: 'disbursed' }) status!: LoanStatus;
  @ApiProperty() product!: string;
  @ApiProperty({ description: 'a decimal amount' }) requestedAmount!: string;
  @ApiProperty() branchCode!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'when the loan’s personal data went' })
  personalDataPurgedAt!: string | null;
  @ApiProperty({ type: [ExportedPartyView], description: 'the person as each of their parts' })
  party!: ExportedPartyView[];
  @ApiProperty({
    type: ExportedPayeeView,
    nullable: true,
    description: 'null unless the person is the applicant',
  })
  payee!: ExportedPayeeView | null;
  @ApiProperty({ type: [ExportedCollateralView] }) collateralOwned!: ExportedCollateralView[];
  @ApiProperty({ type: [ExportedContractView] }) contracts!: ExportedContractView[];
  @ApiProperty({
    type: [ExportedNoticeView],
    description: 'empty unless the person is the applicant',
  })
  notices!: ExportedNoticeView[];
  @ApiProperty({
    type: [ExportedRepaymentView],
    description: 'empty unless the person is the applicant',
  })
  repayments!: ExportedRepaymentView[];
}

/**
 * A copy of the personal information the bank holds about the holder of an ID number (PIPL art.
 * 45), on the loans of the caller's units, in full.
 */
export class SubjectExportView {
  @ApiProperty() exportedAt!: string;
  @ApiProperty({ type: [ExportedLoanView] }) loans!: ExportedLoanView[];
}
