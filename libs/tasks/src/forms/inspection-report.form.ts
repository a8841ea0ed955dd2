import { IsIn, IsString, Length } from 'class-validator';
import { LOAN_CLASSES, LoanClass, warningFromFindings, worseWarning } from '@loanflow/domain';
import { FormDefinition, refOf } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { LOAN_CLASS_LABELS, WARNING_LEVEL_LABELS, formLabels } from './form-labels';

/** 贷后检查报告: what the post-loan officer found, the classification proposed and the warning called for. */
@JSONSchema(
  formLabels<InspectionReport>({
    borrowerSituation: [
      {
        title: '借款人情况',
        enumLabels: { stable: '稳定', changed: '有变化', deteriorated: '恶化' },
      },
      {
        title: 'Borrower’s situation',
        enumLabels: { stable: 'Stable', changed: 'Changed', deteriorated: 'Deteriorated' },
      },
    ],
    finances: [
      {
        title: '财务状况',
        enumLabels: { stable: '稳定', declined: '下降', 'severely-declined': '严重下降' },
      },
      {
        title: 'Finances',
        enumLabels: {
          stable: 'Stable',
          declined: 'Declined',
          'severely-declined': 'Severely declined',
        },
      },
    ],
    guarantees: [
      {
        title: '担保情况',
        enumLabels: {
          adequate: '充足',
          weakened: '减弱',
          lost: '丧失',
          'not-applicable': '不适用',
        },
      },
      {
        title: 'Guarantees',
        enumLabels: {
          adequate: 'Adequate',
          weakened: 'Weakened',
          lost: 'Lost',
          'not-applicable': 'Not applicable',
        },
      },
    ],
    collateral: [
      {
        title: '抵质押物',
        enumLabels: {
          adequate: '充足',
          impaired: '受损',
          lost: '灭失',
          'not-applicable': '不适用',
        },
      },
      {
        title: 'Collateral',
        enumLabels: {
          adequate: 'Adequate',
          impaired: 'Impaired',
          lost: 'Lost',
          'not-applicable': 'Not applicable',
        },
      },
    ],
    useOfFunds: [
      {
        title: '资金用途',
        enumLabels: { 'as-agreed': '按约定使用', diverted: '被挪用', unverified: '未能核实' },
      },
      {
        title: 'Use of funds',
        enumLabels: { 'as-agreed': 'As agreed', diverted: 'Diverted', unverified: 'Unverified' },
      },
    ],
    findings: [
      { title: '检查发现', help: '至少 10 个字' },
      { title: 'Findings', help: 'At least 10 characters' },
    ],
    proposedClassification: [
      { title: '建议五级分类', enumLabels: LOAN_CLASS_LABELS.zh },
      { title: 'Proposed classification', enumLabels: LOAN_CLASS_LABELS.en },
    ],
    warningLevel: [
      {
        title: '建议预警级别',
        help: '检查发现可能要求更高级别',
        enumLabels: WARNING_LEVEL_LABELS.zh,
      },
      {
        title: 'Warning called for',
        help: 'The findings may call for a worse one',
        enumLabels: WARNING_LEVEL_LABELS.en,
      },
    ],
  }),
)
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
