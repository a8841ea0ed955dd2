import { staffActor, SYSTEM_ACTOR } from '@loanflow/audit';
import { Money } from '@loanflow/domain';
import type { LoanEntity } from '@loanflow/persistence';
import { NonRetryableJobError } from '@loanflow/workflow';
import { extensionRow, LOAN } from '../requests/loan-request-records.fixture';
import {
  registerWith,
  afterCommit,
  AS_OF,
  AT,
  OVERDUE,
  FakeLoanRequestDecisionRecords,
} from '../requests/request-decision-records.fixture';
import { SCHEDULE_REVISED_MESSAGE } from '../servicing.contract';
import {
  ApplyRestructuringInput,
  ApplyRestructuringWorker,
  CloseRestructuringInput,
  CloseRestructuringWorker,
} from './restructuring.workers';

const approver = staffActor('zhao.ap', 'approver');

const applyInput = (asOf = AS_OF) =>
  Object.assign(new ApplyRestructuringInput(), {
    loanId: LOAN,
    restructuringId: '41',
    restructuringApproval: {
      approved: true,
      reasons: '收入下降属暂时性，展期后可按期归还',
      by: 'zhao.ap',
    },
    asOf,
  });

function setUp(over: Partial<LoanEntity> = {}) {
  const { register, request } = registerWith('restructuring', extensionRow(), over);
  const around = afterCommit();
  const worker = new ApplyRestructuringWorker(register, around.zeebe, around.bands);
  return { register, request, worker, ...around };
}

const schedulePrincipal = (register: FakeLoanRequestDecisionRecords) =>
  register
    .installments()
    .reduce((sum, row) => sum.plus(row.principal), Money.zero())
    .toDecimalString();

describe('applying an approved extension or restructuring (restructuring.apply)', () => {
  it('re-spreads the schedule, floors the classification, closes the request and tells servicing', async () => {
    const { register, request, worker, published, reassessed } = setUp();
    expect(await worker.handle(applyInput())).toEqual({ restructuringApplied: true });

    const installments = register.installments();
    expect(installments).toHaveLength(30);
    expect(schedulePrincipal(register)).toBe('120000.00');
    expect(installments.at(-1)?.balance.toDecimalString()).toBe('0.00');
    const first = installments[0];
    expect(register.stored('restructuring', request.id)).toEqual({
      ...request,
      state: 'applied',
      openKey: null,
      decidedBy: 'zhao.ap',
      outcome: expect.stringMatching(
        /^extension by 6 months applied: 120000\.00 re-spread over 30 installments \(2026-04-15 to \d{4}-\d{2}-\d{2}\)$/,
      ) as unknown,
      closedAt: AT,
      levelBefore: 'normal',
      firstNewInstallment: first.number,
      whileInObservation: false,
      appliedOn: '2026-04-07',
    });
    expect(register.classified).toEqual([
      {
        loanId: LOAN,
        from: 'normal',
        to: 'special-mention',
        daysPastDue: 0,
        source: 'manual',
        reason: `extended (展期) on zhao.ap's approval: a restructured loan that was normal is at least special-mention; observation starts on ${first.dueDate}`,
        actor: approver,
        at: AT,
      },
    ]);
    expect(register.audited).toEqual([
      {
        actor: approver,
        action: 'loan.restructure',
        outcome: 'ok',
        loanKey: LOAN,
        reason: register.stored('restructuring', request.id)?.outcome,
      },
    ]);
    expect(published).toEqual([
      {
        name: SCHEDULE_REVISED_MESSAGE,
        correlationKey: LOAN,
        messageId: `${SCHEDULE_REVISED_MESSAGE}:41`,
        timeToLive: 3_600_000,
        variables: { restructuringId: '41' },
      },
    ]);
    expect(reassessed).toEqual([[LOAN, '2026-04-07', AT]]);
  });

  it('floors a loan restructured again during its observation at substandard', async () => {
    const { register, worker } = setUp();
    register.observedLoans.add(LOAN);
    await worker.handle(applyInput());
    expect(register.stored('restructuring', '41')).toMatchObject({ whileInObservation: true });
    expect(register.classified).toEqual([
      expect.objectContaining({
        from: 'normal',
        to: 'substandard',
        reason: expect.stringContaining(
          'is at least substandard (restructured again during observation)',
        ) as unknown,
      }),
    ]);
  });

  it('leaves a loan already at its floor where it is: no classification recorded', async () => {
    const { register, worker } = setUp({ classification: 'substandard' });
    expect(await worker.handle(applyInput())).toEqual({ restructuringApplied: true });
    expect(register.classified).toEqual([]);
    expect(register.stored('restructuring', '41')).toMatchObject({
      state: 'applied',
      levelBefore: 'substandard',
    });
    expect(register.calls).not.toContain('classify');
  });

  it('refuses a loan that fell behind since: the schedule untouched, the refusal audited as the system’s, servicing not told', async () => {
    const { register, request, worker, published, reassessed } = setUp();
    const before = register.installments();
    expect(await worker.handle(applyInput(OVERDUE))).toEqual({ restructuringApplied: false });
    const closed = register.stored('restructuring', request.id)!;
    expect(closed).toEqual({
      ...request,
      state: 'refused',
      openKey: null,
      decidedBy: 'zhao.ap',
      outcome: expect.stringMatching(/^[A-Z_]+: /) as unknown,
      closedAt: new Date(OVERDUE),
    });
    expect(register.audited).toEqual([
      {
        actor: SYSTEM_ACTOR,
        action: 'loan.restructure-refused',
        outcome: 'refused',
        loanKey: LOAN,
        reason: closed.outcome,
      },
    ]);
    expect(register.installments()).toEqual(before);
    expect(register.classified).toEqual([]);
    expect(published).toEqual([]);
    expect(reassessed).toEqual([]);
  });

  it('refuses a loan no longer being serviced with LOAN_NOT_IN_SERVICING', async () => {
    const { register, worker } = setUp({ status: 'settled' });
    expect(await worker.handle(applyInput())).toEqual({ restructuringApplied: false });
    expect(register.stored('restructuring', '41')?.outcome).toMatch(/^LOAN_NOT_IN_SERVICING: /);
  });

  it('a redelivered job writes nothing more, and tells servicing and the bands again (the message id makes it one)', async () => {
    const { register, worker, published, reassessed } = setUp();
    await worker.handle(applyInput());
    const installments = register.installments();
    const closed = { ...register.stored('restructuring', '41')! };
    expect(await worker.handle(applyInput())).toEqual({ restructuringApplied: true });
    expect(register.installments()).toEqual(installments);
    expect(register.stored('restructuring', '41')).toEqual(closed);
    expect(register.audited).toHaveLength(1);
    expect(register.classified).toHaveLength(1);
    expect(published.map((message) => message.messageId)).toEqual([
      `${SCHEDULE_REVISED_MESSAGE}:41`,
      `${SCHEDULE_REVISED_MESSAGE}:41`,
    ]);
    expect(reassessed).toHaveLength(2);
  });

  it('a broker failure after the commit fails the job; its redelivery tells servicing without re-spreading again', async () => {
    const { register, worker, published, failOnce } = setUp();
    failOnce.zeebe = new Error('14 UNAVAILABLE: No connection established');
    await expect(worker.handle(applyInput())).rejects.toThrow('14 UNAVAILABLE');
    expect(register.stored('restructuring', '41')?.state).toBe('applied');
    const installments = register.installments();
    expect(await worker.handle(applyInput())).toEqual({ restructuringApplied: true });
    expect(register.installments()).toEqual(installments);
    expect(register.audited).toHaveLength(1);
    expect(published).toHaveLength(1);
  });

  it('a redelivered job finds the request refused and answers false, telling nobody', async () => {
    const { register, worker, published, reassessed } = setUp();
    await worker.handle(applyInput(OVERDUE));
    expect(await worker.handle(applyInput(OVERDUE))).toEqual({ restructuringApplied: false });
    expect(register.audited).toHaveLength(1);
    expect(published).toEqual([]);
    expect(reassessed).toEqual([]);
  });

  it.each(['replaceInstallments', 'classify', 'update', 'audit'] as const)(
    'leaves nothing written when %s fails inside the transaction, and tells nobody',
    async (step) => {
      const { register, request, worker, published, reassessed } = setUp();
      const before = register.installments();
      register.failAt = { step, error: new Error('Lock wait timeout exceeded') };
      await expect(worker.handle(applyInput())).rejects.toThrow('Lock wait timeout exceeded');
      expect(register.installments()).toEqual(before);
      expect(register.stored('restructuring', request.id)).toEqual(request);
      expect(register.loan(LOAN)?.classification).toBe('normal');
      expect(register.classified).toEqual([]);
      expect(register.audited).toEqual([]);
      expect(published).toEqual([]);
      expect(reassessed).toEqual([]);
    },
  );

  it('fails the job for good when the request or the loan is not on the register', async () => {
    const { worker } = setUp();
    await expect(
      worker.handle(Object.assign(applyInput(), { restructuringId: '99' })),
    ).rejects.toThrow(new NonRetryableJobError(`restructuring 99 of loan ${LOAN} does not exist`));
    await expect(
      worker.handle(Object.assign(applyInput(), { loanId: 'LN20260101-NOSUCH' })),
    ).rejects.toBeInstanceOf(NonRetryableJobError);
  });
});

describe('closing a refused extension or restructuring (restructuring.close)', () => {
  const review = {
    outcome: 'pass' as const,
    opinion: '借款人收入下降属实，建议展期',
    by: 'qian.rv',
  };
  const closeInput = (over: Partial<CloseRestructuringInput> = {}) =>
    Object.assign(new CloseRestructuringInput(), {
      loanId: LOAN,
      restructuringId: '41',
      restructuringReview: review,
      asOf: AS_OF,
      ...over,
    });

  function closeSetUp() {
    const { register, request } = registerWith('restructuring', extensionRow());
    return { register, request, worker: new CloseRestructuringWorker(register) };
  }

  it('closes a request rejected at review with the reviewer’s opinion, decided by the reviewer', async () => {
    const { register, request, worker } = closeSetUp();
    await worker.handle(
      closeInput({
        restructuringReview: {
          outcome: 'reject',
          opinion: '收入证明不足以支持展期',
          by: 'qian.rv',
        },
      }),
    );
    expect(register.stored('restructuring', request.id)).toEqual({
      ...request,
      state: 'refused',
      openKey: null,
      decidedBy: 'qian.rv',
      outcome: 'rejected at review: 收入证明不足以支持展期',
      closedAt: AT,
    });
    expect(register.audited).toEqual([
      {
        actor: staffActor('qian.rv', 'reviewer'),
        action: 'loan.restructure-refused',
        outcome: 'refused',
        loanKey: LOAN,
        reason: 'rejected at review: 收入证明不足以支持展期',
      },
    ]);
  });

  it('closes a request the approver refused after a passed review with the approver’s reasons', async () => {
    const { register, worker } = closeSetUp();
    await worker.handle(
      closeInput({
        restructuringApproval: { approved: false, reasons: '担保人已失去代偿能力', by: 'zhao.ap' },
      }),
    );
    expect(register.stored('restructuring', '41')).toMatchObject({
      state: 'refused',
      decidedBy: 'zhao.ap',
      outcome: 'refused by the approver: 担保人已失去代偿能力',
    });
    expect(register.audited).toEqual([
      expect.objectContaining({
        actor: staffActor('zhao.ap', 'approver'),
        action: 'loan.restructure-refused',
      }),
    ]);
    expect(register.installments()).toHaveLength(24);
  });

  it('a redelivered job finds the request closed and writes nothing more', async () => {
    const { register, worker } = closeSetUp();
    await worker.handle(closeInput({ restructuringReview: { ...review, outcome: 'reject' } }));
    const closed = { ...register.stored('restructuring', '41')! };
    await worker.handle(closeInput({ restructuringReview: { ...review, outcome: 'reject' } }));
    expect(register.stored('restructuring', '41')).toEqual(closed);
    expect(register.audited).toHaveLength(1);
  });

  it('leaves the request open when the audit entry fails', async () => {
    const { register, request, worker } = closeSetUp();
    register.failAt = { step: 'audit', error: new Error('Deadlock found') };
    await expect(
      worker.handle(closeInput({ restructuringReview: { ...review, outcome: 'reject' } })),
    ).rejects.toThrow('Deadlock found');
    expect(register.stored('restructuring', request.id)).toEqual(request);
  });

  it('fails the job for good when the request is not on the register', async () => {
    const { worker } = closeSetUp();
    await expect(worker.handle(closeInput({ restructuringId: '99' }))).rejects.toThrow(
      new NonRetryableJobError('restructuring 99 does not exist'),
    );
  });
});
