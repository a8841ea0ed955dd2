import { IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import type { FormDefinition } from './form-definition';

/**
 * 反要约确认: an approval that lends more than was asked (or recommended) is a new offer the
 * applicant has not made; the customer manager records whether they take it, and how they said so,
 * before any contract is signed. Unanswered in 15 days, it lapses.
 */
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
