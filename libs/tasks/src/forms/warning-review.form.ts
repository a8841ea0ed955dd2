import { IsIn, IsString, Length, ValidateIf } from 'class-validator';
import type { FormDefinition } from './form-definition';

/** 预警复核: close the warning (the risk is under control) or escalate it to a higher level. */
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
