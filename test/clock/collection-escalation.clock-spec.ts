import { DataSource } from 'typeorm';
import {
  CollectionEpisodeEntity,
  LedgerEntryEntity,
  LoanEntity,
  LoanWriteOffEntity,
  RiskWarningEntity,
} from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import {
  disbursedLoan,
  eventually,
  openOriginationStack,
  Staff,
  TestStack,
  withExtraRole,
} from '../support';

const DAY = 24 * 3600 * 1000;
const COLLECTION = 'loanflow:collection-contact';
const LEGAL = 'loanflow:legal-action';
const WRITE_OFF = 'loanflow:write-off-approval';
const ACCOUNTABILITY = 'loanflow:accountability-decision';

describe('the 30/90-day rule on the broker clock: a missed installment, escalation, cure, legal path', () => {
  let stack: TestStack;
  let staff: Staff;
  let dataSource: DataSource;
  /** The loan the first spec takes to the legal path, written off by the second. */
  let legal: string;

  beforeAll(async () => {
    stack = await openOriginationStack(ServicingWorkersModule);
    staff = stack.staff!;
    dataSource = stack.api!.get(DataSource);
  });

  afterAll(async () => {
    await stack.close();
  });

  const openTasks = async (username: string, loanId: string, type: string) =>
    ((await staff.get(username, `/api/tasks?loan=${loanId}&type=${encodeURIComponent(type)}`)).body
      .items ?? []) as {
      id: string;
      elementId: string;
    }[];
  const loanRow = (loanId: string) =>
    dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId });

  it('moves the episode from the customer manager to the collection officer at day 31, cures one at day 45, sends the other to legal at day 91', async () => {
    const cured = await disbursedLoan(stack);
    // Insured (贷款保证保险): the legal path claims on the policy too.
    legal = await disbursedLoan(stack, {
      creditInsurance: { insurer: '中国人保财险浙江分公司', policyNo: 'PICC-2027-330100-000123' },
    });
    const schedule = (await staff.get('li.cm', `/api/loans/${cured}`)).body.schedule;
    const firstDue: string = schedule.installments[0].dueDate;
    const endOfDue = new Date(`${firstDue}T00:00:00+08:00`).getTime() + DAY;

    // Installment 1 is not paid: the day after its due date both loans are one day overdue.
    await stack.clock.advance(endOfDue + 60_000 - (await stack.clock.now()).getTime());
    for (const loanId of [cured, legal]) {
      const tasks = await eventually(
        () => openTasks('li.cm', loanId, COLLECTION),
        (t) => t.length === 1,
      );
      expect(tasks).toHaveLength(1);
      expect(
        (
          await eventually(
            () => loanRow(loanId),
            (l) => l.classification === 'special-mention',
          )
        ).classification,
      ).toBe('special-mention');
    }
    const [contact] = await openTasks('li.cm', cured, COLLECTION);
    const logged = await staff.post('li.cm', `/api/tasks/${contact.id}/complete`, {
      answer: {
        channel: 'call',
        reached: true,
        outcome: 'promise-to-pay',
        promiseToPayDate: firstDue,
        notes: 'borrower travelling, promised to pay on return',
      },
    });
    expect(logged.status).toBe(200);
    // The customer manager keeps the episode until day 30: the next contact is hers again.
    expect(
      await eventually(
        () => openTasks('li.cm', cured, COLLECTION),
        (t) => t.length === 1 && t[0].id !== contact.id,
      ),
    ).toHaveLength(1);

    // Day 31: the collection officer has it, the customer manager does not.
    await stack.clock.advance(30 * DAY);
    for (const loanId of [cured, legal]) {
      expect(
        await eventually(
          () => openTasks('lin.collection', loanId, COLLECTION),
          (t) => t.length === 1,
        ),
      ).toHaveLength(1);
      expect(
        await eventually(
          () => openTasks('li.cm', loanId, COLLECTION),
          (t) => t.length === 0,
        ),
      ).toHaveLength(0);
    }

    // Day 45: a payment clears the arrears of one loan (installment 1, and installment 2 that has
    // fallen due meanwhile, with their penalty): its episode is cured and its task withdrawn.
    await stack.clock.advance(14 * DAY);
    const paidAt = (await stack.clock.now()).toISOString();
    const paid = await staff.post('li.cm', `/api/loans/${cured}/repayments`, {
      amount: '2600.00',
      paidAt,
      channel: 'transfer',
      idempotencyKey: `cure-${cured}`,
    });
    expect(paid.status).toBe(201);
    expect(paid.body.position).toMatchObject({ arrearsCleared: true, daysPastDue: 0 });
    const episode = await eventually(
      () => dataSource.getRepository(CollectionEpisodeEntity).findOneByOrFail({ loanId: cured }),
      (e) => e.state === 'cured',
    );
    expect(episode).toMatchObject({ state: 'cured', openKey: null });
    expect(
      await eventually(
        () => openTasks('lin.collection', cured, COLLECTION),
        (t) => t.length === 0,
      ),
    ).toHaveLength(0);
    // Installment 2 fell due while the episode was open: one episode for the loan up to the cure.
    const episodesToCure = (
      await dataSource.getRepository(CollectionEpisodeEntity).findBy({ loanId: cured })
    ).filter((e) => e.openedAt.getTime() <= new Date(paidAt).getTime());
    expect(episodesToCure).toHaveLength(1);
    expect(await openTasks('li.cm', cured, COLLECTION)).toHaveLength(0);
    // Curing does not improve the classification: that needs a review with approval.
    expect((await loanRow(cured)).classification).toBe('special-mention');

    // Day 91: the other loan goes to the legal officer, and is substandard (non-performing).
    await stack.clock.advance(46 * DAY);
    // Litigation, and the claim on the loan's credit insurance (no guarantors, no collateral).
    const legalTasks = await eventually(
      () => openTasks('tang.legal', legal, LEGAL),
      (t) => t.length >= 2,
    );
    expect(legalTasks.map((t) => t.elementId).sort()).toEqual(['ClaimInsurance', 'Litigate']);
    expect(
      await eventually(
        () => openTasks('lin.collection', legal, COLLECTION),
        (t) => t.length === 0,
      ),
    ).toHaveLength(0);
    expect(
      (
        await eventually(
          () => loanRow(legal),
          (l) => l.classification === 'substandard',
        )
      ).classification,
    ).toBe('substandard');
    const dossier = (await staff.get('li.cm', `/api/loans/${legal}`)).body;
    expect(dossier.creditInsurance).toEqual({
      insurer: '中国人保财险浙江分公司',
      policyNo: 'PICC-2027-330100-000123',
    });
    expect(dossier.classificationHistory.map((c: { level: string }) => c.level)).toEqual([
      'special-mention',
      'substandard',
    ]);
    expect(dossier.collectionEpisodes).toEqual([
      expect.objectContaining({ state: 'open', openedDaysPastDue: 1 }),
    ]);
    const trail = (await staff.get('jiang.audit', `/api/loans/${legal}/audit`)).body.map(
      (e: { action: string }) => e.action,
    );
    expect(trail).toEqual(expect.arrayContaining(['collection.open', 'loan.classify']));
  });

  it('writes the loan off when the legal path fails, and the accountability dossier names the actors and the gaps', async () => {
    expect(legal).toBeDefined();
    // Every legal action fails: nothing is recovered.
    for (;;) {
      const [task] = await openTasks('tang.legal', legal, LEGAL);
      if (!task) break;
      const done = await staff.post('tang.legal', `/api/tasks/${task.id}/complete`, {
        answer: {
          outcome: 'failed',
          reference: '(2027)浙0106民初123号',
          notes: 'judgment obtained, no assets found to enforce',
        },
      });
      expect(done.status).toBe(200);
    }
    const [approval] = await eventually(
      () => openTasks('xu.committee', legal, WRITE_OFF),
      (t) => t.length === 1,
    );
    expect(approval).toBeDefined();
    // The committee sees what would be written off and the last legal action.
    const writeOffContext = (await staff.get('xu.committee', `/api/tasks/${approval.id}`)).body
      .context;
    expect(writeOffContext.loss.principal).toMatch(/^[1-9]\d*\.\d{2}$/);
    expect(writeOffContext.legalAction).toMatchObject({ outcome: 'failed', by: 'tang.legal' });
    // Whoever approved the loan does not approve its write-off: a committee member who was its
    // branch approver is refused.
    await withExtraRole(dataSource, 'zhao.approver', 'committee-member', async () => {
      const own = await staff.post('zhao.approver', `/api/tasks/${approval.id}/claim`);
      expect(own.status).toBe(403);
      expect(own.body).toMatchObject({
        code: 'SEPARATION_OF_DUTIES',
        details: { duty: 'write-off-approval', conflictingDuty: 'approval' },
      });
    });
    expect(
      (
        await staff.post('xu.committee', `/api/tasks/${approval.id}/complete`, {
          answer: { approved: true, reasons: 'legal remedies exhausted; borrower has no assets' },
        })
      ).status,
    ).toBe(200);

    const loan = await eventually(
      () => loanRow(legal),
      (l) => l.status === 'written-off',
    );
    expect(loan).toMatchObject({ status: 'written-off', classification: 'loss' });
    const writeOff = await dataSource
      .getRepository(LoanWriteOffEntity)
      .findOneByOrFail({ loanId: legal });
    expect(writeOff.principalMinor).not.toBe('0');
    // One balanced transaction: the loan leaves the balance sheet against the loss allowance.
    const entries = await dataSource
      .getRepository(LedgerEntryEntity)
      .findBy({ txnId: writeOff.txnId });
    expect(entries.map((e) => [e.accountCode, e.side, e.amountMinor]).sort()).toEqual(
      [
        ['ALLOWANCE:LOAN-LOSS', 'debit', writeOff.principalMinor],
        [`LOAN:${legal}`, 'credit', writeOff.principalMinor],
      ].sort(),
    );

    // Nothing is left to monitor: the loan's open warning is withdrawn with its handling.
    expect(
      await eventually(
        () => dataSource.getRepository(RiskWarningEntity).countBy({ loanId: legal, state: 'open' }),
        (n) => n === 0,
      ),
    ).toBe(0);
    expect(
      await dataSource.getRepository(RiskWarningEntity).countBy({ loanId: legal }),
    ).toBeGreaterThan(0);

    // The accountability review: the committee's task names who must be judged.
    const decision = await staff.waitForTask('lu.committee', legal, ACCOUNTABILITY);
    // Nobody judges a loss they had a hand in: not the write-off's approver, not anyone the
    // dossier names.
    const byWriteOffApprover = await staff.post('xu.committee', `/api/tasks/${decision.id}/claim`);
    expect(byWriteOffApprover.status).toBe(403);
    expect(byWriteOffApprover.body).toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
      details: { duty: 'accountability-decision', conflictingDuty: 'write-off-approval' },
    });
    await withExtraRole(dataSource, 'hu.supervisor', 'committee-member', async () => {
      const named = await staff.post('hu.supervisor', `/api/tasks/${decision.id}/claim`);
      expect(named.status).toBe(403);
      expect(named.body.code).toBe('SEPARATION_OF_DUTIES');
    });
    // The committee decides with the dossier beside its form.
    const decisionContext = (await staff.get('lu.committee', `/api/tasks/${decision.id}`)).body
      .context;
    expect(decisionContext.writeOff).toMatchObject({ approvedBy: 'xu.committee' });
    expect(decisionContext.accountabilityDossier.gaps).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'missed-follow-up' })]),
    );
    const view = await eventually(
      () => staff.get('jiang.audit', `/api/loans/${legal}/accountability`),
      (r) => r.status === 200,
    );
    expect(view.status).toBe(200);
    const { dossier } = view.body as {
      dossier: {
        actors: { username: string; duties: string[]; gaps: string[] }[];
        gaps: { code: string; username: string | null }[];
      };
    };
    const byName = Object.fromEntries(dossier.actors.map((a) => [a.username, a]));
    expect(byName['li.cm'].duties).toEqual(
      expect.arrayContaining(['application', 'investigation']),
    );
    expect(byName['wang.reviewer'].duties).toEqual(['review']);
    expect(byName['zhao.approver'].duties).toEqual(['approval']);
    expect(byName['hu.supervisor'].duties).toEqual(['disbursement-check']);
    expect(byName['tang.legal'].duties).toEqual(['legal-action']);
    expect(byName['lin.collection']).toBeUndefined(); // the officer's stage had no contact logged
    // li.cm logged no contact in days 1-30; nobody reported the first inspection.
    expect(dossier.gaps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'missed-follow-up', username: 'li.cm' }),
        expect.objectContaining({ code: 'late-inspection', username: null }),
      ]),
    );
    expect(byName['li.cm'].gaps).toContain('missed-follow-up');

    // A finding for every person named, or the decision is refused naming who is missing.
    const findings = dossier.actors.map((a) => ({
      username: a.username,
      decision: a.gaps.length ? 'responsible' : 'exempt',
      ...(a.gaps.length ? { consequence: 'warning' } : {}),
      reasons: a.gaps.length
        ? `duty gaps: ${a.gaps.join(', ')}`
        : 'duties done as the record shows',
    }));
    const partial = await staff.post('lu.committee', `/api/tasks/${decision.id}/complete`, {
      answer: { findings: findings.filter((f) => f.username !== 'li.cm') },
    });
    expect(partial.status).toBe(400);
    expect(partial.body.fieldErrors).toEqual([
      { field: 'findings', reasons: ['li.cm is named in the dossier and has no finding'] },
    ]);
    const decided = await staff.post('lu.committee', `/api/tasks/${decision.id}/complete`, {
      answer: { findings },
    });
    expect(decided.status).toBe(200);
    const closedCase = await eventually(
      () => staff.get('jiang.audit', `/api/loans/${legal}/accountability`),
      (r) => r.body.decidedBy === 'lu.committee',
    );
    expect(closedCase.body.decision.findings).toHaveLength(dossier.actors.length);
    expect(closedCase.body.writeOff).toMatchObject({ approvedBy: 'xu.committee' });
  });
});
