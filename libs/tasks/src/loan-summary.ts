import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { LoanProduct, RISK_GRADES, RiskGrade } from '@loanflow/domain';

export const DECIMAL_AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;

/**
 * What a human task needs to know of its loan, carried by the process as the `loan` variable:
 * shown beside the form, and the facts separation of duties and authority are checked against.
 */
export class LoanSummary {
  @IsString() applicantName!: string;
  @IsString() @Matches(/^\d{17}[\dX]$/) applicantIdNumber!: string;
  @IsOptional() @IsArray() @IsString({ each: true }) guarantorIdNumbers?: string[];
  @IsIn(['consumer', 'housing', 'business']) product!: LoanProduct;
  /** Decimal yuan as a string, e.g. "300000.00": never a float. */
  @Matches(DECIMAL_AMOUNT, { message: 'amount must be a decimal amount such as 300000.00' })
  amount!: string;
  @IsInt() @Min(1) termMonths!: number;
  @IsOptional() @IsIn([...RISK_GRADES]) riskGrade?: RiskGrade;
  @IsString() branchCode!: string;
  @IsOptional() @IsString() purpose?: string;
}

export class LoanSummaryHolder {
  @ValidateNested() @Type(() => LoanSummary) loan!: LoanSummary;
}
