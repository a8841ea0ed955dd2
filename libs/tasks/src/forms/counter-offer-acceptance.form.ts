import { IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import type { FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { formLabels } from './form-labels';

/**
 * 反要约确认: an approval that lends more than was asked (or recommended) is a new offer the
 * applicant has not made; the customer manager records whether they take it, and how they said so,
 * before any contract is signed. Unanswered in 15 days, it lapses.
 */
@JSONSchema(
  formLabels<CounterOfferAcceptance>({
    answer: [
      { title: '客户答复', enumLabels: { accepted: '接受', declined: '放弃' } },
      { title: 'Applicant’s answer', enumLabels: { accepted: 'Accepted', declined: 'Declined' } },
    ],
    channel: [
      {
        title: '答复方式',
        enumLabels: {
          'in-person': '临柜当面',
          'recorded-call': '录音电话',
          'signed-letter': '签字函件',
        },
      },
      {
        title: 'How it was given',
        enumLabels: {
          'in-person': 'In person',
          'recorded-call': 'Recorded call',
          'signed-letter': 'Signed letter',
        },
      },
    ],
    remarks: [
      { title: '说明', help: '放弃时必填，5 到 1000 个字' },
      { title: 'Remarks', help: 'Required when declined, 5 to 1000 characters' },
    ],
    evidenceRef: [
      { title: '凭证编号', help: '录音编号、函件编号等' },
      { title: 'Evidence reference', help: 'Recording or letter number' },
    ],
  }),
)
export class CounterOfferAcceptance {
  @IsIn(['accepted', 'declined'], { message: 'answer must be accepted or declined' })
  answer!: 'accepted' | 'declined';

  /** How the applicant gave the answer: in person at the branch, a recorded call, a signed letter. */
  @IsIn(['in-person', 'recorded-call', 'signed-letter'], {
    message: 'channel must be in-person, recorded-call or signed-letter',
  })
  channel!: 'in-person' | 'recorded-call' | 'signed-letter';

  @ValidateIf((a: CounterOfferAcceptance) => a.answer === 'declined' || a.remarks !== undefined)
  @IsString()
  @Length(5, 1000, { message: 'remarks must say in 5 to 1000 characters why it was declined' })
  remarks?: string;

  @IsOptional() @IsString() @Length(1, 100) evidenceRef?: string;
}

export const COUNTER_OFFER_ACCEPTANCE: FormDefinition<CounterOfferAcceptance> = {
  key: 'loanflow:counter-offer-acceptance',
  title: 'Counter-offer acceptance',
  titleZh: '反要约确认',
  duty: null,
  dto: CounterOfferAcceptance,
  context: ['approval'],
  outputs: ['offerAccepted', 'offerAcceptance'],
  toVariables: (answer, completedBy) => ({
    offerAccepted: answer.answer === 'accepted',
    offerAcceptance: { ...answer, by: completedBy },
  }),
  summary: (answer) =>
    `the applicant ${answer.answer} the counter-offer (${answer.channel})${answer.remarks ? `: ${answer.remarks}` : ''}`,
  decision: (answer) => ({
    kind: 'offer-acceptance',
    outcome: answer.answer,
    reasons: answer.remarks ?? null,
  }),
};
