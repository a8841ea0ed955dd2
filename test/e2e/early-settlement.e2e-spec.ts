import Decimal from 'decimal.js';
import { LedgerEntryEntity, LoanEntity, LoanInstallmentEntity } from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { components } from '@loanflow/api-client';
import { disbursedLoan, eventually, originationSuite } from '../support';

describe('early full settlement (提前结清): the payoff quoted, taken once, the loan settled by its process', () => {
  const suite = originationSuite(ServicingWorkersModule);
  let loanId: string;

  beforeAll(async () => {
    loanId = await disbursedLoan(suite.stack);
    // Age the loan: disbursed 100 days ago, so three installments have fallen due unpaid.
    await suite.dataSource.query(
      `UPDATE loan_installment SET due_date = DATE_FORMAT(DATE_SUB(STR_TO_DATE(due_date, '%Y-%m-%d'), INTERVAL 100 DAY), '%Y-%m-%d') WHERE loan_id = ?`,
      [loanId],
    );
    await suite.dataSource.query(
      'UPDATE loan SET disbursed_at = DATE_SUB(disbursed_at, INTERVAL 100 DAY) WHERE id = ?',
      [loanId],
    );
  });

  const settle = (body: components['schemas']['RepaymentRequest']) =>
    suite.staff.as('lin.collection', (api) =>
      api.POST('/api/loans/{id}/early-settlement', { params: { path: { id: loanId } }, body }),
    );

  it('quotes the payoff, refuses another amount, takes the payoff once and settles the loan', async () => {
    const quote = await suite.staff.get('li.cm', `/api/loans/${loanId}/payoff-quote`);
    expect(quote.status).toBe(200);
    const q = quote.body as Record<string, string> & {
      brokenPeriod: { installmentNumber: number };
    };
    // The parts add up to the total, to the fen.
    expect(
      new Decimal(q.outstandingPrincipal)
        .plus(q.interestDue)
        .plus(q.penalty)
        .plus(q.brokenPeriodInterest)
        .toFixed(2),
    ).toBe(q.total);
    expect(q.outstandingPrincipal).toBe('12000.00');
    expect(new Decimal(q.penalty).isPositive()).toBe(true);
    expect(q.brokenPeriod.installmentNumber).toBe(4);
    const badDate = await suite.staff.get(
      'li.cm',
      `/api/loans/${loanId}/payoff-quote?date=29-04-2027`,
    );
    expect((badDate.body as { fieldErrors: unknown[] }).fieldErrors).toEqual([
      expect.objectContaining({ field: 'date' }),
    ]);

    const paidAt = (await suite.stack.clock.now()).toISOString();
    const short = await settle({
      amount: '12000.00',
      paidAt,
      channel: 'transfer',
      idempotencyKey: `payoff-short-${loanId}`,
    });
    expect(short.response.status).toBe(422);
    expect(short.error).toMatchObject({
      code: 'PAYOFF_AMOUNT_MISMATCH',
      details: { payoff: q.total, amount: '12000.00' },
    });

    const body: components['schemas']['RepaymentRequest'] = {
      amount: q.total,
      paidAt,
      channel: 'transfer',
      idempotencyKey: `payoff-${loanId}`,
    };
    const settled = await settle(body);
    expect(settled.response.status).toBe(201);
    expect(settled.data).toMatchObject({
      unapplied: '0.00',
      position: { outstandingPrincipal: '0.00', arrearsCleared: true, daysPastDue: 0 },
    });
    const again = await settle(body);
    expect(again.data).toMatchObject({ id: settled.data?.id, replayed: true });
    // One ledger transaction for the payoff, whatever the repeats.
    const entries = await suite.dataSource.getRepository(LedgerEntryEntity).findBy({ loanId });
    expect(new Set(entries.map((e) => e.txnId)).size).toBe(2); // the payout and the payoff
    // Later installments owe no interest any more; the broken period's is what was paid.
    const later = await suite.dataSource
      .getRepository(LoanInstallmentEntity)
      .find({ where: { loanId }, order: { number: 'ASC' } });
    expect(later.slice(4).every((i) => i.interestMinor === '0')).toBe(true);

    // The loan's process catches that nothing is outstanding and settles it at once.
    const loan = await eventually(
      () => suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId }),
      (l) => l.status === 'settled',
    );
    expect(loan.status).toBe('settled');
    expect(
      await suite.staff.waitForTask('song.archive', loanId, 'loanflow:archive-file'),
    ).toBeDefined();
    const after = await settle({
      ...body,
      idempotencyKey: `payoff-again-${loanId}`,
    });
    expect(after.response.status).toBe(409);
    expect(after.error?.code).toBe('LOAN_NOT_IN_SERVICING');
  });
});
