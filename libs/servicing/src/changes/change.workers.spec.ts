import { staffActor } from '@loanflow/audit';
import type { LoanChangeRequestEntity, LoanEntity } from '@loanflow/persistence';
import { NonRetryableJobError } from '@loanflow/workflow';
import { changeRow, LOAN } from '../requests/loan-request-records.fixture';
import {
  AS_OF,
  AT,
  FakeLoanRequestDecisionRecords,
} from '../requests/request-decision-records.fixture';
import { ApplyChangeWorker, ChangeStepInput, CloseChangeWorker } from './change.workers';

const reviewer = staffActor('wang.rv', 'reviewer');

const input = (outcome: 'approve' | 'refuse', changeRequestId = '31') =>
  Object.assign(new ChangeStepInput(), {
    loanId: LOAN,
    changeRequestId,
    changeReview: { outcome, by: 'wang.rv' },
    asOf: AS_OF,
  });

/** A register holding the loan (in the status given) and the change. */
function registerWith(status: LoanEntity['status'], over: Parameters<typeof changeRow>[0] = {}) {
  const register = new FakeLoanRequestDecisionRecords();
  register.servicedLoan({ status });
  const change = register.put('change', changeRow(over));
  return { register, change };
}

/** The change is closed as refused with this outcome, and the trail holds the reviewer's refusal. */
function expectRefused(
  register: FakeLoanRequestDecisionRecords,
  change: LoanChangeRequestEntity,
  outcome: string,
): void {
  expect(register.stored('change', change.id)).toEqual({
    ...change,
    state: 'refused',
    openKey: null,
    outcome,
    closedAt: AT,
  });
  expect(register.audited).toEqual([
    {
      actor: reviewer,
      action: 'loan.change-refused',
      outcome: 'refused',
      loanKey: LOAN,
      reason: `${change.kind} change ${change.id} (${change.fields}) reviewed by wang.rv: ${outcome}`,
    },
  ]);
}

const borrowerDetails = {
  id: '32',
  openKey: `${LOAN}:borrower-details`,
  kind: 'borrower-details' as const,
  partyId: '11',
  fields: 'phone,address',
  afterJson: '{"phone":"13900001111","address":null}',
};

describe('applying an approved change (change.apply)', () => {
  it('puts a payout-account change on the loan before the payout, and closes it as applied', async () => {
    const { register, change } = registerWith('contracts-signed', {
      afterJson: '{"account":"6217001234567890555","accountName":"杭州西溪家居有限公司"}',
      fields: 'account,accountName',
    });
    expect(await new ApplyChangeWorker(register).handle(input('approve'))).toEqual({
      changeApplied: true,
    });
    expect(register.loan(LOAN)).toMatchObject({
      payeeAccount: '6217001234567890555',
      payeeName: '杭州西溪家居有限公司',
    });
    expect(register.stored('change', change.id)).toEqual({
      ...change,
      state: 'applied',
      openKey: null,
      outcome: 'applied: account,accountName',
      closedAt: AT,
    });
    expect(register.audited).toEqual([
      {
        actor: reviewer,
        action: 'loan.change-apply',
        outcome: 'ok',
        loanKey: LOAN,
        reason: `payout-account change 31 (account,accountName) reviewed by wang.rv: applied: account,accountName`,
      },
    ]);
  });

  it('keeps the payee’s name when the change names no holder', async () => {
    const { register } = registerWith('approved');
    await new ApplyChangeWorker(register).handle(input('approve'));
    expect(register.loan(LOAN)).toMatchObject({
      payeeAccount: '6217001234567890555',
      payeeName: '张伟',
    });
  });

  it('writes the changed borrower details, only those fields, on the applicant’s record', async () => {
    const { register } = registerWith('disbursed', borrowerDetails);
    const [applicantBefore, guarantorBefore] = register.parties.map((party) => ({ ...party }));
    expect(await new ApplyChangeWorker(register).handle(input('approve', '32'))).toEqual({
      changeApplied: true,
    });
    expect(register.parties).toEqual([
      { ...applicantBefore, phone: '13900001111', address: null },
      guarantorBefore,
    ]);
    expect(register.stored('change', '32')).toMatchObject({
      state: 'applied',
      outcome: 'applied: phone,address',
    });
  });

  it('closes a repayment-account change as applied without touching the loan or its parties (the debit reads the approved change)', async () => {
    const { register } = registerWith('disbursed', {
      kind: 'repayment-account',
      openKey: `${LOAN}:repayment-account`,
    });
    const loanBefore = { ...register.loan(LOAN) };
    const partiesBefore = register.parties.map((party) => ({ ...party }));
    expect(await new ApplyChangeWorker(register).handle(input('approve'))).toEqual({
      changeApplied: true,
    });
    expect(register.loan(LOAN)).toEqual(loanBefore);
    expect(register.parties).toEqual(partiesBefore);
    expect(register.stored('change', '31')).toMatchObject({ state: 'applied', openKey: null });
    expect(register.calls).not.toContain('setPayee');
    expect(register.calls).not.toContain('updateParty');
  });

  it('records a payout-account change approved after the payout as not applied, the loan untouched', async () => {
    const { register, change } = registerWith('disbursed');
    expect(await new ApplyChangeWorker(register).handle(input('approve'))).toEqual({
      changeApplied: false,
    });
    expect(register.loan(LOAN)?.payeeAccount).toBe('6222021234567890123');
    const outcome = `not applied: Loan ${LOAN}: the loan has been paid out: change the repayment account instead.`;
    expectRefused(register, change, outcome);
  });

  it('refuses a payout-account change once core banking recorded the payout, whatever the loan’s status reads', async () => {
    const { register } = registerWith('collateral-registered');
    register.paidOutLoans.add(LOAN);
    expect(await new ApplyChangeWorker(register).handle(input('approve'))).toEqual({
      changeApplied: false,
    });
    expect(register.loan(LOAN)?.payeeAccount).toBe('6222021234567890123');
    expect(register.stored('change', '31')).toMatchObject({
      state: 'refused',
      outcome: expect.stringContaining('the loan has been paid out') as unknown,
    });
    expect(register.calls).not.toContain('setPayee');
  });

  it('asks core banking about the payout only for a payout-account change', async () => {
    const { register } = registerWith('disbursed', borrowerDetails);
    await new ApplyChangeWorker(register).handle(input('approve', '32'));
    expect(register.calls).not.toContain('paidOut');
  });

  it('a redelivered job finds the change applied, answers as the first did and writes nothing more', async () => {
    const { register } = registerWith('approved');
    const worker = new ApplyChangeWorker(register);
    expect(await worker.handle(input('approve'))).toEqual({ changeApplied: true });
    const closed = { ...register.stored('change', '31')! };
    const loan = { ...register.loan(LOAN) };
    expect(await worker.handle(input('approve'))).toEqual({ changeApplied: true });
    expect(register.stored('change', '31')).toEqual(closed);
    expect(register.loan(LOAN)).toEqual(loan);
    expect(register.audited).toHaveLength(1);
    expect(register.calls.filter((call) => call === 'setPayee')).toHaveLength(1);
  });

  it('a redelivered job finds the change refused (not applied) and answers false, writing nothing', async () => {
    const { register, change } = registerWith('approved', {
      state: 'refused',
      openKey: null,
      outcome: 'not applied: …',
    });
    expect(await new ApplyChangeWorker(register).handle(input('approve'))).toEqual({
      changeApplied: false,
    });
    expect(register.stored('change', change.id)).toEqual(change);
    expect(register.audited).toEqual([]);
    expect(register.calls).toEqual(['transaction', 'lockLoan', 'request']);
  });

  it('fails the job for good when the change or the loan is not on the register', async () => {
    const { register } = registerWith('approved');
    const worker = new ApplyChangeWorker(register);
    await expect(worker.handle(input('approve', '99'))).rejects.toThrow(
      new NonRetryableJobError(`change 99 of loan ${LOAN} does not exist`),
    );
    await expect(
      worker.handle(Object.assign(input('approve'), { loanId: 'LN20260101-NOSUCH' })),
    ).rejects.toBeInstanceOf(NonRetryableJobError);
    expect(register.audited).toEqual([]);
  });

  it('leaves nothing written when the audit entry fails: the payee and the change as they were', async () => {
    const { register, change } = registerWith('approved');
    register.failAt = { step: 'audit', error: new Error('Lock wait timeout exceeded') };
    await expect(new ApplyChangeWorker(register).handle(input('approve'))).rejects.toThrow(
      'Lock wait timeout exceeded',
    );
    expect(register.calls).toContain('setPayee');
    expect(register.loan(LOAN)?.payeeAccount).toBe('6222021234567890123');
    expect(register.stored('change', change.id)).toEqual(change);
    expect(register.audited).toEqual([]);
  });

  it('rejects a malformed job without writing: the changed values are read as JSON', async () => {
    const { register, change } = registerWith('approved', { afterJson: '{not json' });
    await expect(new ApplyChangeWorker(register).handle(input('approve'))).rejects.toThrow(
      SyntaxError,
    );
    expect(register.stored('change', change.id)).toEqual(change);
  });
});

describe('closing a refused change (change.close)', () => {
  it('closes the change as refused at review, audited as the reviewer’s', async () => {
    const { register, change } = registerWith('disbursed');
    await new CloseChangeWorker(register).handle(input('refuse'));
    expectRefused(register, change, 'refused at review');
    expect(register.calls).not.toContain('lockLoan');
  });

  it('a redelivered job finds the change closed and writes nothing more', async () => {
    const { register } = registerWith('disbursed');
    const worker = new CloseChangeWorker(register);
    await worker.handle(input('refuse'));
    const closed = { ...register.stored('change', '31')! };
    await worker.handle(input('refuse'));
    expect(register.stored('change', '31')).toEqual(closed);
    expect(register.audited).toHaveLength(1);
  });

  it('fails the job for good when the change is not on the register', async () => {
    const { register } = registerWith('disbursed');
    await expect(new CloseChangeWorker(register).handle(input('refuse', '99'))).rejects.toThrow(
      new NonRetryableJobError('change 99 does not exist'),
    );
  });

  it('leaves the change open when the audit entry fails', async () => {
    const { register, change } = registerWith('disbursed');
    register.failAt = { step: 'audit', error: new Error('Deadlock found') };
    await expect(new CloseChangeWorker(register).handle(input('refuse'))).rejects.toThrow(
      'Deadlock found',
    );
    expect(register.stored('change', change.id)).toEqual(change);
  });
});
