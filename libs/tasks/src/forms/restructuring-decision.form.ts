import { IsBoolean, IsIn, IsString, Length } from 'class-validator';
import { FormDefinition, refOf } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { DECISION_WITH_REASONS_LABELS, formLabels } from './form-labels';

/** 展期/重组审查: the reviewer's opinion on an extension or restructuring request. */
@JSONSchema(
  formLabels<RestructuringReview>({
    outcome: [
      { title: '审查结论', enumLabels: { pass: '通过', reject: '否决' } },
      { title: 'Outcome', enumLabels: { pass: 'Pass', reject: 'Reject' } },
    ],
    opinion: [
      { title: '审查意见', help: '至少 10 个字' },
      { title: 'Opinion', help: 'At least 10 characters' },
    ],
  }),
)
export class RestructuringReview {
  @IsIn(['pass', 'reject']) outcome!: 'pass' | 'reject';

  @IsString()
  @Length(10, 4000, { message: 'opinion must give the grounds in at least 10 characters' })
  opinion!: string;
}

export const RESTRUCTURING_REVIEW: FormDefinition<RestructuringReview> = {
  key: 'loanflow:restructuring-review',
  title: 'Review an extension or restructuring',
  titleZh: '展期/重组审查',
  duty: 'restructuring-review',
  dutyRef: (context) => refOf('restructuring', context.restructuringId),
  dto: RestructuringReview,
  context: ['restructuring', 'restructuringId'],
  outputs: ['restructuringReview'],
  toVariables: (answer, completedBy) => ({ restructuringReview: { ...answer, by: completedBy } }),
  summary: (answer) => `restructuring review: ${answer.outcome}: ${answer.opinion}`,
};

/** 展期/重组审批: the approver's decision, within the authority delegated for the loan's amount. */
@JSONSchema(formLabels<RestructuringApproval>(DECISION_WITH_REASONS_LABELS))
export class RestructuringApproval {
  @IsBoolean() approved!: boolean;

  @IsString()
  @Length(10, 4000, { message: 'reasons must give the grounds in at least 10 characters' })
  reasons!: string;
}

export const RESTRUCTURING_APPROVAL: FormDefinition<RestructuringApproval> = {
  key: 'loanflow:restructuring-approval',
  title: 'Approve an extension or restructuring',
  titleZh: '展期/重组审批',
  duty: 'restructuring-approval',
  dutyRef: (context) => refOf('restructuring', context.restructuringId),
  dto: RestructuringApproval,
  context: ['restructuring', 'restructuringReview', 'restructuringId'],
  outputs: ['restructuringApproval'],
  toVariables: (answer, completedBy) => ({ restructuringApproval: { ...answer, by: completedBy } }),
  summary: (answer) =>
    `restructuring ${answer.approved ? 'approved' : 'refused'}: ${answer.reasons}`,
  // Changing the terms of a loan is approved within the approver's authority for its amount.
  authorityRequest: (answer, loan) => (answer.approved ? { amount: loan.amount } : null),
};
