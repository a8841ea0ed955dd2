import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DECIMAL_AMOUNT } from '../loan-summary';
import type { FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { AMOUNT_HELP, formLabels } from './form-labels';

const DOCUMENT_KINDS = {
  zh: {
    complaint: '起诉状',
    'filing-notice': '受理通知书',
    judgment: '判决书',
    mediation: '调解书',
    'enforcement-application': '强制执行申请书',
    'termination-ruling': '终结本次执行裁定书',
    'asset-search': '财产调查结果',
    other: '其他',
  },
  en: {
    complaint: 'Complaint',
    'filing-notice': 'Notice of acceptance',
    judgment: 'Judgment',
    mediation: 'Mediation agreement',
    'enforcement-application': 'Enforcement application',
    'termination-ruling': 'Ruling terminating enforcement',
    'asset-search': 'Asset search result',
    other: 'Other',
  },
};

/** A document on file for a step of the lawsuit: what it is and its number. */
@JSONSchema(
  formLabels<LegalDocument>({
    kind: [
      { title: '文书类型', enumLabels: DOCUMENT_KINDS.zh },
      { title: 'Document', enumLabels: DOCUMENT_KINDS.en },
    ],
    reference: [
      { title: '文书编号', help: '文号或档案编号' },
      { title: 'Reference', help: 'Document or file number' },
    ],
  }),
)
export class LegalDocument {
  @IsIn([
    'complaint',
    'filing-notice',
    'judgment',
    'mediation',
    'enforcement-application',
    'termination-ruling',
    'asset-search',
    'other',
  ])
  kind!: string;

  @IsString() @Length(2, 100) reference!: string;
}

/**
 * 诉讼进展: one step of the lawsuit over the loan, dated, with its court, case and ruling numbers
 * and the documents on file. Ends when enforcement is terminated (终结本次执行), the case is
 * settled, or no recoverable assets are found: what the write-off criteria read.
 */
@JSONSchema(
  formLabels<LegalMilestone>({
    milestone: [
      {
        title: '诉讼进展',
        enumLabels: {
          filed: '已起诉立案',
          judgment: '已判决或调解',
          enforcement: '已申请强制执行',
          terminated: '终结本次执行',
          settled: '已和解',
          'no-recoverable-assets': '无可供执行财产',
        },
      },
      {
        title: 'Milestone',
        enumLabels: {
          filed: 'Filed',
          judgment: 'Judgment or mediation',
          enforcement: 'Enforcement applied for',
          terminated: 'Enforcement terminated',
          settled: 'Settled',
          'no-recoverable-assets': 'No recoverable assets',
        },
      },
    ],
    on: [
      { title: '日期', help: '该进展发生的日期' },
      { title: 'Date', help: 'The day of this step' },
    ],
    court: [
      { title: '法院', help: '受理法院' },
      { title: 'Court', help: 'The court hearing the case' },
    ],
    caseNumber: [
      { title: '案号', help: '如 (2027)浙0106民初123号' },
      { title: 'Case number', help: 'Such as (2027)浙0106民初123号' },
    ],
    reference: [
      { title: '文书编号', help: '判决、裁定时必填' },
      { title: 'Ruling number', help: 'Required for a judgment or ruling' },
    ],
    amountAwarded: [
      { title: '判决金额（元）', help: AMOUNT_HELP.zh },
      { title: 'Amount awarded (yuan)', help: AMOUNT_HELP.en },
    ],
    amountRecovered: [
      { title: '执行到位金额（元）', help: AMOUNT_HELP.zh },
      { title: 'Amount recovered (yuan)', help: AMOUNT_HELP.en },
    ],
    documents: [
      { title: '在卷文书', help: '核销审查所需的法律文书' },
      { title: 'Documents on file', help: 'The legal documents a write-off review needs' },
    ],
    notes: [
      { title: '记录', help: '至少 5 个字' },
      { title: 'Notes', help: 'At least 5 characters' },
    ],
  }),
)
export class LegalMilestone {
  @IsIn(['filed', 'judgment', 'enforcement', 'terminated', 'settled', 'no-recoverable-assets'], {
    message:
      'milestone must be filed, judgment, enforcement, terminated, settled or no-recoverable-assets',
  })
  milestone!:
    'filed' | 'judgment' | 'enforcement' | 'terminated' | 'settled' | 'no-recoverable-assets';

  @Matches(/^\d{4}-\d{2}-\d{2}$/, {
    message: 'on must be the date of the step, such as 2027-03-15',
  })
  on!: string;

  @IsOptional() @IsString() @Length(2, 100) court?: string;

  @IsOptional() @IsString() @Length(2, 100) caseNumber?: string;

  /** The ruling, judgment or notice number: required where the step is a court's decision. */
  @ValidateIf(
    (m: LegalMilestone) =>
      ['judgment', 'terminated', 'no-recoverable-assets'].includes(m.milestone) ||
      m.reference !== undefined,
  )
  @IsString()
  @Length(2, 100, { message: 'reference must give the ruling or notice number' })
  reference?: string;

  @IsOptional()
  @Matches(DECIMAL_AMOUNT, { message: 'amountAwarded must be a decimal amount such as 50000.00' })
  amountAwarded?: string;

  @IsOptional()
  @Matches(DECIMAL_AMOUNT, { message: 'amountRecovered must be a decimal amount such as 50000.00' })
  amountRecovered?: string;

  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => LegalDocument)
  documents!: LegalDocument[];

  @IsString()
  @Length(5, 4000, { message: 'notes must record what happened in at least 5 characters' })
  notes!: string;
}

export const LEGAL_MILESTONE: FormDefinition<LegalMilestone> = {
  key: 'loanflow:legal-milestone',
  title: 'Lawsuit milestone',
  titleZh: '诉讼进展',
  duty: null,
  dto: LegalMilestone,
  context: ['daysPastDue', 'legalMilestone'],
  outputs: ['legalMilestone'],
  toVariables: (answer, completedBy) => ({ legalMilestone: { ...answer, by: completedBy } }),
  summary: (answer) =>
    `${answer.milestone} on ${answer.on}${answer.reference ? ` (${answer.reference})` : ''}: ${answer.notes}`,
};
