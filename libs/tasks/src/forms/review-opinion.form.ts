import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { Money, reviewPassProblems, termsProblems } from '@loanflow/domain';
import { DECIMAL_AMOUNT } from '../loan-summary';
import type { FormDefinition } from './form-definition';

/** 审查意见: the reviewer's opinion on legality, compliance and authenticity, and terms within policy. */
export class ReviewOpinion {
  @IsIn(['pass', 'return', 'reject']) outcome!: 'pass' | 'return' | 'reject';
  @IsBoolean() legalityChecked!: boolean;
  @IsBoolean() complianceChecked!: boolean;
  @IsBoolean() transactionAuthentic!: boolean;
  @IsBoolean() collateralStatusChecked!: boolean;
  @IsBoolean() relatedPartyAnomalies!: boolean;

  /**
   * The reviewer's finding on related-party anomalies (关联异常), when there are any: without one
   * the file cannot pass (return it to investigation, or reject it); with one it passes and the
   * approval goes at least one level up.
   */
  @IsOptional() @IsString() @Length(10, 2000) relatedPartyExplanation?: string;

  /** Questions the investigation must answer when the file is returned for supplement (退回补充). */
  @ValidateIf((o: ReviewOpinion) => o.outcome === 'return')
  @IsArray()
  @ArrayMinSize(1, {
    message: 'questions must list at least one question when the file is returned',
  })
  @IsString({ each: true })
  questions?: string[];

  @ValidateIf((o: ReviewOpinion) => o.outcome === 'reject')
  @IsString()
  @Length(10, 4000, { message: 'reasons must explain a rejection in at least 10 characters' })
  reasons?: string;

  @IsOptional() @Matches(DECIMAL_AMOUNT) recommendedAmount?: string;
  @IsOptional() @IsInt() @Min(1) @Max(360) recommendedTermMonths?: number;
  @IsOptional()
  @Matches(/^0\.\d{2,6}$/, {
    message: 'recommendedAnnualRate must be a decimal fraction such as 0.0435',
  })
  recommendedAnnualRate?: string;

  @IsOptional() @IsString() @Length(1, 4000) remarks?: string;
}

export const REVIEW_OPINION: FormDefinition<ReviewOpinion> = {
  key: 'loanflow:review-opinion',
  title: 'Review opinion',
  titleZh: '贷款审查意见',
  duty: 'review',
  dto: ReviewOpinion,
  outputs: ['review', 'reviewOutcome'],
  toVariables: (answer, completedBy) => ({
    review: { ...answer, by: completedBy },
    reviewOutcome: answer.outcome,
  }),
  summary: (answer) =>
    `review outcome: ${answer.outcome}${answer.reasons ? ` (${answer.reasons})` : ''}`,
  // A pass attests legality, compliance and authenticity (and the collateral where secured), and
  // recommends terms within the application, the product and the grid.
  checkDecision: (answer, facts) =>
    answer.outcome !== 'pass'
      ? []
      : [
          ...reviewPassProblems(answer, { secured: facts.secured }),
          ...termsProblems(
            {
              stage: 'recommendation',
              applied: facts.applied,
              amount: answer.recommendedAmount ? Money.parse(answer.recommendedAmount) : null,
              termMonths: answer.recommendedTermMonths ?? null,
              annualRate: answer.recommendedAnnualRate ?? null,
            },
            facts.terms,
          ),
        ],
  decision: (answer) => ({
    kind: 'review',
    outcome: answer.outcome,
    amount: answer.recommendedAmount ?? null,
    termMonths: answer.recommendedTermMonths ?? null,
    annualRate: answer.recommendedAnnualRate ?? null,
    reasons: answer.reasons ?? answer.relatedPartyExplanation ?? answer.remarks ?? null,
  }),
};
