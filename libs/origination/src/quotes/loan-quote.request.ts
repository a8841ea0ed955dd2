import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { REPAYMENT_METHODS, RepaymentMethod } from '@loanflow/domain';

export class LoanQuoteRequest {
  @ApiProperty({ example: '5000.00' })
  @Matches(/^\d{1,13}(\.\d{1,2})?$/, {
    message: 'principal must be a decimal amount such as 5000.00',
  })
  principal!: string;

  @ApiProperty({
    example: '0.12',
    description: 'Annual rate as a decimal fraction: 0.12 is 12% a year',
  })
  @Matches(/^0(\.\d{1,6})?$|^1(\.0{1,6})?$/, {
    message: 'annualRate must be a decimal fraction between 0 and 1 such as 0.0435',
  })
  annualRate!: string;

  @ApiProperty({ example: 18 }) @IsInt() @Min(1) @Max(360) termMonths!: number;

  @ApiProperty({ enum: REPAYMENT_METHODS }) @IsIn([...REPAYMENT_METHODS]) method!: RepaymentMethod;

  @ApiPropertyOptional({
    example: '2026-12-01',
    description: 'Disbursement date; today (Beijing) if omitted',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startDate must be a date such as 2026-12-01' })
  startDate?: string;
}

export class QuotedInstallment {
  @ApiProperty() number!: number;
  @ApiProperty() dueDate!: string;
  @ApiProperty({ example: '304.91' }) payment!: string;
  @ApiProperty() principal!: string;
  @ApiProperty() interest!: string;
  @ApiProperty() balance!: string;
}

export class LoanQuote {
  @ApiProperty({ type: [QuotedInstallment] }) installments!: QuotedInstallment[];
  @ApiProperty() totalInterest!: string;
  @ApiProperty() totalPayment!: string;
}
