import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { LOAN_CLASSES, ORIGINATION_STAGE_OF_FORM } from '@loanflow/domain';
import type { LoanStatus } from '@loanflow/persistence';

const STATUSES = [
  'submitted',
  'refused',
  'in-decision',
  'approved',
  'rejected',
  'declined',
  'offer-declined',
  'contracts-signed',
  'collateral-registered',
  'disbursed',
  'settled',
  'archived',
  'written-off',
] as const satisfies readonly LoanStatus[];

/** What the stage filter takes: an origination stage (the open task's) or a loan status, as the dossier's `stage`. */
export const LOAN_STAGES: readonly string[] = [
  ...new Set(Object.values(ORIGINATION_STAGE_OF_FORM)),
  ...STATUSES,
];

export class LoanListQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only the loans whose customer manager is you',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  mine?: 'true' | 'false';

  @ApiPropertyOptional({
    description: 'An org unit code: its loans and those of the units below it (within yours)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  branch?: string;

  @ApiPropertyOptional({ enum: LOAN_STAGES, description: 'as the dossier’s stage' })
  @IsOptional()
  @IsIn(LOAN_STAGES)
  stage?: string;

  @ApiPropertyOptional({ enum: LOAN_CLASSES })
  @IsOptional()
  @IsIn(LOAN_CLASSES)
  classification?: string;

  @ApiPropertyOptional({ minimum: 0, description: 'days past due from (a loan being serviced)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  dpdFrom?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'days past due up to, inclusive' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  dpdTo?: number;

  @ApiPropertyOptional({
    description:
      'The borrower’s name (or part of it), the borrower’s full ID number (found through its blind index), or a loan id',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;
}

/** The loan's standing on the business date, from its kept installments (principal and interest paid). */
export class LoanListPosition {
  @ApiProperty({ description: 'YYYY-MM-DD: the business date' }) asOf!: string;
  @ApiProperty({ description: 'Principal still owed, due or not' }) balance!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The first installment due on or after asOf still owing',
  })
  nextDueDate!: string | null;
  @ApiProperty() daysPastDue!: number;
}

export class LoanListItem {
  @ApiProperty() id!: string;
  @ApiProperty() applicantName!: string;
  @ApiProperty() product!: string;
  @ApiProperty({ description: 'Approved amount, or the amount asked while undecided' })
  amount!: string;
  @ApiProperty() termMonths!: number;
  @ApiProperty() branchCode!: string;
  @ApiProperty() customerManager!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ description: 'The open origination task’s stage, or the status' })
  stage!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'approved, rejected, declined, refused…; null while undecided',
  })
  outcome!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why it was refused or rejected',
  })
  outcomeReasons!: string | null;
  @ApiProperty({ type: String, nullable: true }) riskGrade!: string | null;
  @ApiProperty() classification!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: LoanListPosition, nullable: true, description: 'null before the payout' })
  position!: LoanListPosition | null;
}

export class LoanListPage {
  @ApiProperty({ type: [LoanListItem] }) items!: LoanListItem[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
