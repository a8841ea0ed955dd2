import { committeeRules } from '@loanflow/domain';
import { CommitteeBallotEntity, CommitteeVoteEntity } from '@loanflow/persistence';
import type { BusinessClock } from '@loanflow/workflow';
import { NonRetryableJobError } from '@loanflow/workflow';
import { jobContext } from '@loanflow/test-support/job-context';
import { JOB } from '../origination.contract';
import {
  COMMITTEE_DECIDER,
  CountCommitteeVoteInput,
  CountCommitteeVoteWorker,
} from './committee.workers';
import { APPLICATION, FakeDecisionRecords } from './decision-records.fixture';

const NOW = new Date('2026-04-10T08:00:00.000Z');
const RULES = committeeRules({ quorum: '2/3', majority: '2/3', minimumVotes: 3, maxRounds: 2 });

/** A round of five seats on 300,000.00 for 60 months at 4.35%, with these ballots cast. */
function round(register: FakeDecisionRecords, ballots: ('approve' | 'reject')[], number = 1) {
  const vote = Object.assign(new CommitteeVoteEntity(), {
    id: '1',
    loanId: APPLICATION,
    round: number,
    motionAmountMinor: '30000000',
    motionTermMonths: 60,
    motionAnnualRate: '0.0435',
    motionCounterOffer: 0,
    seatsJson: JSON.stringify(['m1', 'm2', 'm3', 'm4', 'm5']),
    recusedJson: '[]',
    rulesJson: JSON.stringify(RULES),
    result: null,
    countJson: null,
    closedAt: null,
  });
  register.votes.push(vote);
  ballots.forEach((ballot, i) =>
    register.ballotsCast.push(
      Object.assign(new CommitteeBallotEntity(), {
        id: String(i + 1),
        voteId: '1',
        member: `m${i + 1}`,
        ballot,
        reasons: ballot === 'approve' ? '还款能力充足' : '行业风险偏高',
      }),
    ),
  );
  return vote;
}

const count = (register: FakeDecisionRecords, loanId = APPLICATION) =>
  new CountCommitteeVoteWorker(register, {
    now: () => Promise.resolve(NOW),
  } as unknown as BusinessClock).handle(
    Object.assign(new CountCommitteeVoteInput(), { loanId, committee: { voteId: '1' } }),
    jobContext({ type: JOB.countCommitteeVote }),
  );

describe('counting the credit committee’s vote (origination.count-committee-vote)', () => {
  it('records the committee’s approval on the motion’s terms when the count carries it', async () => {
    const register = new FakeDecisionRecords();
    const vote = round(register, ['approve', 'approve', 'approve', 'approve']);
    const answer = await count(register);
    expect(answer).toMatchObject({
      approvalDecision: 'approve',
      approval: {
        decision: 'approve',
        amount: '300000.00',
        termMonths: 60,
        annualRate: '0.0435',
        by: COMMITTEE_DECIDER,
      },
    });
    expect(vote).toMatchObject({ result: 'approved', closedAt: NOW });
    expect(register.decisions).toEqual([
      expect.objectContaining({
        kind: 'approval',
        outcome: 'approve',
        level: 'committee',
        amountMinor: '30000000',
        decidedBy: COMMITTEE_DECIDER,
        decidedAt: NOW,
      }),
    ]);
    expect(register.audited.map((act) => act.action)).toEqual(['committee.count']);
  });

  it('records a rejection without terms when the count refuses it', async () => {
    const register = new FakeDecisionRecords();
    round(register, ['reject', 'reject', 'reject', 'approve'], 2);
    const answer = await count(register);
    expect(answer).toMatchObject({ approvalDecision: 'reject' });
    expect(register.decisions).toEqual([
      expect.objectContaining({
        outcome: 'reject',
        amountMinor: null,
        termMonths: null,
        counterOffer: 0,
      }),
    ]);
  });

  it('counts a round once however often the job is delivered, answering the same', async () => {
    const register = new FakeDecisionRecords();
    round(register, ['approve', 'approve', 'approve', 'approve']);
    const first = await count(register);
    expect(await count(register)).toEqual(first);
    expect(register.decisions).toHaveLength(1);
  });

  it('refuses, without retry, a round that is not the loan’s', async () => {
    const register = new FakeDecisionRecords();
    round(register, ['approve']);
    await expect(count(register, 'LN20260101-AAAAAA')).rejects.toThrow(
      new NonRetryableJobError("loan LN20260101-AAAAAA: committee vote 1 is not this loan's"),
    );
    expect(register.decisions).toEqual([]);
  });
});
