import {
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
import { coverProblems, Money, termsProblems } from '@loanflow/domain';
import { DECIMAL_AMOUNT, isFinalApprovalLevel } from '../loan-summary';
import type { FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { formLabels } from './form-labels';

/** 审批决定: approve with final terms, within the approver's authority, or reject with reasons. */
@JSONSchema(
  formLabels<ApprovalDecision>({
    decision: [
      { title: '决定', enumLabels: { approve: '同意', reject: '否决' } },
      { title: 'Decision', enumLabels: { approve: 'Approve', reject: 'Reject' } },
    ],
    amount: [
      { title: '金额', help: '批准的金额，以元为单位，如 300000.00（同意时必填）' },
      { title: 'Amount', help: 'The approved amount in yuan, e.g. 300000.00 (when approving)' },
    ],
    termMonths: [
      { title: '期限（月）', help: '1 到 360 个月（同意时必填）' },
      { title: 'Term (months)', help: '1 to 360 months (when approving)' },
    ],
    annualRate: [
      { title: '年利率', help: '以小数填写，如 0.0435 即 4.35%（同意时必填）' },
      { title: 'Annual rate', help: 'A decimal fraction, e.g. 0.0435 for 4.35% (when approving)' },
    ],
    counterOffer: [
      { title: '反要约', help: '批准金额高于申请或审查建议时勾选：须客户确认接受后方可签约' },
      {
        title: 'Counter-offer',
        help: 'Tick when lending more than asked or recommended: the applicant must accept before any contract',
      },
    ],
    conditions: [{ title: '附加条件' }, { title: 'Conditions' }],
    reasons: [
      { title: '理由', help: '决定的依据，至少 5 个字' },
      { title: 'Reasons', help: 'The grounds of the decision, at least 5 characters' },
    ],
  }),
)
export class ApprovalDecision {
  @IsIn(['approve', 'reject']) decision!: 'approve' | 'reject';

  @ValidateIf((d: ApprovalDecision) => d.decision === 'approve')
  @Matches(DECIMAL_AMOUNT, {
    message: 'amount must be the approved decimal amount such as 300000.00',
  })
  amount?: string;

  @ValidateIf((d: ApprovalDecision) => d.decision === 'approve')
  @IsInt()
  @Min(1)
  @Max(360)
  termMonths?: number;

  @ValidateIf((d: ApprovalDecision) => d.decision === 'approve')
  @Matches(/^0\.\d{2,6}$/, { message: 'annualRate must be a decimal fraction such as 0.0435' })
  annualRate?: string;

  /**
   * Lending more than was asked for (or than the reviewer recommended) is a counter-offer: the
   * customer manager must confirm the applicant accepts it before any contract is signed.
   */
  @IsOptional() @IsBoolean() counterOffer?: boolean;

  @IsOptional() @IsString() @Length(1, 2000) conditions?: string;

  @IsString()
  @Length(5, 4000, {
    message: 'reasons must give the grounds of the decision in at least 5 characters',
  })
  reasons!: string;
}

export const APPROVAL_DECISION: FormDefinition<ApprovalDecision> = {
  key: 'loanflow:approval-decision',
  title: 'Approval decision',
  titleZh: '贷款审批决定',
  duty: 'approval',
  dto: ApprovalDecision,
  outputs: ['approval', 'approvalDecision'],
  // The evidence beside the form: the investigation, the review, a lower level's approval when it
  // was referred up, and the scorecard with its factors.
  context: ['investigation', 'review', 'approval', 'scorecard', 'creditChecks', 'regrade'],
  toVariables: (answer, completedBy) => ({
    approval: { ...answer, by: completedBy },
    approvalDecision: answer.decision,
  }),
  summary: (answer, loan) => {
    const level = loan?.approval ? ` at ${loan.approval.level} level` : '';
    if (answer.decision === 'reject') return `rejected${level}: ${answer.reasons}`;
    const referred = loan && !isFinalApprovalLevel(loan) ? ', referred up' : '';
    const offer = answer.counterOffer ? ' as a counter-offer' : '';
    return `approved${level}${referred}${offer} ${answer.amount} for ${answer.termMonths} months at ${answer.annualRate}: ${answer.reasons}`;
  },
  // Within the application (or the recommendation) unless a counter-offer, the product's term and
  // the pricing grid for the loan's grade: at every level, referred up or final.
  checkDecision: (answer, facts) =>
    answer.decision !== 'approve'
      ? []
      : [
          ...termsProblems(
            {
              stage: 'approval',
              applied: facts.applied,
              recommendedAmount: facts.recommended.amount,
              amount: Money.parse(answer.amount!),
              termMonths: answer.termMonths!,
              annualRate: answer.annualRate!,
              counterOffer: answer.counterOffer === true,
              reasons: answer.reasons,
            },
            facts.terms,
          ),
          // Even a counter-offer may not lend beyond what the collateral secures.
          ...coverProblems('amount', Money.parse(answer.amount!), facts.cover),
        ],
  decision: (answer, loan) => ({
    kind: 'approval',
    outcome: answer.decision,
    level: loan?.approval?.level ?? null,
    amount: answer.decision === 'approve' ? answer.amount : null,
    termMonths: answer.decision === 'approve' ? answer.termMonths : null,
    annualRate: answer.decision === 'approve' ? answer.annualRate : null,
    counterOffer: answer.decision === 'approve' && answer.counterOffer === true,
    reasons: answer.reasons,
  }),
  authorityRequest: (answer, loan) =>
    answer.decision === 'approve' && answer.amount && isFinalApprovalLevel(loan)
      ? { amount: answer.amount }
      : null,
};
