import {
  CollectionEpisodeEntity,
  LedgerEntryEntity,
  LoanEntity,
  LoanWriteOffEntity,
  RepaymentEntity,
} from '@loanflow/persistence';
import { ServicingWorkersModule, verifyLedger } from '@loanflow/servicing';
import { disbursedLoan, eventually, originationSuite, withExtraRole } from '../support';

const DAY = 24 * 3600 * 1000;
const COLLECTION = 'loanflow:collection-contact';
const LEGAL = 'loanflow:legal-action';
const MILESTONE = 'loanflow:legal-milestone';
const WRITE_OFF_REVIEW = 'loanflow:write-off-review';
const WRITE_OFF = 'loanflow:write-off-approval';
const ACCOUNTABILITY = 'loanflow:accountability-decision';

type Task = { id: string; elementId: string };

/**
 * The 30/90-day rule by days past due (counted from the oldest unpaid due date, in Beijing), on the
 * broker's clock. Three loans miss their first installment on the same day:
 * - A catches up at day 40 with a payment backdated to day 20, recorded by its own customer manager
 *   (held for a second person): judged on today it is 9 days past due, back with the customer
 *   manager, and never reaches the legal path; paying everything overdue cures it.
 * - B reaches day 91: the legal path with the collection officer alongside; its lawsuit ends
 *   without assets, the reviewer checks the documents, the committee writes it off, and a
 *   recovery afterwards is posted to the ledger (账销案存).
 * - C reaches day 91 too; the committee refuses its write-off: the episode stays in the legal
 *   band and no new one opens at day 1 when the next installment is missed.
 */
describe('collection by days past due on the broker clock: hand-overs at 30/31 and 90/91, catch-up, legal path, write-off and recovery', () => {
  const suite = originationSuite(ServicingWorkersModule);
  let A: string;
  let B: string;
  let C: string;
  /** Epoch ms of day 1 past due (plus a minute): day n is dayOne + (n − 1) days. */
  let dayOne: number;

  const openTasks = async (username: string, loanId: string, type: string): Promise<Task[]> =>
    (
      (
        await suite.staff.get(
          username,
          `/api/tasks?loan=${loanId}&type=${encodeURIComponent(type)}`,
        )
      ).body as { items?: Task[] }
    ).items ?? [];
  const waitTasks = (username: string, loanId: string, type: string, count: number) =>
    eventually(
      () => openTasks(username, loanId, type),
      (t) => t.length === count,
    );
  const loanRow = (loanId: string) =>
    suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId });
  const episodes = (loanId: string) =>
    suite.dataSource
      .getRepository(CollectionEpisodeEntity)
      .find({ where: { loanId }, order: { id: 'ASC' } });
  const openEpisode = async (loanId: string) =>
    (await episodes(loanId)).find((e) => e.state === 'open') ?? null;
  const position = async (loanId: string) =>
    (
      (await suite.staff.get('li.cm', `/api/loans/${loanId}`)).body as {
        position: {
          asOf: string;
          daysPastDue: number;
          band: string;
          overduePrincipal: string;
          overdueInterest: string;
          penalty: string;
          heldBy: { roles: string[]; assignee: string | null };
        };
      }
    ).position;
  /** Moves the broker clock to day n past due of the first installment (a minute past midnight). */
  const toDay = async (n: number) => {
    const target = dayOne + (n - 1) * DAY;
    await suite.stack.clock.advance(target - (await suite.stack.clock.now()).getTime());
  };
  const bandOf = (loanId: string, band: string, daysPastDue: number) =>
    eventually(
      () => openEpisode(loanId),
      (e) => e?.band === band && e.daysPastDue === daysPastDue,
    );
  const complete = async (username: string, task: Task, answer: object) => {
    const done = await suite.staff.post(username, `/api/tasks/${task.id}/complete`, { answer });
    expect({
      status: done.status,
      body: done.status === 200 ? null : (done.body as unknown),
    }).toEqual({
      status: 200,
      body: null,
    });
  };
  const milestone = async (loanId: string, answer: object) => {
    const [task] = await waitTasks('tang.legal', loanId, MILESTONE, 1);
    expect(task).toBeDefined();
    await complete('tang.legal', task, answer);
    await eventually(
      () => openTasks('tang.legal', loanId, MILESTONE),
      (t) => t.every((next) => next.id !== task.id),
    );
  };
  /** Filed, judgment, enforcement terminated: the write-off criteria met, documents on file. */
  const lawsuitEndsWithoutAssets = async (loanId: string, caseNo: string) => {
    const today = (
      (await suite.staff.get('li.cm', '/api/system/business-date')).body as { date: string }
    ).date;
    await milestone(loanId, {
      milestone: 'filed',
      on: today,
      court: '杭州市西湖区人民法院',
      caseNumber: caseNo,
      documents: [{ kind: 'complaint', reference: `${caseNo}-起诉状` }],
      notes: '起诉借款人, 法院已立案',
    });
    await milestone(loanId, {
      milestone: 'judgment',
      on: today,
      caseNumber: caseNo,
      reference: `${caseNo}-判决书`,
      documents: [{ kind: 'judgment', reference: `${caseNo}-判决书` }],
      notes: '判决借款人偿还全部本息',
    });
    await milestone(loanId, {
      milestone: 'terminated',
      on: today,
      caseNumber: caseNo,
      reference: `${caseNo}-执恢`,
      documents: [{ kind: 'termination-ruling', reference: `${caseNo}-终本裁定` }],
      notes: '未发现可供执行财产, 终结本次执行',
    });
  };
  const reviewWriteOff = async (loanId: string) => {
    const [review] = await waitTasks('qian.reviewer', loanId, WRITE_OFF_REVIEW, 1);
    // The reviewer of the loan's credit does not review its write-off's documents.
    const byCreditReviewer = await suite.staff.post(
      'wang.reviewer',
      `/api/tasks/${review.id}/claim`,
    );
    expect(byCreditReviewer.status).toBe(403);
    expect((byCreditReviewer.body as { details: unknown }).details).toMatchObject({
      duty: 'write-off-review',
      conflictingDuty: 'review',
    });
    const context = (
      (await suite.staff.get('qian.reviewer', `/api/tasks/${review.id}`)).body as {
        context: { writeOffCriteria: { documents: { kind: string }[] } };
      }
    ).context;
    expect(context.writeOffCriteria).toMatchObject({ met: true });
    expect(context.writeOffCriteria.documents.map((d) => d.kind)).toEqual([
      'complaint',
      'judgment',
      'termination-ruling',
    ]);
    // A pass attests each document: one left unchecked is refused by field.
    const careless = await suite.staff.post('qian.reviewer', `/api/tasks/${review.id}/complete`, {
      answer: {
        outcome: 'pass',
        judgmentOnFile: true,
        terminationOrAssetSearchOnFile: false,
        lossMatchesRecord: true,
        opinion: 'documents seem fine at a glance',
      },
    });
    expect(careless.status).toBe(400);
    expect((careless.body as { fieldErrors: unknown }).fieldErrors).toEqual([
      expect.objectContaining({ field: 'answer.terminationOrAssetSearchOnFile' }),
    ]);
    await complete('qian.reviewer', review, {
      outcome: 'pass',
      judgmentOnFile: true,
      terminationOrAssetSearchOnFile: true,
      lossMatchesRecord: true,
      opinion: '判决书、终本裁定在卷, 损失与台账一致',
    });
  };

  it('hands the work over at 30/31 and 90/91 days past due, back after a catch-up judged on today, and keeps the collection officer beside the legal path', async () => {
    A = await disbursedLoan(suite.stack);
    // Insured (贷款保证保险): its legal path claims on the policy too.
    B = await disbursedLoan(suite.stack, {
      creditInsurance: { insurer: '中国人保财险浙江分公司', policyNo: 'PICC-2027-330100-000123' },
    });
    C = await disbursedLoan(suite.stack);
    const schedule = (await suite.staff.loan('li.cm', A)).schedule!;
    const firstDue: string = schedule.installments[0].dueDate;
    dayOne = new Date(`${firstDue}T00:00:00+08:00`).getTime() + DAY + 60_000;

    // Day 1: nothing paid; the customer manager of each loan collects; special mention.
    await toDay(1);
    for (const loanId of [A, B, C]) {
      expect(await waitTasks('li.cm', loanId, COLLECTION, 1)).toHaveLength(1);
      expect(await bandOf(loanId, 'manager', 1)).toMatchObject({ band: 'manager' });
      expect(
        (
          await eventually(
            () => loanRow(loanId),
            (l) => l.classification === 'special-mention',
          )
        ).classification,
      ).toBe('special-mention');
    }
    const [contact] = await openTasks('li.cm', A, COLLECTION);
    await complete('li.cm', contact, {
      channel: 'call',
      reached: true,
      outcome: 'promise-to-pay',
      promiseToPayDate: firstDue,
      notes: 'borrower travelling, promised to pay on return',
    });

    // Day 30: still the customer manager's.
    await toDay(30);
    for (const loanId of [A, B, C]) {
      expect(await bandOf(loanId, 'manager', 30)).toMatchObject({ band: 'manager' });
      expect(await openTasks('lin.collection', loanId, COLLECTION)).toHaveLength(0);
    }
    expect((await position(A)).heldBy).toEqual({ roles: ['customer-manager'], assignee: 'li.cm' });

    // Day 31: the collection officer has every one of them, the customer manager none.
    await toDay(31);
    for (const loanId of [A, B, C]) {
      expect(await waitTasks('lin.collection', loanId, COLLECTION, 1)).toHaveLength(1);
      expect(await waitTasks('li.cm', loanId, COLLECTION, 0)).toHaveLength(0);
      expect(await bandOf(loanId, 'officer', 31)).toMatchObject({ band: 'officer' });
    }

    // Day 40: A's customer manager records installment 1 as received on day 20 (20 days back,
    // within the window). He manages the loan: the payment waits for a second person.
    await toDay(40);
    const asOfDay20 = new Date(dayOne + 19 * DAY + 9 * 3600 * 1000).toISOString();
    const tooOld = await suite.staff.post('li.cm', `/api/loans/${A}/repayments`, {
      amount: '100.00',
      paidAt: new Date(dayOne + 4 * DAY).toISOString(), // day 5: 35 days back
      channel: 'counter',
      idempotencyKey: `too-old-${A}`,
    });
    expect(tooOld.status).toBe(400);
    expect((tooOld.body as { fieldErrors: unknown }).fieldErrors).toEqual([
      expect.objectContaining({ field: 'paidAt' }),
    ]);
    const installment1 = Number(schedule.installments[0].payment);
    const recorded = await suite.staff.post('li.cm', `/api/loans/${A}/repayments`, {
      amount: (installment1 + 20).toFixed(2),
      paidAt: asOfDay20,
      channel: 'counter',
      idempotencyKey: `catch-up-${A}`,
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ state: 'pending', recordedBy: 'li.cm', allocation: [] });
    const recording = recorded.body as { id: string; position: { daysPastDue: number } };
    expect(recording.position.daysPastDue).toBe(40);
    // Nobody confirms their own entry.
    const ownConfirm = await suite.staff.post(
      'li.cm',
      `/api/loans/${A}/repayments/${recording.id}/confirm`,
    );
    expect(ownConfirm.status).toBe(403);
    expect((ownConfirm.body as { code: string }).code).toBe('SEPARATION_OF_DUTIES');
    const confirmed = await suite.staff.post(
      'lin.collection',
      `/api/loans/${A}/repayments/${recording.id}/confirm`,
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ state: 'applied', confirmedBy: 'lin.collection' });
    // On day 20 that would have cleared the arrears; today installment 2 is 9 days overdue: the
    // episode is not cured, and the work goes back to the customer manager.
    const today = (confirmed.body as { position: { arrearsCleared: boolean; daysPastDue: number } })
      .position;
    expect(today.arrearsCleared).toBe(false);
    // Installment 2 is the oldest unpaid: days past due count from its due date.
    const secondDue = Date.parse(`${schedule.installments[1].dueDate}T00:00:00Z`);
    const day40 = Date.parse(`${firstDue}T00:00:00Z`) + 40 * DAY;
    expect(today.daysPastDue).toBe((day40 - secondDue) / DAY);
    expect(today.daysPastDue).toBeLessThan(31);
    expect(await bandOf(A, 'manager', today.daysPastDue)).toMatchObject({ state: 'open' });
    expect(await waitTasks('li.cm', A, COLLECTION, 1)).toHaveLength(1);
    expect(await waitTasks('lin.collection', A, COLLECTION, 0)).toHaveLength(0);
    const trail = (await suite.staff.get('jiang.audit', `/api/loans/${A}/audit`)).body as {
      action: string;
      actor: string;
      outcome: string;
    }[];
    expect(trail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'loan.repayment', actor: 'li.cm', outcome: 'ok' }),
        expect.objectContaining({ action: 'loan.repayment-confirm', outcome: 'refused' }),
        expect.objectContaining({
          action: 'loan.repayment-confirm',
          actor: 'lin.collection',
          outcome: 'ok',
        }),
        expect.objectContaining({ action: 'collection.band', outcome: 'ok' }),
      ]),
    );

    // Day 90: B and C are still the collection officer's, and nobody has a legal task.
    await toDay(90);
    for (const loanId of [B, C]) {
      expect(await bandOf(loanId, 'officer', 90)).toMatchObject({ band: 'officer' });
      expect(await openTasks('tang.legal', loanId, MILESTONE)).toHaveLength(0);
    }

    // Day 91: the legal path, and the collection officer keeps collecting beside it.
    await toDay(91);
    const legalB = await eventually(
      () => openTasks('tang.legal', B, LEGAL),
      (t) => t.length === 1,
    );
    expect(legalB.map((t) => t.elementId)).toEqual(['ClaimInsurance']);
    for (const loanId of [B, C]) {
      expect((await waitTasks('tang.legal', loanId, MILESTONE, 1))[0].elementId).toBe(
        'RecordMilestone',
      );
      expect((await waitTasks('lin.collection', loanId, COLLECTION, 1))[0].elementId).toBe(
        'OfficerKeepsCollecting',
      );
      expect(await bandOf(loanId, 'legal', 91)).toMatchObject({ band: 'legal' });
      expect(
        (
          await eventually(
            () => loanRow(loanId),
            (l) => l.classification === 'substandard',
          )
        ).classification,
      ).toBe('substandard');
    }
    expect((await position(B)).heldBy.roles).toEqual(['collection-officer', 'legal-officer']);
    // A caught up at day 40: at day 91 it is about 60 days past due, with the collection officer.
    const positionA = await position(A);
    expect(positionA.daysPastDue).toBeLessThan(91);
    expect(positionA.band).toBe('officer');
    expect(await bandOf(A, 'officer', positionA.daysPastDue)).toMatchObject({ band: 'officer' });
    expect(await openTasks('tang.legal', A, MILESTONE)).toHaveLength(0);
    expect(await openTasks('tang.legal', A, LEGAL)).toHaveLength(0);

    // A pays everything overdue (the collection officer records it, below the limit: applied at
    // once): the episode is cured and its tasks withdrawn.
    // Plus a margin: an installment falling due today takes its interest first (it is due, not
    // yet overdue); what is left over waits in the advance account.
    const overdue =
      Number(positionA.overduePrincipal) +
      Number(positionA.overdueInterest) +
      Number(positionA.penalty) +
      200;
    const cure = await suite.staff.post('lin.collection', `/api/loans/${A}/repayments`, {
      amount: overdue.toFixed(2),
      paidAt: (await suite.stack.clock.now()).toISOString(),
      channel: 'transfer',
      idempotencyKey: `cure-${A}`,
    });
    expect(cure.status).toBe(201);
    expect(cure.body).toMatchObject({ state: 'applied', position: { arrearsCleared: true } });
    expect(
      await eventually(
        async () => (await episodes(A)).map((e) => e.state),
        (states) => states.every((s) => s === 'cured'),
      ),
    ).toEqual(['cured']);
    expect(await waitTasks('lin.collection', A, COLLECTION, 0)).toHaveLength(0);
    // Curing does not improve the classification: that needs an earned, approved upgrade.
    expect((await loanRow(A)).classification).toBe('special-mention');
  });

  it('writes B off after the lawsuit ends without assets and a review of its documents, then posts a recovery to the ledger', async () => {
    expect(B).toBeDefined();
    const [claim] = await openTasks('tang.legal', B, LEGAL);
    await complete('tang.legal', claim, {
      outcome: 'failed',
      reference: 'PICC-CLAIM-2027-0042',
      notes: 'insurer declined: policy lapsed for non-payment of premium',
    });
    await lawsuitEndsWithoutAssets(B, '(2027)浙0106民初123号');
    await reviewWriteOff(B);

    const [approval] = await waitTasks('xu.committee', B, WRITE_OFF, 1);
    const writeOffContext = (
      (await suite.staff.get('xu.committee', `/api/tasks/${approval.id}`)).body as {
        context: { loss: { principal: string }; writeOffReview: unknown };
      }
    ).context;
    expect(writeOffContext.loss.principal).toMatch(/^[1-9]\d*\.\d{2}$/);
    expect(writeOffContext.writeOffReview).toMatchObject({ outcome: 'pass', by: 'qian.reviewer' });
    // Whoever approved the loan does not approve its write-off.
    await withExtraRole(suite.dataSource, 'zhao.approver', 'committee-member', async () => {
      const own = await suite.staff.post('zhao.approver', `/api/tasks/${approval.id}/claim`);
      expect(own.status).toBe(403);
      expect(own.body).toMatchObject({
        code: 'SEPARATION_OF_DUTIES',
        details: { duty: 'write-off-approval', conflictingDuty: 'approval' },
      });
    });
    await complete('xu.committee', approval, {
      approved: true,
      reasons: 'legal remedies exhausted; borrower has no assets',
    });
    const loan = await eventually(
      () => loanRow(B),
      (l) => l.status === 'written-off',
    );
    expect(loan).toMatchObject({ status: 'written-off', classification: 'loss' });
    const writeOff = await suite.dataSource
      .getRepository(LoanWriteOffEntity)
      .findOneByOrFail({ loanId: B });
    const entries = await suite.dataSource
      .getRepository(LedgerEntryEntity)
      .findBy({ txnId: writeOff.txnId });
    expect(entries.map((e) => [e.accountCode, e.side, e.amountMinor]).sort()).toEqual(
      [
        ['ALLOWANCE:LOAN-LOSS', 'debit', writeOff.principalMinor],
        [`LOAN:${B}`, 'credit', writeOff.principalMinor],
      ].sort(),
    );
    expect(
      await eventually(
        async () => (await episodes(B)).map((e) => e.state),
        (states) => states.includes('written-off'),
      ),
    ).toEqual(['written-off']);

    // 账销案存: the collection officer keeps collecting on the written-off loan. The task before
    // the write-off leaves the inbox when the reconciler reads its end, which may come a moment
    // after the write-off is recorded: wait for the list to be the recovery task alone.
    const recoveryTasks = await eventually(
      () => openTasks('lin.collection', B, COLLECTION),
      (t) => t.length === 1 && t[0]?.elementId === 'RecoveryCollects',
    );
    expect(recoveryTasks.map((t) => t.elementId)).toEqual(['RecoveryCollects']);
    const recovery = await suite.staff.post('lin.collection', `/api/loans/${B}/repayments`, {
      amount: '1000.00',
      paidAt: (await suite.stack.clock.now()).toISOString(),
      channel: 'transfer',
      idempotencyKey: `recovery-${B}`,
    });
    expect(recovery.status).toBe(201);
    expect(recovery.body).toMatchObject({ kind: 'recovery', state: 'applied' });
    const row = await suite.dataSource
      .getRepository(RepaymentEntity)
      .findOneByOrFail({ id: (recovery.body as { id: string }).id });
    const posted = await suite.dataSource
      .getRepository(LedgerEntryEntity)
      .findBy({ txnId: row.txnId });
    const by = (code: string, side: string) =>
      posted
        .filter((e) => e.accountCode === code && e.side === side)
        .reduce((sum, e) => sum + Number(e.amountMinor), 0);
    expect(by('CLR:REPAYMENT', 'debit')).toBe(100_000);
    // Interest and penalty first (recovery income), the rest back to the allowance; never the
    // receivable the write-off closed.
    expect(by('ALLOWANCE:LOAN-LOSS', 'credit') + by('INCOME:RECOVERY', 'credit')).toBe(100_000);
    expect(posted.some((e) => e.accountCode === `LOAN:${B}`)).toBe(false);
    const dossier = await suite.staff.loan('li.cm', B);
    expect(dossier.writeOff).toMatchObject({ recovered: '1000.00', approvedBy: 'xu.committee' });
    expect(dossier.legalMilestones.map((m) => m.milestone)).toEqual([
      'filed',
      'judgment',
      'terminated',
    ]);
    const verdict = await verifyLedger(suite.dataSource);
    expect(verdict.problems.filter((p) => p.subject.includes(B))).toEqual([]);

    // The accountability review: the write-off's approver does not judge the loss.
    const decision = await suite.staff.waitForTask('lu.committee', B, ACCOUNTABILITY);
    const byWriteOffApprover = await suite.staff.post(
      'xu.committee',
      `/api/tasks/${decision.id}/claim`,
    );
    expect(byWriteOffApprover.status).toBe(403);
    expect(byWriteOffApprover.body).toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
      details: { duty: 'accountability-decision', conflictingDuty: 'write-off-approval' },
    });
    const view = await eventually(
      () => suite.staff.get('jiang.audit', `/api/loans/${B}/accountability`),
      (r) => r.status === 200,
    );
    const accountability = (
      view.body as {
        dossier: {
          actors: { username: string; duties: string[] }[];
          onFile: {
            duty: string;
            username: string;
            documents: { kind: string }[];
            requiredNotOnFile: string[];
          }[];
          gaps: { code: string }[];
        };
      }
    ).dossier;
    const actors = accountability.actors.map((a): [string, string[]] => [a.username, a.duties]);
    expect(Object.fromEntries(actors)['tang.legal']).toEqual(['legal-action']);
    // What was on file at each decision of origination, from the uploads' times.
    const onFile = accountability.onFile;
    expect(onFile.map((d) => d.duty)).toEqual(
      expect.arrayContaining(['investigation', 'review', 'approval', 'disbursement-check']),
    );
    // B's papers were uploaded with its application: every decision had them on file, and the
    // supervisor's check also the signed contract uploaded at the signing.
    for (const decision of onFile) {
      expect(decision.documents.map((d) => d.kind)).toEqual(
        expect.arrayContaining(['id-card', 'income-proof', 'credit-authorization']),
      );
      expect(decision.requiredNotOnFile).toEqual([]);
    }
    expect(
      onFile.find((d) => d.duty === 'disbursement-check')!.documents.map((d) => d.kind),
    ).toContain('contract');
    expect(accountability.gaps.map((gap) => gap.code)).not.toContain('missing-documents');
  });

  it('keeps C in the legal band when the committee refuses its write-off: no new episode at day 1 of the next missed installment', async () => {
    expect(C).toBeDefined();
    await lawsuitEndsWithoutAssets(C, '(2027)浙0106民初456号');
    await reviewWriteOff(C);
    const [approval] = await waitTasks('xu.committee', C, WRITE_OFF, 1);
    await complete('xu.committee', approval, {
      approved: false,
      reasons: 'guarantee insurance claim to be appealed first',
    });
    expect((await waitTasks('xu.committee', C, WRITE_OFF, 0)).length).toBe(0);
    // The officer keeps collecting; the loan is not written off.
    expect((await waitTasks('lin.collection', C, COLLECTION, 1))[0].elementId).toBe(
      'OfficerKeepsCollecting',
    );
    expect((await loanRow(C)).status).toBe('disbursed');

    // A month on, another installment is missed: the same episode, still legal, further past due.
    const before = await openEpisode(C);
    await suite.stack.clock.advance(31 * DAY);
    const dpd = (await position(C)).daysPastDue;
    expect(dpd).toBeGreaterThan(91 + 30);
    const after = await bandOf(C, 'legal', dpd);
    expect(after).toMatchObject({ id: before!.id, band: 'legal' });
    expect((await episodes(C)).filter((e) => e.state === 'open')).toHaveLength(1);
    expect(await openTasks('li.cm', C, COLLECTION)).toHaveLength(0);
  });
});
