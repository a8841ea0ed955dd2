import { CommitteeVoteEntity } from '@loanflow/persistence';
import { COMMITTEE, eventually, originationSuite, toCommittee } from '../support';

const DAY = 24 * 3600 * 1000;
const VOTE = 'loanflow:committee-vote';

/**
 * The committee's ballot deadline on the broker's clock: a round open COMMITTEE_VOTE_WORKING_DAYS
 * (3) working days in which only one of three members votes has no quorum; the committee is
 * convened again, and when the second round has no quorum either, the application is not approved.
 */
describe('a committee vote without quorum', () => {
  const suite = originationSuite();

  const rounds = (loanId: string) =>
    suite.dataSource
      .getRepository(CommitteeVoteEntity)
      .find({ where: { loanId }, order: { id: 'ASC' } });

  /** The round's deadline passed: the broker's clock moved to a day after it. */
  const pastDeadline = async (deadlineAt: Date) => {
    const now = (await suite.stack.clock.now()).getTime();
    await suite.stack.clock.advance(deadlineAt.getTime() - now + DAY);
  };

  it('convenes again after a round without quorum, then ends not approved after the last round', async () => {
    const { loanId } = await toCommittee(suite.staff);
    const first = await suite.staff.waitForTask('xu.committee', loanId, VOTE, 45_000);
    for (const member of COMMITTEE) await suite.staff.waitForTask(member, loanId, VOTE, 45_000);
    const cast = await suite.staff.post('xu.committee', `/api/tasks/${first.id}/complete`, {
      answer: { ballot: 'approve', reasons: 'cash flow covers the installments' },
    });
    expect(cast.status).toBe(200);
    const [round1] = await rounds(loanId);
    // Three working days from the round's opening, on the Chinese calendar.
    expect(round1.deadlineAt.getTime() - round1.openedAt.getTime()).toBeGreaterThanOrEqual(
      3 * DAY - 60_000,
    );
    await pastDeadline(round1.deadlineAt);

    // Round 1 counted without quorum (1 of 3 seats, 2 needed); round 2 opens with new ballots.
    const [closed1, round2] = await eventually(
      () => rounds(loanId),
      (list) => list.length === 2,
      60_000,
    );
    expect(closed1).toMatchObject({ round: 1, result: 'no-quorum' });
    expect(JSON.parse(closed1.countJson!)).toMatchObject({
      cast: 1,
      quorumNeeded: 2,
      reconvene: true,
    });
    expect(round2).toMatchObject({ round: 2, result: null });
    // The first round's open ballots left the inboxes; xu's new ballot is a new task.
    const second = await eventually(
      () => suite.staff.waitForTask('xu.committee', loanId, VOTE, 45_000),
      (task) => task.id !== first.id,
    );
    const late = await suite.staff.post('lu.committee', `/api/tasks/${second.id}/complete`, {
      answer: { ballot: 'approve', reasons: 'not my ballot to cast' },
    });
    expect(late.status).toBe(403);
    // A member who voted in round 1 votes again in round 2: the same act of the committee, not a
    // second approval of the loan by the same person.
    const again = await suite.staff.post('xu.committee', `/api/tasks/${second.id}/complete`, {
      answer: { ballot: 'approve', reasons: 'still covered twice by cash flow' },
    });
    expect(again.status).toBe(200);
    await pastDeadline(round2.deadlineAt);

    const decision = await eventually(
      async () =>
        (
          await suite.staff.as('li.cm', (api) =>
            api.GET('/api/loans/{id}', { params: { path: { id: loanId } } }),
          )
        ).data?.decision,
      (d) => d !== null,
      60_000,
    );
    expect(decision).toMatchObject({ outcome: 'rejected', stage: 'approval' });
    expect(decision?.reasons).toContain('after 2 rounds the committee has not decided');
    const dossier = await suite.staff.loan('li.cm', loanId);
    expect(dossier.committeeVotes.map((v) => v.result)).toEqual(['no-quorum', 'no-quorum']);
    expect(dossier.creditDecisions.at(-1)).toMatchObject({
      kind: 'approval',
      level: 'committee',
      outcome: 'reject',
      decidedBy: 'credit-committee',
    });
  });
});
