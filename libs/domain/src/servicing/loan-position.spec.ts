import { DomainError } from '../errors/domain-error';
import { buildSchedule } from '../schedule/repayment-schedule';
import { loanPosition, scheduleStanding } from './loan-position';
import { DUE_DATES, firstPaid, line, schedule, text, yuan } from './twelve-month-loan.fixture';

describe('loan position', () => {
  it('reads the same schedule the bank builds at disbursement', () => {
    const built = buildSchedule({
      principal: yuan('12000.00'),
      annualRate: '0.12',
      termMonths: 12,
      method: 'equal-principal',
      startDate: '2026-01-15',
    });
    expect(
      built.installments.map((i) => [i.number, i.dueDate, text(i.principal), text(i.interest)]),
    ).toEqual(schedule.map((i) => [i.number, i.dueDate, text(i.principal), text(i.interest)]));
  });

  describe('installment 2 missed, installment 3 partly paid, on 2026-04-29', () => {
    // Installment 2 (due 2026-03-15: 1,000.00 + 110.00) unpaid; installment 3 (due 2026-04-15:
    // 1,000.00 + 100.00) had 60.00 of interest paid on its due date.
    const position = loanPosition({
      installments: schedule,
      applied: [...firstPaid, line(3, 'interest', '60.00', '2026-04-15')],
      asOf: '2026-04-29',
    });

    it('counts days past due from the earliest unpaid due date: 16 days of March + 29 = 45', () => {
      expect(position.daysPastDue).toBe(45);
      expect(position.overdueInstallments).toEqual([2, 3]);
    });

    it('sums the arrears: principal 1,000 + 1,000, interest 110 + (100 − 60)', () => {
      expect(text(position.overduePrincipal)).toBe('2000.00');
      expect(text(position.overdueInterest)).toBe('150.00');
    });

    it('shows what is paid and outstanding per installment', () => {
      const [first, , third] = position.installments;
      expect(first).toMatchObject({ overdue: false, daysOverdue: 0 });
      expect(text(first.principalPaid)).toBe('1000.00');
      expect(first.principalOutstanding.isZero()).toBe(true);
      expect(first.interestOutstanding.isZero()).toBe(true);
      expect(third).toMatchObject({ number: 3, overdue: true, daysOverdue: 14 });
      expect(text(third.interestPaid)).toBe('60.00');
      expect(text(third.interestOutstanding)).toBe('40.00');
      expect(text(third.principalOutstanding)).toBe('1000.00');
    });

    it('stands each installment as the schedule shows it: paid, overdue (even partly paid), due', () => {
      expect(position.installments.slice(0, 5).map(scheduleStanding)).toEqual([
        'paid',
        'overdue',
        'overdue',
        'due',
        'due',
      ]);
    });

    it('owes 11,000.00 of principal on the whole loan and names installment 4 as next due', () => {
      expect(text(position.outstandingPrincipal)).toBe('11000.00');
      expect(position.nextDue).toMatchObject({ number: 4, dueDate: '2026-05-15' });
      expect(text(position.nextDue!.interestDue)).toBe('90.00');
      expect(position.settled).toBe(false);
    });
  });

  it('treats an installment due today as due, not overdue; the next day it is 1 day past due', () => {
    const onDueDate = loanPosition({
      installments: schedule,
      applied: firstPaid,
      asOf: '2026-03-15',
    });
    expect(onDueDate.daysPastDue).toBe(0);
    expect(onDueDate.overdueInstallments).toEqual([]);
    expect(onDueDate.overduePrincipal.isZero()).toBe(true);
    expect(onDueDate.nextDue?.number).toBe(2);

    const dayAfter = loanPosition({
      installments: schedule,
      applied: firstPaid,
      asOf: '2026-03-16',
    });
    expect(dayAfter.daysPastDue).toBe(1);
    expect(text(dayAfter.overduePrincipal)).toBe('1000.00');
    expect(text(dayAfter.overdueInterest)).toBe('110.00');
    expect(dayAfter.nextDue?.number).toBe(3);
  });

  it('keeps counting from the same due date after a partial payment, and moves on once it is cleared', () => {
    const partly = loanPosition({
      installments: schedule,
      applied: [...firstPaid, line(2, 'interest', '110.00', '2026-04-01')],
      asOf: '2026-04-29',
    });
    expect(partly.daysPastDue).toBe(45);

    const cleared = loanPosition({
      installments: schedule,
      applied: [
        ...firstPaid,
        line(2, 'interest', '110.00', '2026-04-01'),
        line(2, 'principal', '1000.00', '2026-04-01'),
      ],
      asOf: '2026-04-29',
    });
    expect(cleared.overdueInstallments).toEqual([3]);
    expect(cleared.daysPastDue).toBe(14); // 2026-04-15 → 2026-04-29
  });

  it('ignores payments made after the day asked about', () => {
    const position = loanPosition({
      installments: schedule,
      applied: [...firstPaid, line(2, 'principal', '1000.00', '2026-05-01')],
      asOf: '2026-04-29',
    });
    expect(text(position.installments[1].principalOutstanding)).toBe('1000.00');
    expect(text(position.outstandingPrincipal)).toBe('11000.00');
  });

  it('reports a loan paid in full as settled with nothing past due or next', () => {
    const everything = schedule.flatMap((installment) => [
      line(installment.number, 'interest', text(installment.interest), installment.dueDate),
      line(installment.number, 'principal', text(installment.principal), installment.dueDate),
    ]);
    const position = loanPosition({
      installments: schedule,
      applied: everything,
      asOf: '2027-02-01',
    });
    expect(position.settled).toBe(true);
    expect(position.daysPastDue).toBe(0);
    expect(position.nextDue).toBeNull();
    expect(position.outstandingPrincipal.isZero()).toBe(true);
  });

  it('accepts installments in any order and reports them by number', () => {
    const position = loanPosition({
      installments: [...schedule].reverse(),
      applied: firstPaid,
      asOf: '2026-03-16',
    });
    expect(position.installments.map((i) => i.number)).toEqual(DUE_DATES.map((_d, i) => i + 1));
    expect(position.daysPastDue).toBe(1);
  });

  it.each([
    ['an unknown installment', { applied: [line(13, 'principal', '1.00', '2026-02-15')] }],
    ['more applied than owed', { applied: [line(1, 'interest', '120.01', '2026-02-15')] }],
    ['a zero amount applied', { applied: [line(1, 'interest', '0.00', '2026-02-15')] }],
    ['a bad payment date', { applied: [line(1, 'interest', '1.00', '2026-02-30')] }],
    ['a bad asOf', { asOf: '29/04/2026' }],
    ['an empty schedule', { installments: [] }],
    ['a repeated number', { installments: [schedule[0], schedule[0]] }],
    [
      'due dates out of order',
      { installments: [schedule[0], { ...schedule[1], dueDate: '2026-02-01' }] },
    ],
  ])('refuses %s', (_case, override) => {
    const call = () =>
      loanPosition({ installments: schedule, applied: [], asOf: '2026-04-29', ...override });
    expect(call).toThrow(DomainError);
    expect(call).toThrowDomainError('SERVICING_INPUT_INVALID');
  });
});
