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
import { coverProblems, Money, reviewPassProblems, termsProblems } from '@loanflow/domain';
import { DECIMAL_AMOUNT } from '../loan-summary';
import type { FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { AMOUNT_HELP, RATE_HELP, formLabels } from './form-labels';

/** 审查意见: the reviewer's opinion on legality, compliance and authenticity, and terms within policy. */
@JSONSchema(
  formLabels<ReviewOpinion>({
    outcome: [
      { title: '审查结论', enumLabels: { pass: '通过', return: '退回补充', reject: '否决' } },
      {
        title: 'Outcome',
        enumLabels: { pass: 'Pass', return: 'Return for supplement', reject: 'Reject' },
      },
    ],
    legalityChecked: [{ title: '合法性已审查' }, { title: 'Legality checked' }],
    complianceChecked: [{ title: '合规性已审查' }, { title: 'Compliance checked' }],
    transactionAuthentic: [{ title: '交易真实' }, { title: 'Transaction authentic' }],
    collateralStatusChecked: [
      { title: '抵押物状态已核查' },
      { title: 'Collateral status checked' },
    ],
    relatedPartyAnomalies: [{ title: '存在关联方异常' }, { title: 'Related-party anomalies' }],
    ownerConsentChecked: [
      { title: '已核实抵质押物所有权人同意', help: '抵质押物不属于申请人时必须核实' },
      {
        title: 'Collateral owner’s consent checked',
        help: 'Required when the collateral belongs to someone other than the applicant',
      },
    ],
    relatedPartyExplanation: [
      { title: '关联异常审查意见', help: '存在关联异常时填写，至少 10 个字；没有此意见不能通过' },
      {
        title: 'Finding on the anomalies',
        help: 'When there are anomalies, at least 10 characters; without it the file cannot pass',
      },
    ],
    questions: [
      { title: '需补充的问题', help: '退回补充时至少列出一个问题' },
      { title: 'Questions', help: 'At least one when the file is returned' },
    ],
    reasons: [
      { title: '否决理由', help: '否决时必填，至少 10 个字' },
      { title: 'Reasons for rejection', help: 'Required for a rejection, at least 10 characters' },
    ],
    recommendedAmount: [
      { title: '建议金额（元）', help: AMOUNT_HELP.zh },
      { title: 'Recommended amount (yuan)', help: AMOUNT_HELP.en },
    ],
    recommendedTermMonths: [{ title: '建议期限（月）' }, { title: 'Recommended term (months)' }],
    recommendedAnnualRate: [
      { title: '建议年利率', help: RATE_HELP.zh },
      { title: 'Recommended annual rate', help: RATE_HELP.en },
    ],
    remarks: [{ title: '说明' }, { title: 'Remarks' }],
  }),
)
export class ReviewOpinion {
  @IsIn(['pass', 'return', 'reject']) outcome!: 'pass' | 'return' | 'reject';
  @IsBoolean() legalityChecked!: boolean;
  @IsBoolean() complianceChecked!: boolean;
  @IsBoolean() transactionAuthentic!: boolean;
  @IsBoolean() collateralStatusChecked!: boolean;
  @IsBoolean() relatedPartyAnomalies!: boolean;
  /** Collateral of someone other than the applicant: their written consent seen (有处分权人同意). */
  @IsOptional() @IsBoolean() ownerConsentChecked?: boolean;

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
  // The evidence beside the form: the investigator's report and the scorecard with its factors.
  context: ['investigation', 'scorecard', 'creditChecks', 'regrade'],
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
          ...reviewPassProblems(answer, {
            secured: facts.secured,
            thirdPartyCollateral: facts.thirdPartyCollateral,
          }),
          ...coverProblems(
            'recommendedAmount',
            answer.recommendedAmount ? Money.parse(answer.recommendedAmount) : facts.applied.amount,
            facts.cover,
          ),
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
