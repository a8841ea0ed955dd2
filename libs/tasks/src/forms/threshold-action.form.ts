import { IsString, Length, Matches } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { DomainError, textOf } from '@loanflow/domain';
import { ThresholdCrossingEntity } from '@loanflow/persistence';
import type { FormDefinition } from './form-definition';
import { formLabels } from './form-labels';

/** 警戒水平整改计划: the center manager's answer to a figure of the unit past head office's level. */
@JSONSchema(
  formLabels<ThresholdAction>({
    cause: [
      { title: '原因分析', help: '指标越过警戒水平的原因，至少 10 个字' },
      { title: 'Cause', help: 'Why the figure crossed the level, at least 10 characters' },
    ],
    actions: [
      { title: '整改措施', help: '具体措施、责任人，至少 10 个字' },
      { title: 'Actions', help: 'What will be done and by whom, at least 10 characters' },
    ],
    reviewOn: [
      { title: '复核日期', help: 'YYYY-MM-DD' },
      { title: 'Review on', help: 'YYYY-MM-DD' },
    ],
  }),
)
export class ThresholdAction {
  @IsString()
  @Length(10, 4000, { message: 'cause must explain the crossing in 10 to 4000 characters' })
  cause!: string;

  @IsString()
  @Length(10, 4000, { message: 'actions must name the measures in 10 to 4000 characters' })
  actions!: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'reviewOn must be a date written YYYY-MM-DD' })
  reviewOn!: string;
}

/**
 * The action plan for a crossing of a warning level (its figure, the level, the loans behind it
 * are the task's context). The plan is free text: kept, encrypted, on the crossing (`record`);
 * the engine gets only the review date.
 */
export const THRESHOLD_ACTION: FormDefinition<ThresholdAction> = {
  key: 'loanflow:threshold-action',
  title: 'Action plan for a figure past its warning level',
  titleZh: '警戒水平整改计划',
  duty: null,
  dto: ThresholdAction,
  context: [
    'crossingId',
    'orgUnitCode',
    'figure',
    'figureName',
    'figureValue',
    'thresholdValue',
    'direction',
    'asOf',
    'crossingLoans',
  ],
  outputs: ['actionPlanReviewOn'],
  toVariables: (answer) => ({ actionPlanReviewOn: answer.reviewOn }),
  summary: (answer) => `action plan recorded; review on ${answer.reviewOn}`,
  async record(manager, answer, completion) {
    const id = textOf(completion.context.crossingId);
    const crossing = await manager.findOne(ThresholdCrossingEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!crossing)
      throw new DomainError('CROSSING_NOT_FOUND', `The task names no crossing (${id}).`);
    if (crossing.answeredAt)
      throw new DomainError('CONFLICT', `Crossing ${id} has its action plan already.`);
    await manager.update(
      ThresholdCrossingEntity,
      { id },
      {
        actionPlan: JSON.stringify({
          cause: answer.cause,
          actions: answer.actions,
          reviewOn: answer.reviewOn,
        }),
        answeredBy: completion.completedBy,
        answeredAt: completion.at,
      },
    );
  },
};
