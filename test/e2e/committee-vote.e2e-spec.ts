import { UserEntity, UserRelativeEntity } from '@loanflow/persistence';
import {
  applyAs,
  approvalOf,
  COMMITTEE,
  creditApplication,
  eventually,
  FORM,
  freshApplicant,
  originationSuite,
  toCommittee,
} from '../support';
import { textMatching } from '../support/expected-text';

const VOTE = 'loanflow:committee-vote';

/**
 * 贷审会表决 on the real broker: a loan above the center's authority goes to a vote of the head
 * office's committee members, each ballot its member's own, counted from the register (quorum two
 * thirds of the seats, two thirds of the ballots to approve), members with a conflict recused.
 */
describe('the credit committee decides by vote', () => {
  const suite = originationSuite();

  const ballotsOf = async (loanId: string, members: readonly string[]) =>
    Object.fromEntries(
      await Promise.all(
        members.map(
          async (m) => [m, await suite.staff.waitForTask(m, loanId, VOTE, 45_000)] as const,
        ),
      ),
    );

  const vote = (username: string, taskId: string, ballot: 'approve' | 'reject') =>
    suite.staff.post(username, `/api/tasks/${taskId}/complete`, {
      answer: {
        ballot,
        reasons:
          ballot === 'approve'
            ? 'cash flow covers the installments twice'
            : 'sector concentration too high',
      },
    });

  const votesOf = async (loanId: string) =>
    (await suite.staff.loan('li.cm', loanId)).committeeVotes;

  it('gives each seated member a ballot of their own; two of three in favour approve, and the loan rests on the committee’s decision', async () => {
    const { loanId } = await toCommittee(suite.staff);
    const tasks = await ballotsOf(loanId, COMMITTEE);
    for (const member of COMMITTEE) expect(tasks[member].assignee).toBe(member);

    // A ballot is its member's alone: another member can neither cast it nor take it.
    const byAnother = await vote('lu.committee', tasks['xu.committee'].id, 'approve');
    expect(byAnother.status).toBe(403);
    expect((byAnother.body as { code: string }).code).toBe('NOT_ASSIGNEE');
    const taken = await suite.staff.post(
      'lu.committee',
      `/api/tasks/${tasks['xu.committee'].id}/claim`,
    );
    expect(taken.status).toBeGreaterThanOrEqual(400);

    // Bad input names each field, and records nothing.
    const bad = await suite.staff.post(
      'xu.committee',
      `/api/tasks/${tasks['xu.committee'].id}/complete`,
      {
        answer: { ballot: 'maybe', reasons: 'ok' },
      },
    );
    expect(bad.status).toBe(400);
    const { fieldErrors } = bad.body as { fieldErrors: { field: string }[] };
    expect(fieldErrors.map((e) => e.field).sort()).toEqual(['answer.ballot', 'answer.reasons']);
    expect((await votesOf(loanId))[0].ballots).toEqual([]);

    expect((await vote('xu.committee', tasks['xu.committee'].id, 'approve')).status).toBe(200);
    expect((await vote('lu.committee', tasks['lu.committee'].id, 'approve')).status).toBe(200);
    expect((await vote('zheng.committee', tasks['zheng.committee'].id, 'reject')).status).toBe(200);

    await suite.staff.waitForTask('li.cm', loanId, FORM.contracts, 45_000);
    const [round] = await votesOf(loanId);
    expect(round).toMatchObject({
      round: 1,
      seats: [...COMMITTEE],
      recused: [],
      result: 'approved',
      count: { approve: 2, reject: 1, cast: 3 },
      motion: { amount: '2500000.00', termMonths: 60, annualRate: '0.0435' },
    });
    expect(round.ballots.map((b) => [b.member, b.ballot])).toEqual([
      ['xu.committee', 'approve'],
      ['lu.committee', 'approve'],
      ['zheng.committee', 'reject'],
    ]);
    const dossier = await suite.staff.loan('li.cm', loanId);
    expect(dossier.creditDecisions.at(-1)).toMatchObject({
      kind: 'approval',
      level: 'committee',
      outcome: 'approve',
      amount: '2500000.00',
      termMonths: 60,
      decidedBy: 'credit-committee',
    });
    expect(dossier.approved).toMatchObject({ amount: '2500000.00', termMonths: 60 });
    expect(dossier.decisions.map((d) => d.action)).toEqual(
      expect.arrayContaining(['committee.convene', 'committee.count']),
    );
  });

  it('does not approve when two of three vote against: the application is rejected at approval with the count', async () => {
    const { loanId } = await toCommittee(suite.staff);
    const tasks = await ballotsOf(loanId, COMMITTEE);
    await vote('xu.committee', tasks['xu.committee'].id, 'approve');
    await vote('lu.committee', tasks['lu.committee'].id, 'reject');
    await vote('zheng.committee', tasks['zheng.committee'].id, 'reject');
    const decision = await eventually(
      async () => (await suite.staff.loan('li.cm', loanId)).decision,
      (d) => d !== null,
    );
    expect(decision).toMatchObject({ outcome: 'rejected', stage: 'approval' });
    expect(decision?.reasons).toContain('not approved (1 for, 2 against, 3 of 3 seats voting');
    expect((await votesOf(loanId))[0].result).toBe('rejected');
  });

  it('puts a center’s refer-up (报上级审批) proposal to the vote, the proposal’s terms being the motion', async () => {
    const base = creditApplication();
    const { desk, loanId } = await applyAs(
      suite.staff,
      creditApplication({
        product: 'business',
        amount: '2500000.00',
        termMonths: 60,
        purpose: 'working capital for the applicant’s tea shop chain',
        documents: [...base.documents, 'business-license'],
      }),
    );
    await desk.throughReview();
    await desk.completeOk('zhao.approver', FORM.approval, approvalOf('2500000.00', 60));
    await desk.completeOk('chen.center', FORM.approval, {
      ...approvalOf('2400000.00', 48),
      decision: 'refer-up',
      reasons: 'above the center’s authority: proposed to the committee',
    });
    const tasks = await ballotsOf(loanId, COMMITTEE);
    const [round] = await votesOf(loanId);
    expect(round.motion).toMatchObject({ amount: '2400000.00', termMonths: 48 });
    for (const member of COMMITTEE)
      expect((await vote(member, tasks[member].id, 'approve')).status).toBe(200);
    await suite.staff.waitForTask('li.cm', loanId, FORM.contracts, 45_000);
    expect((await suite.staff.loan('li.cm', loanId)).approved).toMatchObject({
      amount: '2400000.00',
      termMonths: 48,
    });
  });

  it('recuses a member related to the applicant; a tie of the two seats left never approves', async () => {
    const applicant = freshApplicant();
    const lu = await suite.dataSource.getRepository(UserEntity).findOneByOrFail({
      username: 'lu.committee',
    });
    try {
      const { loanId } = await toCommittee(suite.staff, applicant, async () => {
        await suite.dataSource.getRepository(UserRelativeEntity).insert({
          userId: lu.id,
          relativeIdNumber: applicant.idNumber,
          relation: 'committee-spec-cousin',
        });
      });
      const tasks = await ballotsOf(loanId, ['xu.committee', 'zheng.committee']);
      const [round] = await votesOf(loanId);
      expect(round.seats).toEqual(['xu.committee', 'zheng.committee']);
      expect(round.recused).toEqual([
        { member: 'lu.committee', reason: textMatching(/^CONFLICT_OF_INTEREST/) },
      ]);
      const luInbox = (
        await suite.staff.as('lu.committee', (api) =>
          api.GET('/api/tasks', { params: { query: { loan: loanId } } }),
        )
      ).data?.items;
      expect(luInbox).toEqual([]);

      await vote('xu.committee', tasks['xu.committee'].id, 'approve');
      await vote('zheng.committee', tasks['zheng.committee'].id, 'reject');
      const decision = await eventually(
        async () => (await suite.staff.loan('li.cm', loanId)).decision,
        (d) => d !== null,
      );
      expect(decision).toMatchObject({ outcome: 'rejected', stage: 'approval' });
      expect(decision?.reasons).toContain(
        'not approved (1 for, 1 against, 2 of 2 seats voting; 2 approving needed)',
      );
    } finally {
      await suite.dataSource.query(
        `DELETE FROM user_relative WHERE user_id = ? AND relation = 'committee-spec-cousin'`,
        [lu.id],
      );
    }
  });
});
