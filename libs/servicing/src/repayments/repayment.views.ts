import { ApiProperty } from '@nestjs/swagger';
import { APPLIED_CATEGORIES, AppliedCategory } from '@loanflow/domain';
import type { RepaymentEntity } from '@loanflow/persistence';

/** One part of a payment applied to one installment. */
export class AllocationLineView {
  @ApiProperty({ example: 3 }) installmentNumber!: number;
  @ApiProperty({ enum: APPLIED_CATEGORIES }) category!: AppliedCategory;
  @ApiProperty({ example: '1234.56' }) amount!: string;
  @ApiProperty({ example: '2027-04-29', description: 'the day the payment was received' })
  paidOn!: string;
}

/** The loan as it stands on the business date, after a payment. */
export class PaymentPositionView {
  @ApiProperty({ example: '2027-04-29' }) asOf!: string;
  @ApiProperty() daysPastDue!: number;
  @ApiProperty({ example: '0.00' }) overduePrincipal!: string;
  @ApiProperty({ example: '48000.00' }) outstandingPrincipal!: string;
  @ApiProperty() arrearsCleared!: boolean;
}

export class RepaymentView {
  @ApiProperty() id!: string;
  @ApiProperty() loanId!: string;
  @ApiProperty({
    enum: ['repayment', 'early-settlement', 'advance', 'recovery', 'part-prepayment'],
    description: 'after a write-off a payment is a recovery',
  })
  kind!: RepaymentEntity['kind'];
  @ApiProperty({
    enum: ['applied', 'pending', 'rejected'],
    description: 'applied; pending a second person’s confirmation; rejected (returned)',
  })
  state!: RepaymentEntity['state'];
  @ApiProperty({ example: '2100.00' }) amount!: string;
  @ApiProperty() paidAt!: string;
  @ApiProperty({ example: 'counter' }) channel!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ nullable: true, type: String }) confirmedBy!: string | null;
  @ApiProperty({ type: [AllocationLineView] }) allocation!: AllocationLineView[];
  @ApiProperty({ example: '0.00', description: 'what the payment left over, kept in advance' })
  unapplied!: string;
  @ApiProperty({ type: PaymentPositionView, description: 'the loan today, after this payment' })
  position!: PaymentPositionView;
  @ApiProperty({ description: 'true when the first result is returned again for a repeated key' })
  replayed!: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'an auto-debit: the account it was taken from (masked on screen)',
  })
  debitAccount!: string | null;
}

export class BrokenPeriodView {
  @ApiProperty() installmentNumber!: number;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() days!: number;
  @ApiProperty() principal!: string;
}

export class PayoffQuoteView {
  @ApiProperty() loanId!: string;
  @ApiProperty() payoffDate!: string;
  @ApiProperty() outstandingPrincipal!: string;
  @ApiProperty() interestDue!: string;
  @ApiProperty() penalty!: string;
  @ApiProperty() brokenPeriodInterest!: string;
  @ApiProperty({ type: BrokenPeriodView, nullable: true }) brokenPeriod!: BrokenPeriodView | null;
  @ApiProperty() total!: string;
  @ApiProperty({ description: 'what the borrower holds in advance, counted towards the payoff' })
  advance!: string;
  @ApiProperty({ description: 'what settles the loan on the day: the total less the advance' })
  toPay!: string;
}

/** Money paid beyond what the loan owed: due back to the borrower, then paid back on record. */
export class RefundView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '120.00' }) amount!: string;
  @ApiProperty({ enum: ['due', 'paid'], description: 'due: owed to the borrower; paid: paid back' })
  state!: 'due' | 'paid';
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'when it was found to be due' }) dueAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '****3445',
    description: 'the account paid back to, masked to its last four digits (null until paid)',
  })
  payeeAccount!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the ledger transaction' })
  txnId!: string | null;
  @ApiProperty({ type: String, nullable: true }) paidBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) paidAt!: string | null;
}
