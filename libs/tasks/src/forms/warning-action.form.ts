import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import type { FormDefinition } from './form-definition';

/** 预警处置: one action a warning asked for (the borrower's written explanation, extra collateral), and what came of it. */
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
