import { DomainError } from '@loanflow/domain';
import type { CommitteeBallotRecords } from './committee-ballot-records';

export interface BallotToRecord {
  voteId: string | null;
  ballot: 'approve' | 'reject';
  reasons: string;
}

/**
 * Records a member's ballot in the completion's transaction: only in an open round of this loan's
 * vote, only by a member holding a seat in it, once. The round is locked so that a ballot and the
 * count never interleave: a ballot after the count is refused, not lost.
 */
export async function recordBallot(
  records: CommitteeBallotRecords,
  loanId: string | null,
  member: string,
  taskId: string,
  cast: BallotToRecord,
  now: Date,
): Promise<void> {
  const vote = cast.voteId ? await records.lockVote(cast.voteId) : null;
  if (!vote || !loanId || vote.loanId !== loanId)
    throw new DomainError(
      'COMMITTEE_VOTE_NOT_FOUND',
      `This task names no vote of the committee on loan ${loanId}; the ballot was not recorded.`,
    );
  if (vote.result !== null)
    throw new DomainError(
      'COMMITTEE_VOTE_CLOSED',
      `Round ${vote.round} of the committee's vote on this loan was counted at ${vote.closedAt?.toISOString()}; the ballot was not recorded.`,
    );
  if (!(JSON.parse(vote.seatsJson) as string[]).includes(member))
    throw new DomainError(
      'NO_COMMITTEE_SEAT',
      `${member} holds no seat in round ${vote.round} of the committee's vote on this loan.`,
    );
  const added = await records.addBallot({
    voteId: vote.id,
    member,
    ballot: cast.ballot,
    reasons: cast.reasons,
    taskId,
    castAt: now,
  });
  if (!added)
    throw new DomainError(
      'ALREADY_VOTED',
      `${member} has already voted in round ${vote.round} of the committee's vote on this loan.`,
    );
}
