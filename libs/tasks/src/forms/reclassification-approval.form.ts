import { IsBoolean, IsString, Length } from 'class-validator';
import { FormDefinition, refOf } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { DECISION_WITH_REASONS_LABELS, formLabels } from './form-labels';

/**
 * 五级分类上调审批: the risk manager's decision on a better classification an inspection proposed, or
 * the system did once the 2023 conditions were met (upgradeReason says which were found).
 */
@JSONSchema(formLabels<ReclassificationApproval>(DECISION_WITH_REASONS_LABELS))
export class ReclassificationApproval {
  @IsBoolean() approved!: boolean;

  @IsString()
  @Length(10, 2000, { message: 'reasons must explain the decision in at least 10 characters' })
  reasons!: string;
}

export const RECLASSIFICATION_APPROVAL: FormDefinition<ReclassificationApproval> = {
  key: 'loanflow:reclassification-approval',
  title: 'Approve a better classification',
  titleZh: '五级分类上调审批',
  duty: 'classification-upgrade-approval',
  dutyRef: (context) =>
    refOf('inspection', (context.inspection as { id?: unknown } | undefined)?.id),
  dto: ReclassificationApproval,
  context: ['proposedClassification', 'upgradeReason', 'inspectionReport', 'inspection'],
  outputs: ['reclassificationApproval'],
  toVariables: (answer, completedBy) => ({
    reclassificationApproval: { ...answer, by: completedBy },
  }),
  summary: (answer) =>
    `better classification ${answer.approved ? 'approved' : 'refused'}: ${answer.reasons}`,
};
