import { staffActor } from '@loanflow/audit';
import { AppConfig } from '@loanflow/config';
import { Money } from '@loanflow/domain';
import type { LoanEntity } from '@loanflow/persistence';
import { NonRetryableJobError } from '@loanflow/workflow';
import { LOAN, prepaymentRequestRow } from '../requests/loan-request-records.fixture';
import {
  registerWith,
  afterCommit,
  AS_OF,
  AT,
  OVERDUE,
} from '../requests/request-decision-records.fixture';
import { SCHEDULE_REVISED_MESSAGE } from '../servicing.contract';
import {
  ClosePrepaymentWorker,
  PostPrepaymentWorker,
  PrepaymentStepInput,
} from './prepayment.workers';

const reviewer = staffActor('wang.rv', 'reviewer');

const input = (outcome: 'pass' | 'reject' = 'pass', asOf = AS_OF) =>
  Object.assign(new PrepaymentStepInput(), {
    loanId: LOAN,
    prepaymentId: '61',
    prepaymentReview: { outcome, opinion: '客户资金来源为年终奖，材料齐全', by: 'wang.rv' },
    asOf,
  });

/** The product's rule as configured by default: 1,000.00 at least, 1% fee in the first year. */
function setUp(over: Partial<LoanEntity> = {}) {
  const { register, request } = registerWith('prepayment', prepaymentRequestRow(), over);
  const around = afterCommit();
  const worker = new PostPrepaymentWorker(register, around.zeebe, new AppConfig());
  return { register, request, worker, ...around };
}

const sum = (amounts: string[]) =>
  amounts
    .reduce((total, amount) => total.plus(Money.parse(amount)), Money.zero())
    .toDecimalString();

describe('posting an approved part prepayment (prepayment.post)', () => {
  it('posts it: the schedule revised, the old installments kept, a repayment, a balanced ledger transaction, the trail, and servicing told', async () => {
    const { register, request, worker, published } = setUp();
    const before = register.installments();
    expect(await worker.handle(input())).toEqual({ prepaymentPosted: true });

    const [repayment] = register.repayments;
    expect(register.repayments).toHaveLength(1);
    const lines = JSON.parse(repayment.allocationJson) as {
      category: string;
      amount: string;
      installmentNumber: number;
      paidOn: string;
    }[];
    const interest = lines.find((line) => line.category === 'interest')!.amount;
    expect(lines.find((line) => line.category === 'principal')).toMatchObject({
      amount: '20000.00',
      paidOn: '2026-04-07',
    });
    expect(repayment).toMatchObject({
      loanId: LOAN,
      idempotencyKey: 'prepayment:61',
      amountMinor: Money.parse(sum(['20000.00', interest])).minorUnits.toString(),
      paidAt: AT,
      channel: 'counter',
      kind: 'part-prepayment',
      state: 'applied',
      unappliedMinor: '0',
      txnId: 'PREPAY-61',
      recordedBy: 'li.cm',
      confirmedBy: 'wang.rv',
      confirmedAt: AT,
      publishedAt: AT,
    });

    // Clearing pays the receivable, the accrued interest and the fee (1% in the first year).
    const memo = `part prepayment 61 of loan ${LOAN}`;
    expect(register.entries).toEqual([
      {
        txnId: 'PREPAY-61',
        loanId: LOAN,
        memo,
        account: 'CLR:REPAYMENT',
        side: 'debit',
        amount: sum(['20000.00', interest, '200.00']),
      },
      expect.objectContaining({
        side: 'credit',
        amount: '20000.00',
        account: expect.stringContaining(LOAN) as unknown,
      }),
      expect.objectContaining({ side: 'credit', account: 'INCOME:INTEREST', amount: interest }),
      expect.objectContaining({
        side: 'credit',
        account: 'INCOME:PREPAYMENT-FEE',
        amount: '200.00',
      }),
    ]);

    const prepaid = lines[0].installmentNumber;
    const installment = register.installments().find((row) => row.number === prepaid)!;
    expect(installment.principal.toDecimalString()).toBe('20000.00');
    expect(installment.principalPaid.toDecimalString()).toBe('20000.00');
    expect(installment.interestPaid.toDecimalString()).toBe(interest);
    // What the prepayment and the revised installments owe is what was outstanding.
    expect(
      register
        .installments()
        .reduce((total, row) => total.plus(row.principal), Money.zero())
        .toDecimalString(),
    ).toBe('120000.00');
    expect(register.installments().at(-1)?.balance.toDecimalString()).toBe('0.00');
    expect(register.history.length).toBeGreaterThan(0);
    for (const kept of register.history) {
      expect(kept).toMatchObject({ replacedBy: 'prepayment:61', replacedAt: AT });
      expect(before).toContainEqual(
        expect.objectContaining({ number: kept.number, dueDate: kept.dueDate }),
      );
    }

    const posted = register.stored('prepayment', request.id)!;
    expect(posted).toEqual({
      ...request,
      state: 'posted',
      openKey: null,
      decidedBy: 'wang.rv',
      outcome: expect.stringMatching(
        new RegExp(
          `^part prepayment posted on 2026-04-07: principal 20000\\.00, interest ${interest.replace('.', '\\.')}, fee 200\\.00; shorten-term: \\d+ installments left, [\\d.]+ a month to \\d{4}-\\d{2}-\\d{2}$`,
        ),
      ) as unknown,
      closedAt: AT,
      postedOn: '2026-04-07',
      interestMinor: Money.parse(interest).minorUnits.toString(),
      feeMinor: '20000',
      repaymentId: repayment.id,
      txnId: 'PREPAY-61',
    });
    expect(register.audited).toEqual([
      {
        actor: reviewer,
        action: 'loan.part-prepayment',
        outcome: 'ok',
        loanKey: LOAN,
        reason: posted.outcome,
      },
    ]);
    expect(published).toEqual([
      {
        name: SCHEDULE_REVISED_MESSAGE,
        correlationKey: LOAN,
        messageId: `${SCHEDULE_REVISED_MESSAGE}:prepayment:61`,
        timeToLive: 3_600_000,
        variables: { prepaymentId: '61' },
      },
    ]);
  });

  it('refuses a loan that fell behind since on the rule’s code, the reviewer’s refusal on the trail, nothing posted', async () => {
    const { register, request, worker, published } = setUp();
    const before = register.installments();
    expect(await worker.handle(input('pass', OVERDUE))).toEqual({ prepaymentPosted: false });
    const refused = register.stored('prepayment', request.id)!;
    expect(refused).toEqual({
      ...request,
      state: 'refused',
      openKey: null,
      decidedBy: 'wang.rv',
      outcome: expect.stringMatching(
        /^refused on 2026-04-20: PREPAYMENT_WHILE_OVERDUE: /,
      ) as unknown,
      closedAt: new Date(OVERDUE),
    });
    expect(register.audited).toEqual([
      {
        actor: reviewer,
        action: 'loan.prepayment-refused',
        outcome: 'refused',
        loanKey: LOAN,
        reason: refused.outcome,
      },
    ]);
    expect(register.installments()).toEqual(before);
    expect(register.repayments).toEqual([]);
    expect(register.entries).toEqual([]);
    expect(published).toEqual([]);
  });

  it('refuses a loan no longer being serviced with the error’s code', async () => {
    const { register, worker } = setUp({ status: 'settled' });
    expect(await worker.handle(input())).toEqual({ prepaymentPosted: false });
    expect(register.stored('prepayment', '61')?.outcome).toMatch(
      /^refused on 2026-04-07: LOAN_NOT_IN_SERVICING: /,
    );
  });

  it('a redelivered job finds the prepayment posted: nothing written twice, servicing told again under the same message id', async () => {
    const { register, worker, published } = setUp();
    await worker.handle(input());
    const installments = register.installments();
    const entries = [...register.entries];
    expect(await worker.handle(input())).toEqual({ prepaymentPosted: true });
    expect(register.installments()).toEqual(installments);
    expect(register.entries).toEqual(entries);
    expect(register.repayments).toHaveLength(1);
    expect(register.audited).toHaveLength(1);
    expect(published.map((message) => message.messageId)).toEqual([
      `${SCHEDULE_REVISED_MESSAGE}:prepayment:61`,
      `${SCHEDULE_REVISED_MESSAGE}:prepayment:61`,
    ]);
  });

  it('a broker failure after the commit fails the job; its redelivery tells servicing and posts nothing again', async () => {
    const { register, worker, published, failOnce } = setUp();
    failOnce.zeebe = new Error('14 UNAVAILABLE: No connection established');
    await expect(worker.handle(input())).rejects.toThrow('14 UNAVAILABLE');
    expect(register.stored('prepayment', '61')?.state).toBe('posted');
    expect(await worker.handle(input())).toEqual({ prepaymentPosted: true });
    expect(register.repayments).toHaveLength(1);
    expect(published).toHaveLength(1);
  });

  it.each([
    'replaceInstallments',
    'applyToInstallments',
    'insertRepayment',
    'post',
    'update',
    'audit',
  ] as const)(
    'leaves nothing written when %s fails inside the transaction, and tells nobody',
    async (step) => {
      const { register, request, worker, published } = setUp();
      const before = register.installments();
      register.failAt = { step, error: new Error('Lock wait timeout exceeded') };
      await expect(worker.handle(input())).rejects.toThrow('Lock wait timeout exceeded');
      expect(register.installments()).toEqual(before);
      expect(register.history).toEqual([]);
      expect(register.repayments).toEqual([]);
      expect(register.entries).toEqual([]);
      expect(register.audited).toEqual([]);
      expect(register.stored('prepayment', request.id)).toEqual(request);
      expect(published).toEqual([]);
    },
  );

  it('fails the job for good when the request or the loan is not on the register', async () => {
    const { worker } = setUp();
    await expect(worker.handle(Object.assign(input(), { prepaymentId: '99' }))).rejects.toThrow(
      new NonRetryableJobError(`prepayment 99 of loan ${LOAN} does not exist`),
    );
    await expect(
      worker.handle(Object.assign(input(), { loanId: 'LN20260101-NOSUCH' })),
    ).rejects.toBeInstanceOf(NonRetryableJobError);
  });
});

describe('closing a rejected part prepayment (prepayment.close)', () => {
  function closeSetUp() {
    const { register, request } = registerWith('prepayment', prepaymentRequestRow());
    return { register, request, worker: new ClosePrepaymentWorker(register) };
  }

  it('closes the request with the reviewer’s grounds, the schedule untouched', async () => {
    const { register, request, worker } = closeSetUp();
    const before = register.installments();
    await worker.handle(input('reject'));
    const outcome = 'rejected at review: 客户资金来源为年终奖，材料齐全';
    expect(register.stored('prepayment', request.id)).toEqual({
      ...request,
      state: 'refused',
      openKey: null,
      decidedBy: 'wang.rv',
      outcome,
      closedAt: AT,
    });
    expect(register.audited).toEqual([
      {
        actor: reviewer,
        action: 'loan.prepayment-refused',
        outcome: 'refused',
        loanKey: LOAN,
        reason: outcome,
      },
    ]);
    expect(register.installments()).toEqual(before);
  });

  it('a redelivered job finds the request closed and writes nothing more', async () => {
    const { register, worker } = closeSetUp();
    await worker.handle(input('reject'));
    const closed = { ...register.stored('prepayment', '61')! };
    await worker.handle(input('reject'));
    expect(register.stored('prepayment', '61')).toEqual(closed);
    expect(register.audited).toHaveLength(1);
  });

  it('leaves the request open when the audit entry fails', async () => {
    const { register, request, worker } = closeSetUp();
    register.failAt = { step: 'audit', error: new Error('Deadlock found') };
    await expect(worker.handle(input('reject'))).rejects.toThrow('Deadlock found');
    expect(register.stored('prepayment', request.id)).toEqual(request);
  });

  it('fails the job for good when the request is not on the register', async () => {
    const { worker } = closeSetUp();
    await expect(
      worker.handle(Object.assign(input('reject'), { prepaymentId: '99' })),
    ).rejects.toThrow(new NonRetryableJobError('prepayment 99 does not exist'));
  });
});
