import { IsIn, IsString, Length } from 'class-validator';
import { LOAN_CLASSES, LoanClass, warningFromFindings, worseWarning } from '@loanflow/domain';
import { FormDefinition, refOf } from './form-definition';

/** 贷后检查报告: what the post-loan officer found, the classification proposed and the warning called for. */
export class InspectionReport {
  @IsIn(['stable', 'changed', 'deteriorated'])
  borrowerSituation!: 'stable' | 'changed' | 'deteriorated';
  @IsIn(['stable', 'declined', 'severely-declined'])
  finances!: 'stable' | 'declined' | 'severely-declined';
  @IsIn(['adequate', 'weakened', 'lost', 'not-applicable'])
  guarantees!: 'adequate' | 'weakened' | 'lost' | 'not-applicable';
  @IsIn(['adequate', 'impaired', 'lost', 'not-applicable'])
  collateral!: 'adequate' | 'impaired' | 'lost' | 'not-applicable';
  @IsIn(['as-agreed', 'diverted', 'unverified'])
  useOfFunds!: 'as-agreed' | 'diverted' | 'unverified';

  @IsString()
  @Length(10, 4000, { message: 'findings must describe what was seen in at least 10 characters' })
  findings!: string;

  @IsIn([...LOAN_CLASSES]) proposedClassification!: LoanClass;

  /** The warning the officer asks for; the findings may call for a worse one. */
  @IsIn(['none', 'yellow', 'orange', 'red'])
  warningLevel!: 'none' | 'yellow' | 'orange' | 'red';
}

export const INSPECTION_REPORT: FormDefinition<InspectionReport> = {
  key: 'loanflow:inspection-report',
  title: 'Post-loan inspection report',
  titleZh: '贷后检查报告',
  duty: 'classification-upgrade-proposal',
  dutyRef: (context) =>
    refOf('inspection', (context.inspection as { id?: unknown } | undefined)?.id),
  dto: InspectionReport,
  context: ['inspection'],
  outputs: ['inspectionReport'],
  toVariables: (answer, completedBy) => ({ inspectionReport: { ...answer, by: completedBy } }),
  summary: (answer) => {
    const warning = worseWarning(
      answer.warningLevel === 'none' ? null : answer.warningLevel,
      warningFromFindings(answer),
    );
    return `inspection: situation ${answer.borrowerSituation}, finances ${answer.finances}, funds ${answer.useOfFunds}; proposed ${answer.proposedClassification}${warning ? `, ${warning} warning` : ''}: ${answer.findings}`;
  },
};
