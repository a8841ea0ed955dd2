import { IsBoolean, IsIn, IsString, Length, Matches, ValidateIf } from 'class-validator';
import type { FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { formLabels } from './form-labels';

/** 催收记录: one contact with the borrower about the arrears, and what came of it. */
@JSONSchema(
  formLabels<CollectionContact>({
    channel: [
      {
        title: '催收方式',
        enumLabels: { call: '电话', message: '短信', visit: '上门', letter: '信函' },
      },
      {
        title: 'Channel',
        enumLabels: { call: 'Call', message: 'Message', visit: 'Visit', letter: 'Letter' },
      },
    ],
    reached: [{ title: '已联系到借款人' }, { title: 'Borrower reached' }],
    outcome: [
      {
        title: '结果',
        enumLabels: {
          'promise-to-pay': '承诺还款',
          paid: '已还款',
          refused: '拒绝还款',
          unreachable: '无法联系',
          dispute: '有争议',
          other: '其他',
        },
      },
      {
        title: 'Outcome',
        enumLabels: {
          'promise-to-pay': 'Promise to pay',
          paid: 'Paid',
          refused: 'Refused',
          unreachable: 'Unreachable',
          dispute: 'Dispute',
          other: 'Other',
        },
      },
    ],
    promiseToPayDate: [
      { title: '承诺还款日', help: '承诺还款时必填，格式：年-月-日' },
      { title: 'Promised payment date', help: 'Required with a promise to pay; format YYYY-MM-DD' },
    ],
    notes: [
      { title: '催收记录', help: '沟通内容，至少 5 个字' },
      { title: 'Notes', help: 'The conversation, at least 5 characters' },
    ],
  }),
)
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
  // The notes are free text about the borrower (what they said, numbers they gave): kept in the
  // inbox's record and the audit trail, never in the engine.
  toVariables: ({ notes: _notes, ...contact }, completedBy) => ({
    lastContact: { ...contact, by: completedBy },
  }),
  summary: (answer) =>
    `${answer.channel}${answer.reached ? '' : ' (not reached)'}: ${answer.outcome}` +
    `${answer.promiseToPayDate ? ` on ${answer.promiseToPayDate}` : ''}: ${answer.notes}`,
};
