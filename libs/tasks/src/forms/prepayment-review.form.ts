import { IsIn, IsString, Length } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { FormDefinition, refOf } from './form-definition';
import { formLabels } from './form-labels';

/** 提前还款审查: the reviewer (审查岗) passes or rejects a part prepayment request. */
@JSONSchema(
  formLabels<PrepaymentReview>({
    outcome: [
      { title: '审查结论', enumLabels: { pass: '同意', reject: '否决' } },
      { title: 'Outcome', enumLabels: { pass: 'Approve', reject: 'Reject' } },
    ],
    opinion: [
      { title: '审查意见', help: '至少 10 个字' },
      { title: 'Opinion', help: 'At least 10 characters' },
    ],
  }),
)
export class PrepaymentReview {
  @IsIn(['pass', 'reject']) outcome!: 'pass' | 'reject';

  @IsString()
  @Length(10, 4000, { message: 'opinion must give the grounds in at least 10 characters' })
  opinion!: string;
}

export const PREPAYMENT_REVIEW: FormDefinition<PrepaymentReview> = {
  key: 'loanflow:prepayment-review',
  title: 'Review a part prepayment',
  titleZh: '提前还款审查',
  duty: 'prepayment-review',
  dutyRef: (context) => refOf('prepayment', context.prepaymentId),
  dto: PrepaymentReview,
  context: ['prepayment', 'prepaymentId'],
  outputs: ['prepaymentReview'],
  toVariables: (answer, completedBy) => ({ prepaymentReview: { ...answer, by: completedBy } }),
  summary: (answer) => `part prepayment review: ${answer.outcome}: ${answer.opinion}`,
};
