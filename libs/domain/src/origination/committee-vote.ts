import { DomainError } from '../errors/domain-error';

/**
 * 贷审会表决: how the credit committee's vote on a loan is counted.
 *
 * - The seats are the committee members of the approving unit who may vote on this loan: a member
 *   who investigated, reviewed or approved it at a lower level, or who is (or is related to) a party
 *   to it, is recused and holds no seat in this vote.
 * - Quorum: at least `quorum` of the seats must cast a ballot (rounded up), and never fewer than
 *   `minimumVotes` — one person alone is an approver, not a committee.
 * - Majority: the loan is approved when the approving ballots are at least `majority` of the
 *   ballots cast. The majority must be more than one half, so a tie never approves.
 * - Without quorum by the deadline the vote is convened again, up to `maxRounds` rounds; after the
 *   last one the committee has not decided and the application is not approved.
 */
export interface CommitteeRules {
  quorum: Fraction;
  majority: Fraction;
  minimumVotes: number;
  maxRounds: number;
}

export interface Fraction {
  numerator: number;
  denominator: number;
}

export type Ballot = 'approve' | 'reject';
export const BALLOTS: readonly Ballot[] = ['approve', 'reject'];

export type VoteResult = 'approved' | 'rejected' | 'no-quorum';

export interface VoteCount {
  result: VoteResult;
  seats: number;
  cast: number;
  approve: number;
  reject: number;
  /** Ballots needed for a quorum, and approving ballots needed to pass given those cast. */
  quorumNeeded: number;
  approvalsNeeded: number;
  /** A round without quorum that may be convened again. */
  reconvene: boolean;
  round: number;
  /** One line for the decision's reasons and the audit trail. */
  summary: string;
}

/** The defaults: two thirds of the seats attend, two thirds of the ballots approve. */
export const DEFAULT_COMMITTEE_RULES: CommitteeRules = {
  quorum: { numerator: 2, denominator: 3 },
  majority: { numerator: 2, denominator: 3 },
  minimumVotes: 2,
  maxRounds: 2,
};

/** `2/3`, `1/2`, `1`: a fraction between 0 (excluded) and 1 (included). */
export function parseFraction(text: string, setting: string): Fraction {
  const match = /^\s*(\d{1,3})\s*(?:\/\s*(\d{1,3}))?\s*$/.exec(text);
  const numerator = match ? Number(match[1]) : NaN;
  const denominator = match?.[2] ? Number(match[2]) : 1;
  if (!match || numerator <= 0 || denominator <= 0 || numerator > denominator)
    throw new DomainError(
      'INVALID_SETTING',
      `${setting} must be a fraction of at most 1 such as 2/3, not "${text}"`,
      { setting },
    );
  return { numerator, denominator };
}

/** Checks rules read from settings: a majority of one half or less would let a tie pass. */
export function committeeRules(input: {
  quorum: string;
  majority: string;
  minimumVotes: number;
  maxRounds: number;
}): CommitteeRules {
  const quorum = parseFraction(input.quorum, 'COMMITTEE_QUORUM');
  const majority = parseFraction(input.majority, 'COMMITTEE_MAJORITY');
  if (majority.numerator * 2 <= majority.denominator)
    throw new DomainError(
      'INVALID_SETTING',
      `COMMITTEE_MAJORITY must be more than one half (a tie never approves), not ${input.majority}`,
      { setting: 'COMMITTEE_MAJORITY' },
    );
  if (!Number.isInteger(input.minimumVotes) || input.minimumVotes < 2)
    throw new DomainError('INVALID_SETTING', 'COMMITTEE_MIN_VOTES must be 2 or more', {
      setting: 'COMMITTEE_MIN_VOTES',
    });
  if (!Number.isInteger(input.maxRounds) || input.maxRounds < 1)
    throw new DomainError('INVALID_SETTING', 'COMMITTEE_MAX_ROUNDS must be 1 or more', {
      setting: 'COMMITTEE_MAX_ROUNDS',
    });
  return { quorum, majority, minimumVotes: input.minimumVotes, maxRounds: input.maxRounds };
}

/** The smallest whole number n with n / total ≥ fraction. */
function atLeast(fraction: Fraction, total: number): number {
  return Math.ceil((total * fraction.numerator) / fraction.denominator);
}

/** Counts one round's ballots: approved, rejected, or no quorum (and whether to convene again). */
export function countVote(
  seats: number,
  ballots: readonly Ballot[],
  rules: CommitteeRules,
  round: number,
): VoteCount {
  if (!Number.isInteger(seats) || seats < 0)
    throw new DomainError('INVALID_VOTE', `seats must be a whole number, not ${seats}`);
  if (ballots.length > seats)
    throw new DomainError(
      'INVALID_VOTE',
      `${ballots.length} ballots were cast for ${seats} seats: a member voted twice or without a seat`,
    );
  const approve = ballots.filter((b) => b === 'approve').length;
  const reject = ballots.length - approve;
  const cast = ballots.length;
  const quorumNeeded = Math.max(rules.minimumVotes, atLeast(rules.quorum, seats));
  const approvalsNeeded = cast === 0 ? 0 : atLeast(rules.majority, cast);
  const tally = `${approve} for, ${reject} against, ${cast} of ${seats} seats voting`;
  const counted = { seats, cast, approve, reject, quorumNeeded, approvalsNeeded, round };
  if (cast < quorumNeeded) {
    const reconvene = round < rules.maxRounds;
    return {
      ...counted,
      result: 'no-quorum',
      reconvene,
      summary:
        `round ${round}: no quorum (${tally}; ${quorumNeeded} needed)` +
        (reconvene
          ? '; the committee is convened again'
          : seats < rules.minimumVotes
            ? `; fewer than ${rules.minimumVotes} members may vote on this loan, the committee cannot decide it`
            : `; after ${rules.maxRounds} rounds the committee has not decided: not approved`),
    };
  }
  const approved = approve >= approvalsNeeded;
  return {
    ...counted,
    result: approved ? 'approved' : 'rejected',
    reconvene: false,
    summary: `round ${round}: ${approved ? 'approved' : 'not approved'} (${tally}; ${approvalsNeeded} approving needed)`,
  };
}
