import { loanPosition, type LoanClass } from '@loanflow/domain';
import type { Classified, LoanClassifier } from '../classification/loan-classifier';
import { LOAN } from '../requests/loan-request-records.fixture';
import { FakeInstallmentRecords } from './installment-records.fixture';
import { CheckInstallmentWorker, NextInstallmentWorker } from './installment.workers';

/**
 * The classification rule as the check calls it: what it was asked, the ledger it saw (its own
 * read, after the advance was applied) and the level it answers, with the days past due of that read.
 */
class RecordingClassifier {
  readonly calls: { loanId: string; at: string; date: string; propose: boolean; lines: number }[] =
    [];
  constructor(
    private readonly register: FakeInstallmentRecords,
    private readonly level: LoanClass = 'normal',
  ) {}

  async classifyAndReassess(
    loanId: string,
    at: Date,
    date: string,
    propose: boolean,
  ): Promise<Classified> {
    const ledger = await this.register.ledger(loanId);
    this.calls.push({ loanId, at: at.toISOString(), date, propose, lines: ledger.applied.length });
    const { daysPastDue } = loanPosition({ ...ledger, asOf: date });
    return { classification: this.level, daysPastDue };
  }
}

/** The end of 15 April 2026 in Beijing (midnight into the 16th), when the first installment is checked. */
const FIRST_DUE_CHECK = '2026-04-15T16:00:00.000Z';

describe('the next installment to watch (servicing.next-installment)', () => {
  const next = (register: FakeInstallmentRecords, lastCheckedInstallment?: number) =>
    new NextInstallmentWorker(register).handle({ loanId: LOAN, lastCheckedInstallment });

  it('starts with the first installment, checked at the end of its due date in Beijing', async () => {
    expect(await next(new FakeInstallmentRecords())).toEqual({
      nextInstallment: { number: 1, dueDate: '2026-04-15', checkAt: FIRST_DUE_CHECK },
      installmentsLeft: true,
    });
  });

  it('goes on after the last one checked, and says when none is left', async () => {
    const register = new FakeInstallmentRecords();
    expect((await next(register, 7)).nextInstallment?.number).toBe(8);
    expect(await next(register, 24)).toEqual({ nextInstallment: null, installmentsLeft: false });
  });
});

describe('checking an installment at the end of its due date (servicing.check-installment)', () => {
  const check = (
    register: FakeInstallmentRecords,
    installmentNumber: number,
    asOf: string,
    classifier = new RecordingClassifier(register),
  ) =>
    new CheckInstallmentWorker(register, classifier as unknown as LoanClassifier).handle({
      loanId: LOAN,
      installmentNumber,
      asOf,
    });

  it('finds an unpaid installment missed once its due date is over, days past due counted', async () => {
    const register = new FakeInstallmentRecords();
    const classifier = new RecordingClassifier(register, 'special-mention');
    expect(await check(register, 1, '2026-04-20T02:00:00.000Z', classifier)).toEqual({
      lastCheckedInstallment: 1,
      installmentPaid: false,
      daysPastDue: 5,
      loanSettled: false,
      classification: 'special-mention',
      nextInstallment: { number: 2, dueDate: '2026-05-15', checkAt: '2026-05-15T16:00:00.000Z' },
      installmentsLeft: true,
    });
  });

  it('applies the classification rule on the engine’s moment and day, after the advance, never proposing an upgrade', async () => {
    const register = new FakeInstallmentRecords();
    register.advance = register.paid(1, '2026-04-15');
    const classifier = new RecordingClassifier(register);
    await check(register, 1, '2026-04-16T02:00:00.000Z', classifier);
    expect(classifier.calls).toEqual([
      {
        loanId: LOAN,
        at: '2026-04-16T02:00:00.000Z',
        date: '2026-04-16',
        propose: false,
        lines: 2,
      },
    ]);
  });

  it('names the installment after the one checked, and none after the last', async () => {
    const register = new FakeInstallmentRecords();
    expect(await check(register, 7, '2026-11-16T02:00:00.000Z')).toMatchObject({
      nextInstallment: { number: 8 },
      installmentsLeft: true,
    });
    expect(await check(register, 24, '2028-03-16T02:00:00.000Z')).toMatchObject({
      nextInstallment: null,
      installmentsLeft: false,
    });
  });

  it('does not count it missed on its own due date (a check that runs before the day turns)', async () => {
    const register = new FakeInstallmentRecords();
    expect(await check(register, 1, '2026-04-15T15:00:00.000Z')).toMatchObject({
      installmentPaid: true,
      daysPastDue: 0,
    });
  });

  it('finds it paid when the borrower paid it', async () => {
    const register = new FakeInstallmentRecords();
    register.applied.push(...register.paid(1, '2026-04-14'));
    expect(await check(register, 1, '2026-04-20T02:00:00.000Z')).toMatchObject({
      installmentPaid: true,
      daysPastDue: 0,
    });
  });

  it('applies money held in advance on the engine’s day before judging the installment', async () => {
    const register = new FakeInstallmentRecords();
    register.advance = register.paid(1, '2026-04-15');
    expect(await check(register, 1, '2026-04-16T02:00:00.000Z')).toMatchObject({
      installmentPaid: true,
      daysPastDue: 0,
    });
    expect(register.advanceAppliedOn).toEqual(['2026-04-16']);
  });

  it('says the loan is settled once every installment is paid', async () => {
    const register = new FakeInstallmentRecords();
    for (const due of register.installments)
      register.applied.push(...register.paid(due.number, due.dueDate));
    expect(await check(register, 24, '2028-03-16T02:00:00.000Z')).toMatchObject({
      lastCheckedInstallment: 24,
      installmentPaid: true,
      loanSettled: true,
    });
  });
});
