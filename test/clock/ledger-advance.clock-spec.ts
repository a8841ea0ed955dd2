import {
  CollectionEpisodeEntity,
  LedgerEntryEntity,
  LoanEntity,
  LoanRefundEntity,
} from '@loanflow/persistence';
import { ServicingWorkersModule, verifyLedger } from '@loanflow/servicing';
import { disbursedLoan, eventually, originationSuite } from '../support';
import { textContaining } from '../support/expected-text';

const DAY = 24 * 3600 * 1000;

/**
 * Every yuan received is on the ledger: what is due is applied, what is not yet due is held in the
 * borrower's advance account and applied as installments fall due, what the loan no longer needs
 * is refunded; payments dated before the payout, in the future or beyond what the loan owes are
 * refused. The trial balance stays exact after every step.
 */
describe('repayments, the advance account and the trial balance, on the broker clock', () => {
  const suite = originationSuite(ServicingWorkersModule);

  let key = 0;
  const pay = async (loanId: string, amount: string, paidAt?: Date) =>
    suite.staff.post('lin.collection', `/api/loans/${loanId}/repayments`, {
      amount,
      paidAt: (paidAt ?? (await suite.stack.clock.now())).toISOString(),
      channel: 'counter',
      idempotencyKey: `ledger-spec-${loanId}-${++key}`,
    });
  const moveTo = async (at: Date) => {
    const now = (await suite.stack.clock.now()).getTime();
    if (at.getTime() > now) await suite.stack.clock.advance(at.getTime() - now);
  };
  const exact = async (loanId: string) => {
    const verdict = await verifyLedger(suite.dataSource);
    expect(
      verdict.problems.filter((p) => p.subject === loanId || !p.subject.startsWith('LN')),
    ).toEqual([]);
  };
  const dossier = (loanId: string) => suite.staff.loan('li.cm', loanId);
  /** The dossier, or undefined while it cannot be read (to poll again). */
  const dossierIfRead = async (loanId: string) =>
    (
      await suite.staff.as('li.cm', (api) =>
        api.GET('/api/loans/{id}', { params: { path: { id: loanId } } }),
      )
    ).data;

  it('refuses payments before the payout, in the future, or beyond what the loan owes; nothing is posted', async () => {
    const loanId = await disbursedLoan(suite.stack);
    const entries = () => suite.dataSource.getRepository(LedgerEntryEntity).countBy({ loanId });
    const before = await entries();
    const early = await pay(loanId, '100.00', new Date('1900-01-01T10:00:00+08:00'));
    expect(early.status).toBe(400);
    expect((early.body as { fieldErrors: unknown }).fieldErrors).toEqual([
      { field: 'paidAt', reasons: [textContaining('before the loan was paid out')] },
    ]);
    const future = await pay(
      loanId,
      '100.00',
      new Date((await suite.stack.clock.now()).getTime() + 2 * DAY),
    );
    expect(future.status).toBe(400);
    expect((future.body as { fieldErrors: { field: string }[] }).fieldErrors[0].field).toBe(
      'paidAt',
    );
    const huge = await pay(loanId, '9999999999999.99');
    expect(huge.status).toBe(400);
    expect((huge.body as { fieldErrors: unknown }).fieldErrors).toEqual([
      { field: 'amount', reasons: [textContaining('more than the whole loan owes')] },
    ]);
    expect(await entries()).toBe(before);
    await exact(loanId);
  });

  it('holds money not yet due in the advance account, applies it as installments fall due, and stays exact', async () => {
    const loanId = await disbursedLoan(suite.stack); // 12 × about 1,066.19 at 12%
    const installments = (await dossier(loanId)).schedule!.installments;

    // Twenty payments of 1.00 before anything is due: each posted in full, held in advance.
    for (let i = 0; i < 20; i++) {
      const small = await pay(loanId, '1.00');
      expect(small.status).toBe(201);
      expect((small.body as { unapplied: unknown }).unapplied).toBe('1.00');
    }
    const transactions = await suite.dataSource.query<{ txn_id: string; debits: string }[]>(
      `SELECT txn_id, SUM(IF(side = 'debit', amount_minor, 0)) AS debits FROM ledger_entry
        WHERE loan_id = ? AND txn_id LIKE 'RPY-%' GROUP BY txn_id`,
      [loanId],
    );
    expect(transactions).toHaveLength(20);
    expect(transactions.every((t) => Number(t.debits) === 100)).toBe(true);
    expect((await dossier(loanId)).advance).toBe('20.00');
    await exact(loanId);

    // The first installment paid ahead, with 500.00 more: all of it held until the due date.
    const first = installments[0];
    const ahead = await pay(loanId, (Number(first.payment) + 500 - 20).toFixed(2));
    expect(ahead.status).toBe(201);
    await exact(loanId);
    // The due date passes: the advance pays the installment on its day, nothing is overdue.
    await moveTo(new Date(new Date(`${first.dueDate}T00:00:00+08:00`).getTime() + DAY + 60_000));
    const applied = await eventually(
      () => dossierIfRead(loanId),
      (d) => d?.advance === '500.00',
    );
    expect(applied?.advance).toBe('500.00');
    const paidFirst = applied!.schedule!.installments[0];
    expect(paidFirst.principalPaid).toBe(paidFirst.principal);
    expect(paidFirst.interestPaid).toBe(paidFirst.interest);
    expect(await suite.dataSource.getRepository(CollectionEpisodeEntity).countBy({ loanId })).toBe(
      0,
    );
    await exact(loanId);

    // The second on its due date, paid at the counter with the advance still held: exact.
    const second = installments[1];
    await moveTo(new Date(`${second.dueDate}T10:00:00+08:00`));
    expect((await pay(loanId, second.payment)).status).toBe(201);
    await exact(loanId);

    // The third is missed, then paid five days late with its penalty: exact.
    const third = installments[2];
    await moveTo(new Date(new Date(`${third.dueDate}T10:00:00+08:00`).getTime() + 5 * DAY));
    const late = await pay(loanId, (Number(third.payment) + 20).toFixed(2));
    expect(late.status).toBe(201);
    expect(
      (late.body as { allocation: { category: string }[] }).allocation.some(
        (line) => line.category === 'penalty',
      ),
    ).toBe(true);
    await exact(loanId);

    // Settled early: the payoff less the advance; the advance is spent, the loan owes nothing.
    const quote = (await suite.staff.get('li.cm', `/api/loans/${loanId}/payoff-quote`)).body as {
      advance: string;
      toPay: string;
    };
    expect(Number(quote.advance)).toBeGreaterThan(0);
    const settled = await suite.staff.post(
      'lin.collection',
      `/api/loans/${loanId}/early-settlement`,
      {
        amount: quote.toPay,
        paidAt: (await suite.stack.clock.now()).toISOString(),
        channel: 'counter',
        idempotencyKey: `ledger-spec-payoff-${loanId}`,
      },
    );
    expect(settled.status).toBe(201);
    expect((await dossier(loanId)).advance).toBe('0.00');
    await exact(loanId);
  });

  it('refunds what a borrower paid beyond what the loan owed, once, on record', async () => {
    const loanId = await disbursedLoan(suite.stack, { amount: '12000.00', termMonths: 1 });
    const [only] = (await dossier(loanId)).schedule!.installments;
    // Paid ahead 50.00 too much (within the tolerance), a few days before the due date.
    await moveTo(new Date(new Date(`${only.dueDate}T10:00:00+08:00`).getTime() - 5 * DAY));
    expect((await pay(loanId, (Number(only.payment) + 50).toFixed(2))).status).toBe(201);
    await moveTo(new Date(new Date(`${only.dueDate}T00:00:00+08:00`).getTime() + DAY + 60_000));
    const refund = await eventually(
      () => suite.dataSource.getRepository(LoanRefundEntity).findOneBy({ loanId }),
      (row) => row !== null,
    );
    expect(refund).toMatchObject({ state: 'due', amountMinor: '5000' });
    expect(
      (await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId })).status,
    ).toBe('settled');
    await exact(loanId);
    const paid = await suite.staff.post('li.cm', `/api/loans/${loanId}/refunds/${refund!.id}/pay`, {
      payeeAccount: '6222020200123453445',
    });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ state: 'paid', amount: '50.00', paidBy: 'li.cm' });
    const again = await suite.staff.post(
      'li.cm',
      `/api/loans/${loanId}/refunds/${refund!.id}/pay`,
      {
        payeeAccount: '6222020200123453445',
      },
    );
    expect((again.body as { txnId: unknown }).txnId).toBe((paid.body as { txnId: unknown }).txnId);
    expect((await dossier(loanId)).advance).toBe('0.00');
    await exact(loanId);
  });
});
