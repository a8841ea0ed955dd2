import { IsBoolean, IsString, Length } from 'class-validator';
import type { FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { DECISION_WITH_REASONS_LABELS, formLabels } from './form-labels';

/** 核销审批: the credit committee's decision on writing off what the legal path left unrecovered. */
@JSONSchema(formLabels<WriteOffApproval>(DECISION_WITH_REASONS_LABELS))
export class WriteOffApproval {
  @IsBoolean() approved!: boolean;

  @IsString()
  @Length(10, 4000, { message: 'reasons must explain the decision in at least 10 characters' })
  reasons!: string;
}

export const WRITE_OFF_APPROVAL: FormDefinition<WriteOffApproval> = {
  key: 'loanflow:write-off-approval',
  title: 'Approve a write-off',
  titleZh: '核销审批',
  duty: 'write-off-approval',
  dto: WriteOffApproval,
  context: ['loss', 'legalAction', 'legalMilestone', 'writeOffCriteria', 'writeOffReview'],
  outputs: ['writeOffApproved', 'writeOffDecision'],
  toVariables: (answer, completedBy) => ({
    writeOffApproved: answer.approved,
    writeOffDecision: { ...answer, by: completedBy },
  }),
  summary: (answer) => `write-off ${answer.approved ? 'approved' : 'refused'}: ${answer.reasons}`,
};
