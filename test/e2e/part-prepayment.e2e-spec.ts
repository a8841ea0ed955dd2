import type { components } from '@loanflow/api-client';
import {
  AuditEntryEntity,
  LedgerEntryEntity,
  LoanInstallmentEntity,
  LoanInstallmentHistoryEntity,
  LoanPrepaymentEntity,
  RepaymentEntity,
} from '@loanflow/persistence';
import { PostPrepaymentWorker, ServicingWorkersModule, verifyLedger } from '@loanflow/servicing';
import { deploy, disbursedLoan, eventually, modelPath, originationSuite } from '../support';

type ErrorAnswer = Required<components['schemas']['ErrorAnswer']>;

const REVIEW = 'loanflow:prepayment-review';
const yuan = (minor: string | number) => (Number(minor) / 100).toFixed(2);

/**
 * Part prepayment (部分提前还款) on the real broker: quoted, requested by the customer manager with
 * the borrower's option, reviewed by someone else (审查岗), posted once to the balanced ledger with
 * the schedule replaced (history kept), and servicing told to follow the new schedule.
 */
describe('part prepayment: quote, request, review, posting', () => {
  const suite = originationSuite(ServicingWorkersModule);
  let shorter: string; // 12 months, 12,000.00 at 12%, equal installments of 1,066.19
  let lower: string;
  let late: string;

  const age = async (loanId: string, days: number) => {
    await suite.dataSource.query(
      `UPDATE loan_installment SET due_date = DATE_FORMAT(DATE_SUB(STR_TO_DATE(due_date, '%Y-%m-%d'), INTERVAL ${days} DAY), '%Y-%m-%d') WHERE loan_id = ?`,
      [loanId],
    );
    await suite.dataSource.query(
      `UPDATE loan SET disbursed_at = DATE_SUB(disbursed_at, INTERVAL ${days} DAY) WHERE id = ?`,
      [loanId],
    );
  };
  const schedule = (loanId: string) =>
    suite.dataSource
      .getRepository(LoanInstallmentEntity)
      .find({ where: { loanId }, order: { number: 'ASC' } });
  const settled = (id: string) =>
    eventually(
      () => suite.dataSource.getRepository(LoanPrepaymentEntity).findOneByOrFail({ id }),
      (row) => row.state !== 'requested',
    );
  const review = async (loanId: string, outcome: 'pass' | 'reject', opinion: string) => {
    const task = await suite.staff.waitForTask('wang.reviewer', loanId, REVIEW);
    const done = await suite.staff.post('wang.reviewer', `/api/tasks/${task.id}/complete`, {
      answer: { outcome, opinion },
    });
    expect(done.status).toBe(200);
  };
  const ledgerProblems = async (loanId: string) =>
    (await verifyLedger(suite.dataSource)).problems.filter((p) => p.subject === loanId);

  beforeAll(async () => {
    await deploy(suite.stack.zeebe, modelPath('part-prepayment.bpmn'));
    shorter = await disbursedLoan(suite.stack);
    lower = await disbursedLoan(suite.stack);
    late = await disbursedLoan(suite.stack);
    // Paid out 10 days ago: interest has accrued, nothing is due yet.
    await age(shorter, 10);
    await age(lower, 10);
    await age(late, 10);
  });

  it('quotes both options, and refuses bad input by field (400), the wrong post (403) and another branch (404), writing nothing', async () => {
    const quoted = await suite.staff.get(
      'li.cm',
      `/api/loans/${shorter}/prepayment-quote?amount=6000.00`,
    );
    expect(quoted.status).toBe(200);
    const q = quoted.body as components['schemas']['PrepaymentQuoteView'];
    expect(q).toMatchObject({
      outstandingPrincipal: '12000.00',
      principalReduction: '6000.00',
      remainingPrincipal: '6000.00',
      accruedDays: 10,
      // 12,000 × 12% × 10 / 360
      accruedInterest: '40.00',
      // 1% in the first 12 months
      feeRate: '0.01',
      fee: '60.00',
      total: '6100.00',
      current: { installmentCount: 12, levelPayment: '1066.19' },
    });
    expect(q.options['shorten-term']).toMatchObject({
      installmentCount: 6,
      levelPayment: '1066.19',
    });
    expect(q.options['reduce-installment']).toMatchObject({
      installmentCount: 12,
      levelPayment: '533.09',
      maturity: q.current.maturity,
    });
    const byPost = await suite.staff.post('li.cm', `/api/loans/${shorter}/prepayment-quote`, {
      amount: '6000.00',
    });
    expect(byPost.body).toEqual(q);

    const ask = (body: object, username = 'li.cm', loanId = shorter) =>
      suite.staff.post(username, `/api/loans/${loanId}/prepayments`, {
        option: 'shorten-term',
        channel: 'transfer',
        ...body,
      });
    const whole = await ask({ amount: '12000.00' });
    expect(whole.status).toBe(400);
    expect(whole.body).toMatchObject({
      fieldErrors: [{ field: 'amount' }],
      details: { rule: 'PREPAYMENT_ABOVE_OUTSTANDING', outstandingPrincipal: '12000.00' },
    });
    const small = await ask({ amount: '500.00' });
    expect(small.status).toBe(400);
    expect(small.body).toMatchObject({
      fieldErrors: [{ field: 'amount' }],
      details: { rule: 'PREPAYMENT_BELOW_MINIMUM', minimum: '1000.00' },
    });
    const malformed = await ask({ amount: '3000.5x', option: 'faster' });
    expect(malformed.status).toBe(400);
    expect(
      (malformed.body as ErrorAnswer).fieldErrors.map((f: { field: string }) => f.field).sort(),
    ).toEqual(['amount', 'option']);
    const refusals = () =>
      suite.dataSource
        .getRepository(AuditEntryEntity)
        .countBy({ actor: 'wang.reviewer', outcome: 'refused' });
    const refusedBefore = await refusals();
    const reviewer = await ask({ amount: '3000.00' }, 'wang.reviewer');
    expect(reviewer.status).toBe(403);
    expect((reviewer.body as ErrorAnswer).code).toBe('ROLE_REQUIRED');
    expect(await refusals()).toBeGreaterThan(refusedBefore);
    const outside = await ask({ amount: '3000.00' }, 'sun.cm');
    expect(outside.status).toBe(404);
    expect(
      await suite.dataSource.getRepository(LoanPrepaymentEntity).countBy({ loanId: shorter }),
    ).toBe(0);
  });

  it('shortens the term: reviewed, posted once to the balanced ledger, the schedule replaced with its history, servicing told', async () => {
    const before = await schedule(shorter);
    const asked = await suite.staff.post('li.cm', `/api/loans/${shorter}/prepayments`, {
      amount: '6000.00',
      option: 'shorten-term',
      channel: 'transfer',
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ state: 'requested', quote: { total: '6100.00' } });
    await review(shorter, 'pass', 'borrower’s bonus documented; option chosen in writing');
    const row = await settled((asked.body as { id: string }).id);
    expect(row).toMatchObject({
      state: 'posted',
      decidedBy: 'wang.reviewer',
      interestMinor: '4000',
      feeMinor: '6000',
      openKey: null,
    });

    const after = await schedule(shorter);
    expect(after.map((i) => i.number)).toEqual([13, 14, 15, 16, 17, 18, 19]);
    // The prepayment is an installment of its own, paid at once.
    expect(after[0]).toMatchObject({
      principalMinor: '600000',
      principalPaidMinor: '600000',
      interestMinor: '4000',
      interestPaidMinor: '4000',
    });
    const payments = after.slice(1).map((i) => yuan(i.paymentMinor));
    expect(payments).toEqual([...Array<string>(5).fill('1066.19'), '855.08']);
    expect(after.slice(1).map((i) => i.dueDate)).toEqual(before.slice(0, 6).map((i) => i.dueDate));
    expect(after.slice(1).reduce((sum, i) => sum + Number(i.principalMinor), 0)).toBe(600_000);
    const history = await suite.dataSource
      .getRepository(LoanInstallmentHistoryEntity)
      .findBy({ loanId: shorter, replacedBy: `prepayment:${row.id}` });
    expect(history.map((h) => h.number).sort((a, b) => a - b)).toEqual(before.map((i) => i.number));

    const entries = await suite.dataSource
      .getRepository(LedgerEntryEntity)
      .findBy({ txnId: `PREPAY-${row.id}` });
    const side = (s: string) =>
      entries
        .filter((e) => e.side === s)
        .map((e) => `${e.accountCode} ${yuan(e.amountMinor)}`)
        .sort();
    expect(side('debit')).toEqual(['CLR:REPAYMENT 6100.00']);
    expect(side('credit')).toEqual([
      'INCOME:INTEREST 40.00',
      'INCOME:PREPAYMENT-FEE 60.00',
      `LOAN:${shorter} 6000.00`,
    ]);
    expect(await ledgerProblems(shorter)).toEqual([]);

    // Servicing looks for its next installment again: the prepayment's, then the new ones.
    const servicing = await suite.stack.records.waitFor(
      'VARIABLE',
      (r) =>
        r.value.bpmnProcessId === 'loan-servicing' &&
        r.value.name === 'loanId' &&
        r.value.value === JSON.stringify(shorter),
    );
    const next = await suite.stack.records.waitFor(
      'VARIABLE',
      (r) =>
        String(r.value.processInstanceKey) === String(servicing.value.processInstanceKey) &&
        r.value.name === 'nextInstallment' &&
        String(r.value.value).includes('"number":13'),
      30_000,
    );
    expect(next).toBeDefined();

    // The job delivered again: nothing posted twice.
    const counts = async () => [
      await suite.dataSource.getRepository(LedgerEntryEntity).countBy({ loanId: shorter }),
      await suite.dataSource.getRepository(RepaymentEntity).countBy({ loanId: shorter }),
      (await schedule(shorter)).length,
    ];
    const once = await counts();
    const again = await suite.stack.workers!.get(PostPrepaymentWorker).handle({
      loanId: shorter,
      businessKey: shorter,
      prepaymentId: row.id,
      prepaymentReview: { outcome: 'pass', opinion: 'delivered again', by: 'wang.reviewer' },
      asOf: new Date().toISOString(),
    } as never);
    expect(again).toEqual({ prepaymentPosted: true });
    expect(await counts()).toEqual(once);
  });

  it('leaves the schedule when the review rejects, keeps the requester off the review, then lowers the installment', async () => {
    const before = await schedule(lower);
    // zhou.cm holds the customer manager's and the reviewer's posts.
    const asked = await suite.staff.post('zhou.cm', `/api/loans/${lower}/prepayments`, {
      amount: '3000.00',
      option: 'reduce-installment',
      channel: 'counter',
    });
    expect(asked.status).toBe(201);
    const twice = await suite.staff.post('li.cm', `/api/loans/${lower}/prepayments`, {
      amount: '2000.00',
      option: 'shorten-term',
      channel: 'counter',
    });
    expect(twice.status).toBe(409);
    expect((twice.body as ErrorAnswer).code).toBe('PREPAYMENT_ALREADY_OPEN');
    const task = await suite.staff.waitForTask('wang.reviewer', lower, REVIEW);
    const own = await suite.staff.post('zhou.cm', `/api/tasks/${task.id}/claim`);
    expect(own.status).toBe(403);
    expect(own.body).toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
      details: { duty: 'prepayment-review', conflictingDuty: 'prepayment-request' },
    });
    await review(lower, 'reject', 'the source of the funds is not documented');
    expect(await settled((asked.body as { id: string }).id)).toMatchObject({
      state: 'refused',
      decidedBy: 'wang.reviewer',
    });
    expect(await schedule(lower)).toEqual(before);
    expect(
      await suite.dataSource.getRepository(LoanInstallmentHistoryEntity).countBy({ loanId: lower }),
    ).toBe(0);

    const again = await suite.staff.post('li.cm', `/api/loans/${lower}/prepayments`, {
      amount: '3000.00',
      option: 'reduce-installment',
      channel: 'counter',
    });
    expect(again.status).toBe(201);
    await review(lower, 'pass', 'funds documented: the borrower’s year-end bonus');
    expect(await settled((again.body as { id: string }).id)).toMatchObject({
      state: 'posted',
      feeMinor: '3000',
    });
    const after = await schedule(lower);
    const fresh = after.slice(1);
    expect(fresh).toHaveLength(12);
    // 9,000 over the same 12 dates: 799.64 a month (the first a little less interest, same payment).
    expect(fresh.slice(0, 11).every((i) => yuan(i.paymentMinor) === '799.64')).toBe(true);
    expect(fresh.map((i) => i.dueDate)).toEqual(before.map((i) => i.dueDate));
    expect(fresh.reduce((sum, i) => sum + Number(i.principalMinor), 0)).toBe(900_000);
    expect(await ledgerProblems(lower)).toEqual([]);
    const listed = await suite.staff.get('wang.reviewer', `/api/loans/${lower}/prepayments`);
    expect((listed.body as { state: string }[]).map((r: { state: string }) => r.state)).toEqual([
      'refused',
      'posted',
    ]);
  });

  it('refuses a second prepayment on the day of the first (a due date), and posts nothing for one that fell overdue before review', async () => {
    const sameDay = await suite.staff.get(
      'li.cm',
      `/api/loans/${lower}/prepayment-quote?amount=2000.00`,
    );
    expect(sameDay.status).toBe(400);
    expect(sameDay.body).toMatchObject({
      fieldErrors: [{ field: 'date' }],
      details: { rule: 'PREPAYMENT_ON_DUE_DATE' },
    });
    // A request is taken; then the loan falls behind before the reviewer passes it.
    const asked = await suite.staff.post('li.cm', `/api/loans/${late}/prepayments`, {
      amount: '2000.00',
      option: 'reduce-installment',
      channel: 'transfer',
    });
    expect(asked.status).toBe(201);
    const before = await schedule(late);
    await age(late, 40);
    await review(late, 'pass', 'funds documented; the borrower asks to lower the installment');
    const row = await settled((asked.body as { id: string }).id);
    expect(row.state).toBe('refused');
    expect(row.outcome).toContain('PREPAYMENT_WHILE_OVERDUE');
    expect((await schedule(late)).map((i) => [i.number, i.principalMinor])).toEqual(
      before.map((i) => [i.number, i.principalMinor]),
    );
    // Nothing posted: the payout is the loan's only transaction.
    const txns = await suite.dataSource.getRepository(LedgerEntryEntity).findBy({ loanId: late });
    expect(new Set(txns.map((e) => e.txnId)).size).toBe(1);
  });

  it('refuses a prepayment while an installment is overdue (400)', async () => {
    // Forty days on: the first installment of the new schedule fell due some 20 days ago, unpaid.
    await age(lower, 40);
    const overdue = await suite.staff.get(
      'li.cm',
      `/api/loans/${lower}/prepayment-quote?amount=2000.00`,
    );
    expect(overdue.status).toBe(400);
    expect(overdue.body).toMatchObject({
      fieldErrors: [{ field: 'amount' }],
      details: { rule: 'PREPAYMENT_WHILE_OVERDUE' },
    });
  });
});
