import { IsIn, IsString, Length, ValidateIf } from 'class-validator';
import type { FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { formLabels } from './form-labels';

/** 预警复核: close the warning (the risk is under control) or escalate it to a higher level. */
@JSONSchema(
  formLabels<WarningReview>({
    decision: [
      { title: '复核结论', enumLabels: { close: '解除预警', escalate: '升级预警' } },
      { title: 'Decision', enumLabels: { close: 'Close the warning', escalate: 'Escalate' } },
    ],
    escalateTo: [
      { title: '升级为', help: '升级时必填', enumLabels: { orange: '橙色预警', red: '红色预警' } },
      {
        title: 'Escalate to',
        help: 'Required when escalating',
        enumLabels: { orange: 'Orange warning', red: 'Red warning' },
      },
    ],
    notes: [
      { title: '依据', help: '至少 10 个字' },
      { title: 'Grounds', help: 'At least 10 characters' },
    ],
  }),
)
export class WarningReview {
  @IsIn(['close', 'escalate']) decision!: 'close' | 'escalate';

  @ValidateIf((review: WarningReview) => review.decision === 'escalate')
  @IsIn(['orange', 'red'], { message: 'escalateTo must be orange or red when escalating' })
  escalateTo?: 'orange' | 'red';

  @IsString()
  @Length(10, 4000, { message: 'notes must give the grounds in at least 10 characters' })
  notes!: string;
}

export const WARNING_REVIEW: FormDefinition<WarningReview> = {
  key: 'loanflow:warning-review',
  title: 'Review a risk warning',
  titleZh: '预警复核',
  duty: null,
  dto: WarningReview,
  context: ['level', 'signal', 'description', 'warningAction', 'remediationPlan', 'emergencyPlan'],
  outputs: ['warningReview'],
  toVariables: (answer, completedBy) => ({
    warningReview: { escalateTo: null, ...answer, by: completedBy },
  }),
  summary: (answer) =>
    `${answer.decision === 'close' ? 'warning closed' : `escalated to ${answer.escalateTo}`}: ${answer.notes}`,
};
