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
import {
  APPROVAL_LEVELS,
  ApprovalLevel,
  LoanProduct,
  RISK_GRADES,
  RiskGrade,
} from '@loanflow/domain';

export const DECIMAL_AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;

/**
 * What a human task needs to know of its loan, carried by the process as the `loan` variable:
 * shown beside the form, and the facts separation of duties and authority are checked against.
 * The people it is about are not in the engine: the inbox adds the applicant's name when it
 * stores the task, and the parties (`LoanParties`) when a form's rule needs them.
 */
export class LoanSummary {
  /** Added by the inbox from the loan register (never a process variable). */
  @IsOptional() @IsString() applicantName?: string;
  @IsOptional() @IsInt() @Min(0) guarantorCount?: number;
  /** Added from the register when a form's rule needs them: the guarantors by party id. */
  @IsOptional() @IsArray() guarantors?: { partyId: string; idNumber: string }[];
  @IsIn(['consumer', 'housing', 'business']) product!: LoanProduct;
  /** Decimal yuan as a string, e.g. "300000.00": never a float. */
  @Matches(DECIMAL_AMOUNT, { message: 'amount must be a decimal amount such as 300000.00' })
  amount!: string;
  @IsInt() @Min(1) termMonths!: number;
  @IsOptional() @IsIn([...RISK_GRADES]) riskGrade?: RiskGrade;
  @IsString() branchCode!: string;
  @IsOptional() @IsString() purpose?: string;
  @IsOptional() @IsIn(['credit', 'guarantor', 'mortgage', 'pledge']) guaranteeType?: string;
  @IsOptional() @IsIn(['entrusted', 'self']) paymentMethod?: string;
  @IsOptional() @Matches(/^0\.\d{2,6}$/) annualRate?: string;
  /** Mortgage or pledge: the loan-to-value asked and the limit the collateral allows (4 places). */
  @IsOptional() @Matches(/^\d+\.\d{4}$/) ltv?: string | null;
  @IsOptional() @Matches(/^\d+\.\d{4}$/) ltvLimit?: string | null;
  /** Principal the applicant still owes on loans with the bank (decimal yuan). */
  @IsOptional() @Matches(DECIMAL_AMOUNT) existingExposure?: string;
  /** Questions a reviewer or supervisor sent back with the file (退回补充), shown to whoever works it next. */
  @IsOptional() @IsArray() @IsString({ each: true }) openQuestions?: string[];
  /** On an approval task: the level this task is at and the level the loan needs. */
  @IsOptional() @IsObject() approval?: ApprovalStep;
  /** On an accountability decision: the people the dossier names, each needing a finding. */
  @IsOptional() @IsArray() @IsString({ each: true }) accountableActors?: string[];
  /** On the disbursement check: what the system found of the conditions. */
  @IsOptional() @IsObject() disbursementConditions?: {
    met: boolean;
    unmet: { code: string; reason: string }[];
    /** Every condition that applies, met or not (the supervisor's checklist). */
    checks?: { check: string; met: boolean }[];
  };
}

export interface ApprovalStep {
  level: ApprovalLevel;
  requiredLevel: ApprovalLevel;
}

/**
 * An approver below the level the loan needs agrees and refers it up (同意上报): the authority
 * check applies to the approver at (or above) the required level, whose decision is final.
 */
export function isFinalApprovalLevel(loan: LoanSummary): boolean {
  if (!loan.approval) return true;
  return (
    APPROVAL_LEVELS.indexOf(loan.approval.level) >=
    APPROVAL_LEVELS.indexOf(loan.approval.requiredLevel)
  );
}

export class LoanSummaryHolder {
  @IsObject() @ValidateNested() @Type(() => LoanSummary) loan!: LoanSummary;
}
