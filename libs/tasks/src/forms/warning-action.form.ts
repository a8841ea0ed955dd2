import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import type { FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { formLabels } from './form-labels';

/** 预警处置: one action a warning asked for (the borrower's written explanation, extra collateral), and what came of it. */
@JSONSchema(
  formLabels<WarningAction>({
    done: [{ title: '已完成' }, { title: 'Done' }],
    reference: [
      { title: '凭证编号', help: '说明函编号、担保合同编号等' },
      { title: 'Reference', help: 'Explanation letter or guarantee contract number' },
    ],
    notes: [
      { title: '处置记录', help: '所做的工作，至少 5 个字' },
      { title: 'Notes', help: 'What was done, at least 5 characters' },
    ],
  }),
)
export class WarningAction {
  @IsBoolean() done!: boolean;

  /** The document or registration that shows it (explanation letter number, guarantee contract). */
  @IsOptional() @IsString() @Length(2, 100) reference?: string;

  @IsString()
  @Length(5, 4000, { message: 'notes must record what was done in at least 5 characters' })
  notes!: string;
}

export const WARNING_ACTION: FormDefinition<WarningAction> = {
  key: 'loanflow:warning-action',
  title: 'Warning action',
  titleZh: '预警处置',
  duty: null,
  dto: WarningAction,
  context: ['level', 'signal', 'description'],
  outputs: ['warningAction'],
  toVariables: (answer, completedBy) => ({ warningAction: { ...answer, by: completedBy } }),
  summary: (answer) =>
    `${answer.done ? 'done' : 'not done'}${answer.reference ? ` (${answer.reference})` : ''}: ${answer.notes}`,
};
