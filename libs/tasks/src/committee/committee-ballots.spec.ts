import { CommitteeVoteEntity } from '@loanflow/persistence';
import { CommitteeBallotRecords, NewBallot } from './committee-ballot-records';
import { BallotToRecord, recordBallot } from './committee-ballots';

const LOAN = 'LN20270310-HZ0001';
const CAST_AT = new Date('2027-03-12T06:30:00.000Z');

function round(id: string, over: Partial<CommitteeVoteEntity> = {}): CommitteeVoteEntity {
  return Object.assign(new CommitteeVoteEntity(), {
    id,
    loanId: LOAN,
    processInstanceKey: '2251799813685249',
    round: 1,
    unitCode: 'HO',
    seatsJson: '["lu.committee","he.committee","ma.committee"]',
    recusedJson: '[]',
    result: null,
    closedAt: null,
    ...over,
  });
}

/** The rounds and ballots in memory, one ballot per member and round as the unique key keeps. */
class FakeBallots extends CommitteeBallotRecords {
  votes: CommitteeVoteEntity[] = [round('5')];
  ballots: NewBallot[] = [];
  readonly locked: string[] = [];

  async lockVote(voteId: string): Promise<CommitteeVoteEntity | null> {
    this.locked.push(voteId);
    return this.votes.find((v) => v.id === voteId) ?? null;
  }
  async addBallot(ballot: NewBallot): Promise<boolean> {
    if (this.ballots.some((b) => b.voteId === ballot.voteId && b.member === ballot.member))
      return false;
    this.ballots.push(ballot);
    return true;
  }
}

const approve: BallotToRecord = {
  voteId: '5',
  ballot: 'approve',
  reasons: '还款能力充足，抵押足值',
};

const cast = (
  records: CommitteeBallotRecords,
  member = 'lu.committee',
  ballot: BallotToRecord = approve,
  loanId: string | null = LOAN,
) => recordBallot(records, loanId, member, '88', ballot, CAST_AT);

describe('a committee member’s ballot', () => {
  it('keeps a seated member’s ballot in the open round, locking the round first', async () => {
    const records = new FakeBallots();
    await cast(records);
    expect(records.locked).toEqual(['5']);
    expect(records.ballots).toEqual([
      {
        voteId: '5',
        member: 'lu.committee',
        ballot: 'approve',
        reasons: '还款能力充足，抵押足值',
        taskId: '88',
        castAt: CAST_AT,
      },
    ]);
  });

  it('refuses a second ballot of the same member in the round', async () => {
    const records = new FakeBallots();
    await cast(records);
    await expect(
      cast(records, 'lu.committee', { ...approve, ballot: 'reject' }),
    ).rejects.toThrowDomainError('ALREADY_VOTED', {
      message: "lu.committee has already voted in round 1 of the committee's vote on this loan.",
    });
    expect(records.ballots.map((b) => b.ballot)).toEqual(['approve']);
  });

  it('takes the same member’s ballot again in a later round', async () => {
    const records = new FakeBallots();
    records.votes.push(round('6', { round: 2 }));
    await cast(records);
    await cast(records, 'lu.committee', { ...approve, voteId: '6' });
    expect(records.ballots.map((b) => b.voteId)).toEqual(['5', '6']);
  });

  it('refuses a member without a seat in the round (recused or not on the committee)', async () => {
    const records = new FakeBallots();
    records.votes = [round('5', { seatsJson: '["he.committee","ma.committee"]' })];
    await expect(cast(records)).rejects.toThrowDomainError('NO_COMMITTEE_SEAT', {
      message: "lu.committee holds no seat in round 1 of the committee's vote on this loan.",
    });
    expect(records.ballots).toEqual([]);
  });

  it('refuses a ballot after the round was counted, naming when', async () => {
    const records = new FakeBallots();
    records.votes = [
      round('5', { result: 'no-quorum', closedAt: new Date('2027-03-12T06:00:00.000Z') }),
    ];
    await expect(cast(records)).rejects.toThrowDomainError('COMMITTEE_VOTE_CLOSED', {
      message:
        "Round 1 of the committee's vote on this loan was counted at 2027-03-12T06:00:00.000Z; the ballot was not recorded.",
    });
    expect(records.ballots).toEqual([]);
  });

  it('refuses a task naming no vote, an unknown vote, another loan’s vote or no loan', async () => {
    const records = new FakeBallots();
    records.votes.push(round('9', { loanId: 'LN20270310-HZ0002' }));
    const refused: [BallotToRecord, string | null][] = [
      [{ ...approve, voteId: null }, LOAN],
      [{ ...approve, voteId: '404' }, LOAN],
      [{ ...approve, voteId: '9' }, LOAN],
      [approve, null],
    ];
    for (const [ballot, loanId] of refused)
      await expect(cast(records, 'lu.committee', ballot, loanId)).rejects.toThrowDomainError(
        'COMMITTEE_VOTE_NOT_FOUND',
        { message: /names no vote of the committee on loan .*; the ballot was not recorded\.$/ },
      );
    expect(records.locked).toEqual(['404', '9', '5']);
    expect(records.ballots).toEqual([]);
  });
});
