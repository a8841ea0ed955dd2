import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  DOCUMENT_KINDS,
  GUARANTEE_TYPES,
  LOAN_PRODUCTS,
  REPAYMENT_METHODS,
} from '@loanflow/domain';
import { IsResidentIdNumber, MatchesIdNumberBirthDate } from '@loanflow/loans';

const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;
const amountMessage = (field: string, example: string) => ({
  message: `${field} must be a decimal amount in yuan such as ${example} (a string, never a float)`,
});
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MOBILE = /^1\d{10}$/;

export class ApplicantRequest {
  @ApiProperty({ example: '张伟' }) @IsString() @Length(2, 100) name!: string;
  @ApiProperty({ example: '33010619900101123X' }) @IsResidentIdNumber() idNumber!: string;
  @ApiProperty({ example: '1990-01-01' })
  @Matches(DATE, { message: 'birthDate must be a date such as 1990-01-01' })
  @MatchesIdNumberBirthDate()
  birthDate!: string;
  @ApiProperty({ example: '13800138000' })
  @Matches(MOBILE, { message: 'phone must be an 11-digit mobile number' })
  phone!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 255) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 100) employer?: string;
  @ApiProperty({ example: '18000.00' })
  @Matches(AMOUNT, amountMessage('monthlyIncome', '18000.00'))
  monthlyIncome!: string;
  @ApiProperty({ example: '1500.00', description: 'Monthly payments on existing debts' })
  @Matches(AMOUNT, amountMessage('monthlyDebtPayments', '1500.00'))
  monthlyDebtPayments!: string;
}

export class GuarantorRequest {
  @ApiProperty() @IsString() @Length(2, 100) name!: string;
  @ApiProperty() @IsResidentIdNumber() idNumber!: string;
  @ApiProperty()
  @Matches(MOBILE, { message: 'phone must be an 11-digit mobile number' })
  phone!: string;
  @ApiProperty({ example: '15000.00' })
  @Matches(AMOUNT, amountMessage('monthlyIncome', '15000.00'))
  monthlyIncome!: string;
  @ApiPropertyOptional({ example: '0.00' })
  @IsOptional()
  @Matches(AMOUNT, amountMessage('monthlyDebtPayments', '0.00'))
  monthlyDebtPayments?: string;
  @ApiProperty({ example: 'sibling' }) @IsString() @Length(2, 32) relation!: string;
}

export class CollateralRequest {
  @ApiProperty({ enum: ['property', 'vehicle', 'deposit', 'securities', 'other'] })
  @IsIn(['property', 'vehicle', 'deposit', 'securities', 'other'])
  kind!: string;
  @ApiProperty({ example: '杭州市西湖区文三路 100 号 2 幢 501 室' })
  @IsString()
  @Length(4, 500)
  description!: string;
  @ApiProperty() @IsString() @Length(2, 100) ownerName!: string;
  @ApiProperty() @IsResidentIdNumber() ownerIdNumber!: string;
  @ApiProperty({ example: '3200000.00' })
  @Matches(AMOUNT, amountMessage('appraisedValue', '3200000.00'))
  appraisedValue!: string;
}

export class PaymentRequest {
  /** 受托支付 (to the seller: the default) or 自主支付 (to the borrower, within the product's ceiling). */
  @ApiProperty({ enum: ['entrusted', 'self'], default: 'entrusted' })
  @IsIn(['entrusted', 'self'])
  method: 'entrusted' | 'self' = 'entrusted';
  @ApiPropertyOptional({ description: 'The seller paid under entrusted payment' })
  @ValidateIf((p: PaymentRequest) => p.method === 'entrusted')
  @IsString({ message: 'payeeName is required for entrusted payment: the seller to be paid' })
  @Length(2, 100)
  payeeName?: string;
  @ApiProperty({ example: '6222020200112233445' })
  @Matches(/^\d{10,30}$/, {
    message: 'payeeAccount must be a bank account number of 10 to 30 digits',
  })
  payeeAccount!: string;
}

/** A loan application as the customer manager takes it (贷款申请受理). */
export class CreditInsuranceRequest {
  @ApiProperty({ example: '中国人保财险浙江分公司' })
  @IsString()
  @Length(2, 100, { message: 'insurer must name the insurance company in 2 to 100 characters' })
  insurer!: string;

  @ApiProperty({ example: 'PICC-2027-330100-000123' })
  @Matches(/^[A-Za-z0-9-]{4,40}$/, {
    message: 'policyNo must be the policy number: 4 to 40 letters, digits or dashes',
  })
  policyNo!: string;
}

export class ApplicationRequest {
  @ApiPropertyOptional({ description: 'Defaults to the customer manager’s own org unit' })
  @IsOptional()
  @IsString()
  branchCode?: string;

  @ApiProperty({ type: ApplicantRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantRequest)
  applicant!: ApplicantRequest;

  @ApiProperty({ enum: LOAN_PRODUCTS })
  @IsIn([...LOAN_PRODUCTS])
  product!: (typeof LOAN_PRODUCTS)[number];

  @ApiProperty({ example: '200000.00' })
  @Matches(AMOUNT, amountMessage('amount', '200000.00'))
  amount!: string;

  @ApiProperty({ example: 36 }) @IsInt() @Min(1) @Max(360) termMonths!: number;

  /** Loans without a stated purpose are refused (贷款用途). */
  @ApiProperty({ example: 'home renovation: contract with 杭州装饰公司' })
  @IsString({ message: 'purpose is required: loans without a purpose are refused' })
  @Length(4, 500, { message: 'purpose must say in 4 to 500 characters what the money is for' })
  purpose!: string;

  @ApiProperty({ enum: GUARANTEE_TYPES })
  @IsIn([...GUARANTEE_TYPES])
  @ValidateBy({
    name: 'guaranteeHasItsParties',
    validator: {
      validate: (type, args) => {
        const application = args?.object as ApplicationRequest;
        if (type === 'guarantor') return (application.guarantors?.length ?? 0) > 0;
        if (type === 'mortgage' || type === 'pledge')
          return (application.collateral?.length ?? 0) > 0;
        return true;
      },
      defaultMessage: (args) =>
        args?.value === 'guarantor'
          ? 'guaranteeType guarantor needs at least one guarantor'
          : `guaranteeType ${args?.value} needs at least one collateral item`,
    },
  })
  guaranteeType!: (typeof GUARANTEE_TYPES)[number];

  /**
   * A housing loan for a second home (二套房), as the applicant declares it: the loan-to-value limit
   * is then the second home's. The checks also treat as such anyone with a housing loan at the bank.
   */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  secondHome?: boolean;

  /** 贷款保证保险: the policy an insurer issued on the loan, claimed on once it is over 90 days past due. */
  @ApiPropertyOptional({ type: () => CreditInsuranceRequest })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CreditInsuranceRequest)
  creditInsurance?: CreditInsuranceRequest;

  @ApiPropertyOptional({ type: [GuarantorRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => GuarantorRequest)
  guarantors?: GuarantorRequest[];

  @ApiPropertyOptional({ type: [CollateralRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CollateralRequest)
  collateral?: CollateralRequest[];

  @ApiProperty({ type: PaymentRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => PaymentRequest)
  payment!: PaymentRequest;

  @ApiPropertyOptional({ enum: REPAYMENT_METHODS, default: 'equal-installment' })
  @IsIn([...REPAYMENT_METHODS])
  repaymentMethod: (typeof REPAYMENT_METHODS)[number] = 'equal-installment';

  @ApiPropertyOptional({
    enum: DOCUMENT_KINDS,
    isArray: true,
    description:
      'Informative only: the kinds the customer manager declares handed in (defaults to the kinds ' +
      'of the files sent). The automatic checks read the papers uploaded to the loan, never this list.',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn([...DOCUMENT_KINDS], { each: true })
  documents?: string[];
}

export class ApplicationAccepted {
  @ApiProperty({ example: 'LN20261123-7KQ2M9' }) loanId!: string;
  @ApiProperty() processInstanceKey!: string;
}
