import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { LOAN_ID_PATTERN } from '@loanflow/loans';

/** Every origination job names its loan. */
export class LoanRef {
  @Matches(LOAN_ID_PATTERN, { message: 'loanId must be a loan id such as LN20261123-7KQ2M9' })
  loanId!: string;
}

/** What the credit decision came to, as the model's script tasks record it. */
export class CreditDecisionVariable {
  @IsIn(['approved', 'rejected', 'declined', 'refused']) outcome!:
    'approved' | 'rejected' | 'declined' | 'refused';
  @IsString() stage!: string;
  @IsOptional() @IsString() level?: string | null;
  @IsOptional() @IsString() reasons?: string | null;
}

/** The terms the `loan` variable carries: the approved ones once approval took them. */
export class LoanTermsVariable {
  @Matches(/^\d{1,13}(\.\d{1,2})?$/) amount!: string;
  @IsInt() @Min(1) termMonths!: number;
  @IsOptional() @Matches(/^0\.\d{2,6}$/) annualRate?: string;
}

export class ContractsVariable {
  @IsString() loanContractNo!: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) signedOn!: string;
  /** Each guarantor by party id in the loan register (no ID number in the engine). */
  @IsArray() @IsObject({ each: true }) guaranteeContracts!: {
    guarantorPartyId: string;
    contractNo: string;
  }[];
  @IsOptional() @IsString() collateralContractNo?: string | null;
  @IsString() by!: string;
}

export class CollateralRegistrationVariable {
  @IsString() certificateNo!: string;
  @IsString() registryOffice!: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) registeredOn!: string;
  @IsString() by!: string;
}

export function nested<T>(type: new () => T) {
  return [IsObject(), ValidateNested(), Type(() => type)] as const;
}
