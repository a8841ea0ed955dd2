import { ArrayUnique, IsArray, IsIn, IsString, Length, Matches, ValidateIf } from 'class-validator';
import type { FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { formLabels } from './form-labels';

export const EMERGENCY_MEASURES = ['early-recall', 'extra-collateral', 'legal-action'] as const;
export type EmergencyMeasure = (typeof EMERGENCY_MEASURES)[number];

/** 应急预案: the risk manager's emergency measures on a red warning; none chosen means monitoring only. */
@JSONSchema(
  formLabels<EmergencyPlan>({
    measures: [
      {
        title: '应急措施',
        help: '不选即仅持续监测',
        enumLabels: {
          'early-recall': '提前收回贷款',
          'extra-collateral': '追加担保',
          'legal-action': '采取法律措施',
        },
      },
      {
        title: 'Measures',
        help: 'None chosen means monitoring only',
        enumLabels: {
          'early-recall': 'Early recall',
          'extra-collateral': 'Extra collateral',
          'legal-action': 'Legal action',
        },
      },
    ],
    recallDueOn: [
      { title: '提前收回到期日', help: '选择提前收回时必填; 已过的日期即当日到期' },
      { title: 'Recall due date', help: 'Required with early recall; a past date means today' },
    ],
    notes: [
      { title: '依据', help: '至少 10 个字' },
      { title: 'Grounds', help: 'At least 10 characters' },
    ],
  }),
)
export class EmergencyPlan {
  @IsArray()
  @ArrayUnique()
  @IsIn([...EMERGENCY_MEASURES], {
    each: true,
    message: `measures must each be one of ${EMERGENCY_MEASURES.join(', ')}`,
  })
  measures!: EmergencyMeasure[];

  /**
   * With early recall: the date the whole outstanding principal falls due (the notice's deadline).
   * A date already past means at once (the business date the recall is carried out).
   */
  @ValidateIf((plan: EmergencyPlan) => plan.measures?.includes('early-recall'))
  @Matches(/^\d{4}-\d{2}-\d{2}$/, {
    message: 'recallDueOn must be the date the recalled loan falls due, such as 2027-03-31',
  })
  recallDueOn?: string;

  @IsString()
  @Length(10, 4000, { message: 'notes must give the grounds in at least 10 characters' })
  notes!: string;
}

export const EMERGENCY_PLAN: FormDefinition<EmergencyPlan> = {
  key: 'loanflow:emergency-plan',
  title: 'Emergency plan',
  titleZh: '应急预案',
  duty: null,
  dto: EmergencyPlan,
  context: ['level', 'signal', 'description'],
  outputs: ['emergencyPlan', 'recallLoan', 'recallDueOn', 'demandCollateral', 'takeLegalAction'],
  toVariables: (answer, completedBy) => ({
    emergencyPlan: { ...answer, by: completedBy },
    recallLoan: answer.measures.includes('early-recall'),
    recallDueOn: answer.measures.includes('early-recall') ? answer.recallDueOn : null,
    demandCollateral: answer.measures.includes('extra-collateral'),
    takeLegalAction: answer.measures.includes('legal-action'),
  }),
  summary: (answer) =>
    `emergency plan: ${answer.measures.length ? answer.measures.join(', ') : 'monitoring only'}${answer.recallDueOn && answer.measures.includes('early-recall') ? ` (recalled, due ${answer.recallDueOn})` : ''}: ${answer.notes}`,
};
