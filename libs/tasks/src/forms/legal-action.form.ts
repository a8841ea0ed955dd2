import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DECIMAL_AMOUNT } from '../loan-summary';
import type { FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { AMOUNT_HELP, formLabels } from './form-labels';

/** 资产保全: the outcome of one legal or asset-preservation action on a loan over 90 days overdue. */
@JSONSchema(
  formLabels<LegalAction>({
    outcome: [
      {
        title: '进展',
        enumLabels: {
          pursuing: '进行中',
          recovered: '已全部收回',
          'partially-recovered': '部分收回',
          failed: '未能收回',
        },
      },
      {
        title: 'Outcome',
        enumLabels: {
          pursuing: 'Pursuing',
          recovered: 'Recovered',
          'partially-recovered': 'Partially recovered',
          failed: 'Failed',
        },
      },
    ],
    recoveredAmount: [
      { title: '收回金额（元）', help: AMOUNT_HELP.zh },
      { title: 'Recovered amount (yuan)', help: AMOUNT_HELP.en },
    ],
    reference: [
      { title: '案号或文书编号', help: '法院案号、债权申报号、拍卖编号等' },
      { title: 'Reference', help: 'Court case, claim or auction reference' },
    ],
    notes: [
      { title: '处置记录', help: '所做的工作，至少 5 个字' },
      { title: 'Notes', help: 'What was done, at least 5 characters' },
    ],
  }),
)
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
