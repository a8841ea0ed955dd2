import { Money } from '../money/money';
import { loanPosition } from './loan-position';
import { accruePenaltyInterest } from './penalty-interest';
import { allocateRepayment, RepaymentAllocation } from './repayment-allocation';
import { AppliedAmount } from './servicing-input';
import { firstFour, firstPaid, line, text, yuan } from './twelve-month-loan.fixture';

const schedule = firstFour;

const rows = (allocation: RepaymentAllocation) =>
  allocation.lines.map((l) => [l.installmentNumber, l.category, text(l.amount)]);
// On 2026-04-29 with installments 2 and 3 unpaid, at 18%: penalty on installment 2 is
// 1,000.00 × 0.0005 × 45 = 22.50, on installment 3 1,000.00 × 0.0005 × 14 = 7.00.
// Due in all: penalty 29.50 + interest 110 + 100 + principal 1,000 + 1,000 = 2,239.50.
const onApril29 = (amount: string, applied: AppliedAmount[] = firstPaid) =>
  allocateRepayment({
    installments: schedule,
    applied,
    penaltyAnnualRate: '0.18',
    amount: yuan(amount),
    paidOn: '2026-04-29',
  });

describe('repayment allocation', () => {
  it('pays penalty, then interest, then principal, oldest installment first in each', () => {
    const allocation = onApril29('1500.00');
    expect(rows(allocation)).toEqual([
      [2, 'penalty', '22.50'],
      [3, 'penalty', '7.00'],
      [2, 'interest', '110.00'],
      [3, 'interest', '100.00'],
      [2, 'principal', '1000.00'],
      [3, 'principal', '260.50'], // 1,500.00 − 29.50 − 210.00 − 1,000.00
    ]);
    expect(allocation.lines.every((l) => l.paidOn === '2026-04-29')).toBe(true);
    expect(text(allocation.due)).toBe('2239.50');
    expect(text(allocation.applied)).toBe('1500.00');
    expect(allocation.unapplied.isZero()).toBe(true);
  });

  it('returns what exceeds the amount due as unapplied and never pays an installment not yet due', () => {
    const allocation = onApril29('2500.00');
    expect(text(allocation.applied)).toBe('2239.50');
    expect(text(allocation.unapplied)).toBe('260.50');
    expect(allocation.lines.some((l) => l.installmentNumber === 4)).toBe(false);
  });

  it('spends a small payment on the oldest penalty alone', () => {
    expect(rows(onApril29('20.00'))).toEqual([[2, 'penalty', '20.00']]);
  });

  it('counts penalty already paid: a second payment the same day starts where the first stopped', () => {
    const first = onApril29('20.00');
    const second = onApril29('100.00', [...firstPaid, ...first.lines]);
    expect(rows(second)).toEqual([
      [2, 'penalty', '2.50'],
      [3, 'penalty', '7.00'],
      [2, 'interest', '90.50'],
    ]);
  });

  it('allocates an installment on its due date, with no penalty', () => {
    const allocation = allocateRepayment({
      installments: schedule,
      applied: [],
      penaltyAnnualRate: '0.18',
      amount: yuan('1200.00'),
      paidOn: '2026-02-15',
    });
    expect(rows(allocation)).toEqual([
      [1, 'interest', '120.00'],
      [1, 'principal', '1000.00'],
    ]);
    expect(text(allocation.unapplied)).toBe('80.00');
  });

  it('cures the arrears when the payment covers everything due', () => {
    const allocation = onApril29('2239.50');
    const applied = [...firstPaid, ...allocation.lines];
    const position = loanPosition({ installments: schedule, applied, asOf: '2026-04-29' });
    expect(position.daysPastDue).toBe(0);
    expect(position.overdueInstallments).toEqual([]);
    expect(text(position.outstandingPrincipal)).toBe('1000.00');
    const penalty = accruePenaltyInterest({
      installments: schedule,
      applied,
      penaltyAnnualRate: '0.18',
      asOf: '2026-04-29',
    });
    expect(penalty.outstanding.isZero()).toBe(true);
  });

  it.each(['0.00', '-1.00'])('refuses a payment of %s', (amount) => {
    expect(() => onApril29(amount)).toThrowDomainError('REPAYMENT_INVALID');
  });

  it('refuses a payment dated before one already applied', () => {
    expect(() =>
      onApril29('100.00', [...firstPaid, line(2, 'interest', '10.00', '2026-05-01')]),
    ).toThrowDomainError('REPAYMENT_INVALID');
  });

  it('refuses a bad date and another currency', () => {
    const request = {
      installments: schedule,
      applied: firstPaid,
      penaltyAnnualRate: '0.18',
      amount: yuan('100.00'),
      paidOn: '2026-04-31',
    };
    expect(() => allocateRepayment(request)).toThrowDomainError('REPAYMENT_INVALID');
    expect(() =>
      allocateRepayment({ ...request, paidOn: '2026-04-29', amount: Money.parse('100.00', 'USD') }),
    ).toThrowDomainError('REPAYMENT_INVALID');
  });
});
