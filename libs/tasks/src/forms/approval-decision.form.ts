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

/**
 * 审批决定: approve with final terms, within the approver's authority; reject with reasons; or refer
 * up (报上级审批): send the loan to the next level with the proposed terms and the grounds, without
 * approving it, e.g. when the terms are above the approver's own authority (ABOVE_AUTHORITY). The
 * model routes a refer-up to its ReferUp step; the committee, the last level, cannot refer up.
 */
@JSONSchema(
  formLabels<ApprovalDecision>({
    decision: [
      {
        title: '决定',
        enumLabels: { approve: '同意', reject: '否决', 'refer-up': '报上级审批' },
        help: '超出本人审批权限时选择“报上级审批”：以拟批条件和理由提交上一级审批，本人不作同意',
      },
      {
        title: 'Decision',
        enumLabels: { approve: 'Approve', reject: 'Reject', 'refer-up': 'Refer up' },
        help: 'Refer up when the terms exceed your authority: the next level decides on the proposed terms and your grounds; you do not approve',
      },
    ],
    amount: [
      { title: '金额', help: '批准（或报上级时拟批）的金额，以元为单位，如 300000.00' },
      {
        title: 'Amount',
        help: 'The approved (or, referring up, proposed) amount in yuan, e.g. 300000.00',
      },
    ],
    termMonths: [
      { title: '期限（月）', help: '1 到 360 个月（同意或报上级时必填）' },
      { title: 'Term (months)', help: '1 to 360 months (when approving or referring up)' },
    ],
    annualRate: [
      { title: '年利率', help: '以小数填写，如 0.0435 即 4.35%（同意或报上级时必填）' },
      {
        title: 'Annual rate',
        help: 'A decimal fraction, e.g. 0.0435 for 4.35% (when approving or referring up)',
      },
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
  @IsIn(['approve', 'reject', 'refer-up']) decision!: 'approve' | 'reject' | 'refer-up';

  @ValidateIf(withTerms)
  @Matches(DECIMAL_AMOUNT, {
    message: 'amount must be the approved decimal amount such as 300000.00',
  })
  amount?: string;

  @ValidateIf(withTerms)
  @IsInt()
  @Min(1)
  @Max(360)
  termMonths?: number;

  @ValidateIf(withTerms)
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

/** An approval carries its terms; so does a refer-up (the terms proposed to the next level). */
function withTerms(d: ApprovalDecision): boolean {
  return d.decision === 'approve' || d.decision === 'refer-up';
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
    if (answer.decision === 'refer-up')
      return `referred up${level} to the next level, proposing ${answer.amount} for ${answer.termMonths} months at ${answer.annualRate}: ${answer.reasons}`;
    const referred = loan && !isFinalApprovalLevel(loan) ? ', referred up' : '';
    const offer = answer.counterOffer ? ' as a counter-offer' : '';
    return `approved${level}${referred}${offer} ${answer.amount} for ${answer.termMonths} months at ${answer.annualRate}: ${answer.reasons}`;
  },
  // Within the application (or the recommendation) unless a counter-offer, the product's term and
  // the pricing grid for the loan's grade: at every level, referred up or final.
  // A refer-up's proposal is held to the same bounds, and needs a level above this one.
  checkDecision: (answer, facts, loan) =>
    answer.decision === 'reject'
      ? []
      : [
          ...(answer.decision === 'refer-up' && loan?.approval?.level === 'committee'
            ? [
                {
                  field: 'decision',
                  reason: 'cannot be refer-up at the committee: there is no level above it',
                },
              ]
            : []),
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
    // A refer-up records the terms it proposed; only an approval's terms are ever lent on.
    amount: answer.decision !== 'reject' ? answer.amount : null,
    termMonths: answer.decision !== 'reject' ? answer.termMonths : null,
    annualRate: answer.decision !== 'reject' ? answer.annualRate : null,
    // A proposal above what was asked stays a counter-offer at the level it goes to.
    counterOffer: answer.decision !== 'reject' && answer.counterOffer === true,
    reasons: answer.reasons,
  }),
  authorityRequest: (answer, loan) =>
    answer.decision === 'approve' && answer.amount && isFinalApprovalLevel(loan)
      ? { amount: answer.amount }
      : null,
};
