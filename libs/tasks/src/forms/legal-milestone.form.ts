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

/** A document on file for a step of the lawsuit: what it is and its number. */
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
