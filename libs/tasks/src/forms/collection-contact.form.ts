import { IsBoolean, IsIn, IsString, Length, Matches, ValidateIf } from 'class-validator';
import type { FormDefinition } from './form-definition';

/** 催收记录: one contact with the borrower about the arrears, and what came of it. */
export class CollectionContact {
  @IsIn(['call', 'message', 'visit', 'letter']) channel!: 'call' | 'message' | 'visit' | 'letter';
  @IsBoolean() reached!: boolean;
  @IsIn(['promise-to-pay', 'paid', 'refused', 'unreachable', 'dispute', 'other'])
  outcome!: 'promise-to-pay' | 'paid' | 'refused' | 'unreachable' | 'dispute' | 'other';

  @ValidateIf((c: CollectionContact) => c.outcome === 'promise-to-pay')
  @Matches(/^\d{4}-\d{2}-\d{2}$/, {
    message: 'promiseToPayDate must be the promised date, such as 2026-12-30',
  })
  promiseToPayDate?: string;

  @IsString()
  @Length(5, 2000, { message: 'notes must record the conversation in at least 5 characters' })
  notes!: string;
}

export const COLLECTION_CONTACT: FormDefinition<CollectionContact> = {
  key: 'loanflow:collection-contact',
  title: 'Collection contact',
  titleZh: '催收记录',
  duty: null,
  dto: CollectionContact,
  context: ['openedAt', 'lastContact'],
  outputs: ['lastContact'],
  toVariables: (answer, completedBy) => ({ lastContact: { ...answer, by: completedBy } }),
  summary: (answer) =>
    `${answer.channel}${answer.reached ? '' : ' (not reached)'}: ${answer.outcome}` +
    `${answer.promiseToPayDate ? ` on ${answer.promiseToPayDate}` : ''}: ${answer.notes}`,
};
