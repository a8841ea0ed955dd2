import {
  Ballot,
  committeeRules,
  countVote,
  DEFAULT_COMMITTEE_RULES,
  parseFraction,
} from './committee-vote';

const ballots = (approve: number, reject: number): Ballot[] => [
  ...Array<Ballot>(approve).fill('approve'),
  ...Array<Ballot>(reject).fill('reject'),
];

describe('committee vote (贷审会表决)', () => {
  const rules = DEFAULT_COMMITTEE_RULES;

  it('approves with two thirds of the ballots when two thirds of the seats vote', () => {
    const count = countVote(3, ballots(2, 1), rules, 1);
    expect(count).toMatchObject({
      result: 'approved',
      cast: 3,
      approve: 2,
      quorumNeeded: 2,
      approvalsNeeded: 2,
    });
    expect(count.summary).toBe(
      'round 1: approved (2 for, 1 against, 3 of 3 seats voting; 2 approving needed)',
    );
  });

  it('does not approve on a tie or a simple majority below two thirds', () => {
    expect(countVote(3, ballots(1, 1), rules, 1).result).toBe('rejected');
    expect(countVote(5, ballots(2, 2), rules, 1).result).toBe('rejected');
    // 3 of 5 is a majority but below two thirds.
    expect(countVote(5, ballots(3, 2), rules, 1)).toMatchObject({
      result: 'rejected',
      approvalsNeeded: 4,
    });
    expect(countVote(5, ballots(4, 1), rules, 1).result).toBe('approved');
  });

  it('counts only the ballots cast: two of three seats voting in favour approve', () => {
    expect(countVote(3, ballots(2, 0), rules, 1)).toMatchObject({ result: 'approved', cast: 2 });
  });

  it('has no quorum below two thirds of the seats, and convenes again until the last round', () => {
    const first = countVote(3, ballots(1, 0), rules, 1);
    expect(first).toMatchObject({ result: 'no-quorum', quorumNeeded: 2, reconvene: true });
    expect(first.summary).toContain('convened again');
    const last = countVote(3, ballots(1, 0), rules, 2);
    expect(last).toMatchObject({ result: 'no-quorum', reconvene: false });
    expect(last.summary).toContain('after 2 rounds the committee has not decided');
    // Six seats: four must vote.
    expect(countVote(6, ballots(3, 0), rules, 1).result).toBe('no-quorum');
    expect(countVote(6, ballots(4, 0), rules, 1).result).toBe('approved');
  });

  it('never decides with fewer votes than the minimum, even when every seat voted', () => {
    const alone = countVote(1, ballots(1, 0), rules, 2);
    expect(alone).toMatchObject({ result: 'no-quorum', quorumNeeded: 2 });
    expect(alone.summary).toContain('fewer than 2 members may vote on this loan');
    expect(countVote(0, [], rules, 1)).toMatchObject({ result: 'no-quorum', cast: 0 });
  });

  it('refuses more ballots than seats', () => {
    expect(() => countVote(2, ballots(2, 1), rules, 1)).toThrow(/3 ballots were cast for 2 seats/);
  });

  it('reads the settings and refuses a majority that would let a tie pass', () => {
    expect(parseFraction('3/4', 'X')).toEqual({ numerator: 3, denominator: 4 });
    expect(parseFraction('1', 'X')).toEqual({ numerator: 1, denominator: 1 });
    expect(() => parseFraction('4/3', 'COMMITTEE_QUORUM')).toThrow(/COMMITTEE_QUORUM must be/);
    expect(() => parseFraction('0.6', 'COMMITTEE_QUORUM')).toThrow(/fraction/);
    expect(() =>
      committeeRules({ quorum: '2/3', majority: '1/2', minimumVotes: 2, maxRounds: 2 }),
    ).toThrow(/more than one half/);
    expect(() =>
      committeeRules({ quorum: '2/3', majority: '2/3', minimumVotes: 1, maxRounds: 2 }),
    ).toThrow(/COMMITTEE_MIN_VOTES/);
    const simple = committeeRules({
      quorum: '1/2',
      majority: '3/5',
      minimumVotes: 3,
      maxRounds: 1,
    });
    expect(countVote(5, ballots(2, 1), simple, 1)).toMatchObject({
      result: 'approved',
      approvalsNeeded: 2,
    });
    expect(countVote(5, ballots(2, 0), simple, 1)).toMatchObject({
      result: 'no-quorum',
      reconvene: false,
    });
  });
});
