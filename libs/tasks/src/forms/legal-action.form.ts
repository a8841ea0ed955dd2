import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DECIMAL_AMOUNT } from '../loan-summary';
import type { FormDefinition } from './form-definition';

/** 资产保全: the outcome of one legal or asset-preservation action on a loan over 90 days overdue. */
export class LegalAction {
  @IsIn(['pursuing', 'recovered', 'partially-recovered', 'failed'])
  outcome!: 'pursuing' | 'recovered' | 'partially-recovered' | 'failed';

  @IsOptional()
  @Matches(DECIMAL_AMOUNT, { message: 'recoveredAmount must be a decimal amount such as 50000.00' })
  recoveredAmount?: string;

  /** Court case number, claim number, auction reference. */
  @IsOptional() @IsString() @Length(2, 100) reference?: string;

  @IsString()
  @Length(5, 4000, { message: 'notes must record what was done in at least 5 characters' })
  notes!: string;
}

export const LEGAL_ACTION: FormDefinition<LegalAction> = {
  key: 'loanflow:legal-action',
  title: 'Legal action',
  titleZh: '法律及资产保全措施',
  duty: null,
  dto: LegalAction,
  context: ['openedAt', 'level', 'description', 'emergencyPlan'],
  outputs: ['legalAction'],
  toVariables: (answer, completedBy) => ({ legalAction: { ...answer, by: completedBy } }),
  summary: (answer) =>
    `${answer.outcome}${answer.recoveredAmount ? ` ${answer.recoveredAmount} recovered` : ''}${answer.reference ? ` (${answer.reference})` : ''}: ${answer.notes}`,
};
