import { IsBoolean, IsString, Length, Matches } from 'class-validator';
import { endOfBeijingDay } from '@loanflow/domain';
import type { FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { DATE_HELP, formLabels } from './form-labels';

/** 整改方案: what the borrower will put right, agreed with them, and by when. */
@JSONSchema(
  formLabels<RemediationPlan>({
    measures: [
      { title: '整改措施', help: '与借款人商定的整改内容，至少 10 个字' },
      { title: 'Measures', help: 'What the borrower will put right, at least 10 characters' },
    ],
    deadline: [
      { title: '整改期限', help: DATE_HELP.zh },
      { title: 'Deadline', help: DATE_HELP.en },
    ],
    agreedWithBorrower: [{ title: '已与借款人达成一致' }, { title: 'Agreed with the borrower' }],
  }),
)
export class RemediationPlan {
  @IsString()
  @Length(10, 4000, { message: 'measures must describe the remediation in at least 10 characters' })
  measures!: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'deadline must be a date such as 2027-03-31' })
  deadline!: string;

  @IsBoolean() agreedWithBorrower!: boolean;
}

export const REMEDIATION_PLAN: FormDefinition<RemediationPlan> = {
  key: 'loanflow:remediation-plan',
  title: 'Remediation plan',
  titleZh: '整改方案',
  duty: null,
  dto: RemediationPlan,
  context: ['level', 'signal', 'description', 'warningAction'],
  outputs: ['remediationPlan', 'remediationDueAt'],
  toVariables: (answer, completedBy) => ({
    remediationPlan: { ...answer, by: completedBy },
    // The model's timer waits for the end of the deadline day in Beijing.
    remediationDueAt: endOfBeijingDay(answer.deadline).toISOString(),
  }),
  summary: (answer) =>
    `remediation due ${answer.deadline}${answer.agreedWithBorrower ? ' (agreed with the borrower)' : ''}: ${answer.measures}`,
};
