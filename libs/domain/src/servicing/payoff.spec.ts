import { buildSchedule } from '../schedule/repayment-schedule';
import { PayoffRequest, quotePayoff } from './payoff';
import { firstPaid, line, schedule, text, yuan } from './twelve-month-loan.fixture';

const base: Omit<PayoffRequest, 'payoffDate'> = {
  installments: schedule,
  applied: firstPaid,
  disbursementDate: '2026-01-15',
  annualRate: '0.12',
  penaltyAnnualRate: '0.18',
};

describe('early full settlement (提前结清)', () => {
  it('adds principal, unpaid interest, penalty and broken-period interest on 2026-04-29', () => {
    // Installments 2 and 3 unpaid.
    // principal: 12,000 − 1,000 = 11,000.00
    // interest due: 110.00 + 100.00 = 210.00
    // penalty at 18%: 1,000 × 0.0005 × 45 = 22.50 and 1,000 × 0.0005 × 14 = 7.00 → 29.50
    // broken period: installment 4's period, 2026-04-15 → 2026-04-29 = 14 days, on the 9,000.00
    //   not yet due: 9,000 × 0.12 × 14 / 360 = 42.00
    // total: 11,000.00 + 210.00 + 29.50 + 42.00 = 11,281.50
    const quote = quotePayoff({ ...base, payoffDate: '2026-04-29' });
    expect(text(quote.outstandingPrincipal)).toBe('11000.00');
    expect(text(quote.interestDue)).toBe('210.00');
    expect(text(quote.penalty)).toBe('29.50');
    expect(quote.brokenPeriod).toMatchObject({
      installmentNumber: 4,
      from: '2026-04-15',
      to: '2026-04-29',
      days: 14,
    });
    expect(text(quote.brokenPeriod!.principal)).toBe('9000.00');
    expect(text(quote.brokenPeriodInterest)).toBe('42.00');
    expect(quote.interestPaidInAdvance.isZero()).toBe(true);
    expect(text(quote.total)).toBe('11281.50');
  });

  it('counts the first period from the disbursement date', () => {
    // 2026-01-15 → 2026-02-01 = 17 days; 12,000 × 0.12 × 17 / 360 = 68.00
    const quote = quotePayoff({ ...base, applied: [], payoffDate: '2026-02-01' });
    expect(quote.brokenPeriod).toMatchObject({
      installmentNumber: 1,
      from: '2026-01-15',
      days: 17,
    });
    expect(text(quote.brokenPeriodInterest)).toBe('68.00');
    expect(quote.interestDue.isZero()).toBe(true);
    expect(text(quote.total)).toBe('12068.00');
  });

  it('owes the installment due that day in full and no broken-period interest', () => {
    // Installment 1 unpaid on its own due date: 120.00 of interest, no penalty yet, 0 days.
    const quote = quotePayoff({ ...base, applied: [], payoffDate: '2026-02-15' });
    expect(text(quote.interestDue)).toBe('120.00');
    expect(quote.penalty.isZero()).toBe(true);
    expect(quote.brokenPeriod).toMatchObject({ installmentNumber: 2, days: 0 });
    expect(quote.brokenPeriodInterest.isZero()).toBe(true);
    expect(text(quote.total)).toBe('12120.00');
  });

  it('rounds the broken-period interest half-up to the fen once', () => {
    // Equal installment, 12,000.00 at 12%: after installment 1, 11,053.81 is outstanding.
    // 2026-02-15 → 2026-03-01 = 14 days (February 2026 has 28);
    // 11,053.81 × 0.12 × 14 / 360 = 51.5844466… → 51.58; total 11,053.81 + 51.58 = 11,105.39.
    const equalInstallment = buildSchedule({
      principal: yuan('12000.00'),
      annualRate: '0.12',
      termMonths: 12,
      method: 'equal-installment',
      startDate: '2026-01-15',
    });
    const quote = quotePayoff({
      ...base,
      installments: equalInstallment.installments,
      applied: [
        line(1, 'interest', '120.00', '2026-02-15'),
        line(1, 'principal', '946.19', '2026-02-15'),
      ],
      payoffDate: '2026-03-01',
    });
    expect(text(quote.brokenPeriod!.principal)).toBe('11053.81');
    expect(text(quote.brokenPeriodInterest)).toBe('51.58');
    expect(text(quote.total)).toBe('11105.39');
  });

  it('has no broken period after the last due date', () => {
    // Everything but installment 12 (due 2027-01-15: 1,000.00 + 10.00) paid on time.
    // Penalty to 2027-02-01: 17 days × 1,000.00 × 0.0005 = 8.50; total 1,000 + 10 + 8.50.
    const applied = schedule
      .slice(0, 11)
      .flatMap((i) => [
        line(i.number, 'interest', text(i.interest), i.dueDate),
        line(i.number, 'principal', text(i.principal), i.dueDate),
      ]);
    const quote = quotePayoff({ ...base, applied, payoffDate: '2027-02-01' });
    expect(quote.brokenPeriod).toBeNull();
    expect(quote.brokenPeriodInterest.isZero()).toBe(true);
    expect(text(quote.penalty)).toBe('8.50');
    expect(text(quote.total)).toBe('1018.50');
  });

  it('credits interest paid ahead on an installment not yet due', () => {
    const quote = quotePayoff({
      ...base,
      applied: [...firstPaid, line(2, 'interest', '110.00', '2026-02-20')],
      payoffDate: '2026-03-01',
    });
    // principal 11,000.00; 2026-02-15 → 2026-03-01 = 14 days: 11,000 × 0.12 × 14 / 360 = 51.33…
    // → 51.33; less 110.00 paid ahead: 11,000.00 + 51.33 − 110.00 = 10,941.33
    expect(text(quote.brokenPeriodInterest)).toBe('51.33');
    expect(text(quote.interestPaidInAdvance)).toBe('110.00');
    expect(text(quote.total)).toBe('10941.33');
  });

  it.each([
    ['a payoff before disbursement', { payoffDate: '2026-01-14' }],
    ['a disbursement on or after the first due date', { disbursementDate: '2026-02-15' }],
    ['a bad contract rate', { annualRate: '12%' }],
    ['a bad payoff date', { payoffDate: '2026-13-01' }],
  ])('refuses %s', (_case, override) => {
    expect(() =>
      quotePayoff({ ...base, payoffDate: '2026-04-29', ...override }),
    ).toThrowDomainError('PAYOFF_INVALID');
  });
});
