import { DataSource } from 'typeorm';
import { components } from '@loanflow/api-client';
import { LedgerEntryEntity, LoanInstallmentEntity, RepaymentEntity } from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { disbursedLoan, openOriginationStack, Staff, TestStack } from '../support';

describe('repayments: allocation, ledger, idempotency, the message to the loan’s process', () => {
  let stack: TestStack;
  let staff: Staff;
  let dataSource: DataSource;
  let loanId: string;

  beforeAll(async () => {
    // The loan is aged 100 days below: its first installments are paid on their (old) due dates,
    // beyond the default 30-day window for back-dated entries.
    process.env.REPAYMENT_BACKDATE_DAYS = '365';
    stack = await openOriginationStack(ServicingWorkersModule);
    staff = stack.staff!;
    dataSource = stack.api!.get(DataSource);
    // A 12-month loan of 12,000.00 at 12%, equal principal: 1,000.00 principal a month.
    loanId = await disbursedLoan(stack);
    // Age the loan: its schedule as if disbursed 100 days ago, so installments have fallen due.
    await dataSource.query(
      `UPDATE loan_installment SET due_date = DATE_FORMAT(DATE_SUB(STR_TO_DATE(due_date, '%Y-%m-%d'), INTERVAL 100 DAY), '%Y-%m-%d') WHERE loan_id = ?`,
      [loanId],
    );
    await dataSource.query(
      `UPDATE loan SET disbursed_at = DATE_SUB(disbursed_at, INTERVAL 100 DAY) WHERE id = ?`,
      [loanId],
    );
  });

  afterAll(async () => {
    delete process.env.REPAYMENT_BACKDATE_DAYS;
    await stack.close();
  });

  const installments = () =>
    dataSource
      .getRepository(LoanInstallmentEntity)
      .find({ where: { loanId }, order: { number: 'ASC' } });
  type Repayment = components['schemas']['RepaymentRequest'];
  const record = (username: string, body: Repayment) =>
    staff.as(username, (api) =>
      api.POST('/api/loans/{id}/repayments', { params: { path: { id: loanId } }, body }),
    );
  // A colleague at the counter records them (the loan's own customer manager would need a checker).
  const pay = (body: Repayment) => record('lin.collection', body);
  const decide = (
    username: string,
    repaymentId: string,
    decision: 'confirm' | 'reject',
    reason?: string,
  ) =>
    decision === 'confirm'
      ? staff.as(username, (api) =>
          api.POST('/api/loans/{id}/repayments/{repaymentId}/confirm', {
            params: { path: { id: loanId, repaymentId } },
          }),
        )
      : staff.as(username, (api) =>
          api.POST('/api/loans/{id}/repayments/{repaymentId}/reject', {
            params: { path: { id: loanId, repaymentId } },
            body: { reason } as { reason: string },
          }),
        );

  it('allocates an on-time payment to its installment and posts it once, however often it is sent', async () => {
    const [first] = await installments();
    const amount = ((Number(first.principalMinor) + Number(first.interestMinor)) / 100).toFixed(2);
    const body: Repayment = {
      amount,
      paidAt: `${first.dueDate}T10:00:00+08:00`,
      channel: 'counter',
      idempotencyKey: `test-${loanId}-1`,
    };

    const paid = await pay(body);
    expect(paid.response.status).toBe(201);
    expect(paid.data).toMatchObject({ amount, unapplied: '0.00', replayed: false });
    expect(paid.data?.allocation).toEqual([
      {
        installmentNumber: 1,
        category: 'interest',
        amount: (Number(first.interestMinor) / 100).toFixed(2),
        paidOn: first.dueDate,
      },
      {
        installmentNumber: 1,
        category: 'principal',
        amount: (Number(first.principalMinor) / 100).toFixed(2),
        paidOn: first.dueDate,
      },
    ]);

    const again = await pay(body);
    expect(again.response.status).toBe(201);
    expect(again.data).toMatchObject({ id: paid.data?.id, replayed: true });
    const [sent, twice] = await Promise.all([
      pay({ ...body, idempotencyKey: `test-${loanId}-1b` }),
      pay({ ...body, idempotencyKey: `test-${loanId}-1b` }),
    ]);
    expect(sent.data?.id).toBe(twice.data?.id);

    const dossier = await staff.loan('li.cm', loanId);
    expect(dossier.schedule?.installments[0]).toMatchObject({
      principalPaid: (Number(first.principalMinor) / 100).toFixed(2),
      interestPaid: (Number(first.interestMinor) / 100).toFixed(2),
    });
    expect(dossier.repayments.map((r) => r.id)).toContain(paid.data?.id);

    const misuse = await pay({ ...body, amount: '1.00' });
    expect(misuse.response.status).toBe(409);
    expect(misuse.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const rows = await dataSource
      .getRepository(RepaymentEntity)
      .findBy({ loanId, idempotencyKey: body.idempotencyKey });
    expect(rows).toHaveLength(1);
    const entries = await dataSource
      .getRepository(LedgerEntryEntity)
      .findBy({ txnId: rows[0].txnId });
    expect(entries.map((e) => `${e.side} ${e.accountCode}`).sort()).toEqual([
      'credit INCOME:INTEREST',
      `credit LOAN:${loanId}`,
      'debit CLR:REPAYMENT',
    ]);
  });

  it('takes a partial payment of overdue installments penalty first, then interest, then principal', async () => {
    const response = await pay({
      amount: '300.00',
      paidAt: (await stack.clock.now()).toISOString(),
      channel: 'transfer',
      idempotencyKey: `test-${loanId}-2`,
    });
    expect(response.response.status).toBe(201);
    const categories = (response.data?.allocation ?? []).map((line) => line.category);
    expect(categories[0]).toBe('penalty');
    expect(categories.indexOf('principal')).toBeGreaterThan(categories.lastIndexOf('interest'));
    expect(response.data?.position.daysPastDue).toBeGreaterThan(0);
    expect(response.data?.position.arrearsCleared).toBe(false);
  });

  it('tells the loan’s servicing instance of each repayment', async () => {
    const noted = await stack.records.waitFor(
      'PROCESS_INSTANCE',
      (r) =>
        r.value.bpmnProcessId === 'loan-servicing' &&
        r.intent === 'ELEMENT_COMPLETED' &&
        r.value.elementId === 'RepaymentNoted',
      20_000,
    );
    expect(noted).toBeDefined();
    const unpublished = await dataSource.getRepository(RepaymentEntity).findBy({ loanId });
    expect(unpublished.every((row) => row.publishedAt !== null)).toBe(true);
  });

  it('refuses a payment dated in the future and a float amount', async () => {
    const future = await pay({
      amount: '10.00',
      paidAt: '2099-01-01T00:00:00Z',
      channel: 'counter',
      idempotencyKey: `test-${loanId}-3`,
    });
    expect(future.response.status).toBe(400);
    expect(future.error?.fieldErrors).toEqual([
      { field: 'paidAt', reasons: [expect.stringContaining('is in the future')] },
    ]);
    const float = await pay({
      // A number where the API wants a decimal string: what a careless client would send.
      amount: 10.5 as unknown as string,
      paidAt: (await stack.clock.now()).toISOString(),
      channel: 'counter',
      idempotencyKey: `test-${loanId}-4`,
    });
    expect(float.response.status).toBe(400);
    expect(float.error?.fieldErrors?.map((e) => e.field)).toEqual(['amount']);
  });

  it('holds a payment above the confirmation limit, or on the recorder’s own loan, until a second person confirms or rejects it', async () => {
    const now = (await stack.clock.now()).toISOString();
    const large = await pay({
      amount: '60000.00',
      paidAt: now,
      channel: 'counter',
      idempotencyKey: `test-${loanId}-large`,
    });
    // Judged first like any payment: more than the whole loan owes is refused, held or not.
    expect(large.response.status).toBe(400);
    expect(large.error?.fieldErrors?.map((e) => e.field)).toEqual(['amount']);

    const own = await record('li.cm', {
      amount: '200.00',
      paidAt: now,
      channel: 'counter',
      idempotencyKey: `test-${loanId}-own`,
    });
    expect(own.response.status).toBe(201);
    expect(own.data).toMatchObject({ state: 'pending', allocation: [], recordedBy: 'li.cm' });
    const ownId = own.data!.id;
    const held = await dataSource.getRepository(RepaymentEntity).findOneByOrFail({ id: ownId });
    expect(
      (await dataSource.getRepository(LedgerEntryEntity).findBy({ txnId: held.txnId }))
        .map((e) => `${e.side} ${e.accountCode}`)
        .sort(),
    ).toEqual(['credit SUSP:' + loanId, 'debit CLR:REPAYMENT']);

    const byRecorder = await decide('li.cm', ownId, 'reject', 'entered twice');
    expect(byRecorder.response.status).toBe(403);
    expect(byRecorder.error?.code).toBe('SEPARATION_OF_DUTIES');
    const noReason = await decide('chen.center', ownId, 'reject');
    expect(noReason.response.status).toBe(400);
    expect(noReason.error?.fieldErrors?.map((e) => e.field)).toEqual(['reason']);
    const rejected = await decide(
      'chen.center',
      ownId,
      'reject',
      'no such receipt in the counter journal',
    );
    expect(rejected.response.status).toBe(200);
    expect(rejected.data).toMatchObject({ state: 'rejected', confirmedBy: 'chen.center' });
    const again = await decide('lin.collection', ownId, 'confirm');
    expect(again.response.status).toBe(409);
    expect(again.error?.code).toBe('REPAYMENT_NOT_PENDING');
    // Nothing was applied; the money went back out of suspense.
    const suspense = await dataSource.query<{ balance: string }[]>(
      `SELECT CAST(balance_minor AS CHAR) AS balance FROM ledger_account WHERE code = ?`,
      [`SUSP:${loanId}`],
    );
    expect(suspense).toEqual([{ balance: '0' }]);
    const trail = (await staff.get('jiang.audit', `/api/loans/${loanId}/audit`)).body as {
      action: string;
      actor: string;
      outcome: string;
    }[];
    expect(trail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'loan.repayment-reject',
          actor: 'li.cm',
          outcome: 'refused',
        }),
        expect.objectContaining({
          action: 'loan.repayment-reject',
          actor: 'chen.center',
          outcome: 'ok',
        }),
      ]),
    );
  });
});
