import { ApiProperty } from '@nestjs/swagger';
import { PART_PREPAYMENT_OPTIONS, PartPrepaymentOption } from '@loanflow/domain';

/** One installment of a revised schedule (or the prepayment as an installment of its own). */
export class PrepaymentLineView {
  @ApiProperty({ example: 7 }) number!: number;
  @ApiProperty({ example: '2027-05-15' }) dueDate!: string;
  @ApiProperty({ example: '3000.00' }) principal!: string;
  @ApiProperty({ example: '12.50' }) interest!: string;
  @ApiProperty({ example: '3012.50', description: 'principal and interest' }) payment!: string;
}

/** The installments not yet due as the schedule stands, for comparison. */
export class CurrentScheduleView {
  @ApiProperty({ description: 'installments not yet due' }) installmentCount!: number;
  @ApiProperty({ example: '2100.00' }) levelPayment!: string;
  @ApiProperty({ example: '2029-04-15' }) maturity!: string;
  @ApiProperty({ example: '3120.40' }) totalInterest!: string;
}

/** The schedule after the prepayment under one of the borrower's options. */
export class RevisedScheduleView extends CurrentScheduleView {
  @ApiProperty({ enum: PART_PREPAYMENT_OPTIONS }) option!: PartPrepaymentOption;
  @ApiProperty({ type: [Number], description: 'the numbers of the installments it replaces' })
  replaced!: number[];
  @ApiProperty({
    type: PrepaymentLineView,
    description: 'the prepayment as an installment of its own, dated the prepayment day',
  })
  prepayment!: PrepaymentLineView;
  @ApiProperty({
    type: [PrepaymentLineView],
    description: 'the new installments, numbered after the prepayment',
  })
  installments!: PrepaymentLineView[];
}

/** The two revised schedules, by option. */
export class PrepaymentOptionsView {
  @ApiProperty({
    type: RevisedScheduleView,
    description: '缩短期限: same installment, ends earlier',
  })
  'shorten-term'!: RevisedScheduleView;
  @ApiProperty({
    type: RevisedScheduleView,
    description: '减少月供: same maturity, lower installment',
  })
  'reduce-installment'!: RevisedScheduleView;
}

/** The quote of a part prepayment on a day: what is paid, and the schedule either way after it. */
export class PrepaymentQuoteView {
  @ApiProperty() loanId!: string;
  @ApiProperty({ example: '2027-04-29' }) prepaymentDate!: string;
  @ApiProperty({ example: '48000.00' }) outstandingPrincipal!: string;
  @ApiProperty({ example: '3000.00' }) principalReduction!: string;
  @ApiProperty({ example: '45000.00' }) remainingPrincipal!: string;
  @ApiProperty({ example: '96.00', description: 'interest accrued since the last due date' })
  accruedInterest!: string;
  @ApiProperty({ example: '2027-04-15' }) accruedFrom!: string;
  @ApiProperty() accruedDays!: number;
  @ApiProperty({ example: '30.00' }) fee!: string;
  @ApiProperty({ example: '0.01', description: 'the rate applied, "0" past the fee-free months' })
  feeRate!: string;
  @ApiProperty({ example: '2027-10-01', description: 'the first day a prepayment owes no fee' })
  feeFreeFrom!: string;
  @ApiProperty({ example: '3126.00' }) total!: string;
  @ApiProperty({ type: CurrentScheduleView }) current!: CurrentScheduleView;
  @ApiProperty({ type: PrepaymentOptionsView }) options!: PrepaymentOptionsView;
}

/** A part prepayment request and what became of it. */
export class PrepaymentView {
  @ApiProperty() id!: string;
  @ApiProperty() loanId!: string;
  @ApiProperty({ example: '3000.00' }) amount!: string;
  @ApiProperty({ enum: PART_PREPAYMENT_OPTIONS }) option!: PartPrepaymentOption;
  @ApiProperty({ example: 'transfer' }) channel!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ enum: ['requested', 'posted', 'refused'] })
  state!: 'requested' | 'posted' | 'refused';
  @ApiProperty({ type: PrepaymentQuoteView, description: 'the quote the request was made on' })
  quote!: PrepaymentQuoteView;
  @ApiProperty({ type: String, nullable: true }) processInstanceKey!: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedBy!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'why it was refused, or what was posted',
  })
  outcome!: string | null;
  @ApiProperty({ type: String, nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2027-04-29' }) postedOn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the accrued interest posted' })
  interest!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the fee posted' })
  fee!: string | null;
  @ApiProperty({ type: String, nullable: true }) repaymentId!: string | null;
}
