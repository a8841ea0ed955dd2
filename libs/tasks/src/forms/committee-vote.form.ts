import { IsIn, IsString, Length } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import type { Ballot } from '@loanflow/domain';
import type { FormDefinition } from './form-definition';
import { formLabels } from './form-labels';
import { SqlCommitteeBallotRecords } from '../committee/committee-ballot-records';
import { recordBallot } from '../committee/committee-ballots';

/**
 * 贷审会委员表决: one member's ballot on the motion (the terms the level below approved). The
 * ballot is the member's own: the task is theirs alone, never delegated or claimed by another, and
 * the count is made from the ballots the register holds, not from process variables.
 */
@JSONSchema(
  formLabels<CommitteeVote>({
    ballot: [
      { title: '表决意见', enumLabels: { approve: '同意', reject: '不同意' } },
      { title: 'Ballot', enumLabels: { approve: 'For', reject: 'Against' } },
    ],
    reasons: [
      { title: '表决理由', help: '表决的依据，至少 5 个字' },
      { title: 'Reasons', help: 'The grounds of the ballot, at least 5 characters' },
    ],
  }),
)
export class CommitteeVote {
  @IsIn(['approve', 'reject'], { message: 'ballot must be approve or reject' })
  ballot!: Ballot;

  @IsString()
  @Length(5, 4000, {
    message: 'reasons must give the grounds of the ballot in at least 5 characters',
  })
  reasons!: string;
}

/** The ref a ballot's duty is recorded under: the committee's vote on the loan, whatever the round. */
export const COMMITTEE_VOTE_REF = 'committee-vote';

export const COMMITTEE_VOTE: FormDefinition<CommitteeVote> = {
  key: 'loanflow:committee-vote',
  title: 'Committee vote',
  titleZh: '贷审会委员表决',
  // A member who investigated, reviewed or approved the loan below may not vote on it.
  duty: 'approval',
  // Every ballot on the loan is one act of the committee: a member votes again in a later round.
  dutyRef: () => COMMITTEE_VOTE_REF,
  repeatable: true,
  dto: CommitteeVote,
  // The engine learns only that this member voted: the count reads the ballots from the register.
  outputs: ['ballotCast'],
  context: [
    'investigation',
    'review',
    'approval',
    'scorecard',
    'creditChecks',
    'regrade',
    'committee',
  ],
  toVariables: () => ({ ballotCast: true }),
  summary: (answer) =>
    `voted ${answer.ballot === 'approve' ? 'for' : 'against'} the motion: ${answer.reasons}`,
  // The ballot in the register, in the completion's transaction: the count reads it there.
  record: (manager, answer, completion) => {
    const voteId = (completion.context.committee as { voteId?: unknown } | undefined)?.voteId;
    return recordBallot(
      new SqlCommitteeBallotRecords(manager),
      completion.businessKey,
      completion.completedBy,
      completion.taskId,
      {
        voteId: typeof voteId === 'string' || typeof voteId === 'number' ? String(voteId) : null,
        ballot: answer.ballot,
        reasons: answer.reasons,
      },
      completion.at,
    );
  },
};
