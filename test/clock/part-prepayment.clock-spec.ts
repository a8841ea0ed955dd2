import { LoanInstallmentEntity, LoanPrepaymentEntity } from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { deploy, disbursedLoan, eventually, modelPath, originationSuite } from '../support';

const DAY = 24 * 3600 * 1000;

/**
 * After a part prepayment the loan's servicing follows the revised schedule on the broker clock:
 * it watches the prepayment's own installment, then the new ones on their due dates and amounts.
 */
describe('part prepayment on the broker clock: servicing follows the revised schedule', () => {
  const suite = originationSuite(ServicingWorkersModule);

  beforeAll(async () => {
    await deploy(suite.stack.zeebe, modelPath('part-prepayment.bpmn'));
  });

  let servicingKey = '';
  const watched = (number: number) =>
    suite.stack.records.waitFor(
      'VARIABLE',
      (r) =>
        String(r.value.processInstanceKey) === servicingKey &&
        r.value.name === 'nextInstallment' &&
        String(r.value.value).includes(`"number":${number}`),
      45_000,
    );

  it('ten days after the payout 6,000.00 is prepaid (shorter term); installment 14 is taken on the old first due date at 1,066.19, then 15 is watched', async () => {
    const loanId = await disbursedLoan(suite.stack);
    const servicing = await suite.stack.records.waitFor(
      'VARIABLE',
      (r) =>
        r.value.bpmnProcessId === 'loan-servicing' &&
        r.value.name === 'loanId' &&
        r.value.value === JSON.stringify(loanId),
    );
    servicingKey = String(servicing.value.processInstanceKey);
    const original = await suite.dataSource
      .getRepository(LoanInstallmentEntity)
      .find({ where: { loanId }, order: { number: 'ASC' } });
    await suite.stack.clock.advance(10 * DAY);

    const asked = await suite.staff.post('li.cm', `/api/loans/${loanId}/prepayments`, {
      amount: '6000.00',
      option: 'shorten-term',
      channel: 'transfer',
    });
    expect(asked.status).toBe(201);
    const prepayment = asked.body as { id: string; quote: unknown };
    expect(prepayment.quote).toMatchObject({ accruedDays: 10, accruedInterest: '40.00' });
    const review = await suite.staff.waitForTask(
      'wang.reviewer',
      loanId,
      'loanflow:prepayment-review',
    );
    await suite.staff.post('wang.reviewer', `/api/tasks/${review.id}/complete`, {
      answer: { outcome: 'pass', opinion: 'funds documented; the borrower chose a shorter term' },
    });
    const row = await eventually(
      () =>
        suite.dataSource.getRepository(LoanPrepaymentEntity).findOneByOrFail({ id: prepayment.id }),
      (r) => r.state !== 'requested',
    );
    expect(row.state).toBe('posted');
    await watched(13);

    // The prepayment's installment is checked at the end of its day; then the first new one.
    const next = await (async () => {
      const dueMorning = new Date(`${original[0].dueDate}T10:00:00+08:00`).getTime();
      await suite.stack.clock.advance(dueMorning - (await suite.stack.clock.now()).getTime());
      return watched(14);
    })();
    expect(String(next.value.value)).toContain(`"dueDate":"${original[0].dueDate}"`);
    const paid = await suite.staff.post('lin.collection', `/api/loans/${loanId}/repayments`, {
      amount: '1066.19',
      paidAt: (await suite.stack.clock.now()).toISOString(),
      channel: 'counter',
      idempotencyKey: `prepaid-${loanId}-14`,
    });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({
      unapplied: '0.00',
      allocation: [
        expect.objectContaining({ installmentNumber: 14, category: 'interest' }),
        expect.objectContaining({ installmentNumber: 14, category: 'principal' }),
      ],
      position: { daysPastDue: 0, outstandingPrincipal: '4973.81' },
    });
    await suite.stack.clock.advance(DAY);
    const after = await watched(15);
    expect(String(after.value.value)).toContain(`"dueDate":"${original[1].dueDate}"`);
  });
});
