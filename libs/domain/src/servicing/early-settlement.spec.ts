import { Money } from '../money/money';
import { settleEarly } from './early-settlement';
import { loanPosition } from './loan-position';
import { firstPaid, schedule, text } from './twelve-month-loan.fixture';

const base = {
  installments: schedule,
  applied: firstPaid,
  disbursementDate: '2026-01-15',
  annualRate: '0.12',
  penaltyAnnualRate: '0.18',
  payoffDate: '2026-04-29',
};

describe('early full settlement as an act on the ledger', () => {
  it('pays what is due, the principal not yet due and the broken-period interest, and leaves nothing outstanding', () => {
    // The payoff quote of 2026-04-29 (see payoff.spec): 11,281.50.
    const settled = settleEarly({ ...base, amount: Money.parse('11281.50') });
    const total = (category: string, from = 1, to = 12) =>
      text(
        settled.lines
          .filter(
            (l) =>
              l.category === category && l.installmentNumber >= from && l.installmentNumber <= to,
          )
          .reduce((sum, l) => sum.plus(l.amount), Money.zero()),
      );
    expect(total('penalty')).toBe('29.50');
    expect(total('interest', 2, 3)).toBe('210.00');
    expect(total('principal', 2, 3)).toBe('2000.00');
    expect(total('interest', 4, 4)).toBe('42.00');
    expect(total('interest', 5)).toBe('0.00');
    expect(total('principal', 4)).toBe('9000.00');
    expect(settled.revisedInterest.map((r) => [r.installmentNumber, text(r.interest)])).toEqual([
      [4, '42.00'],
      ...[5, 6, 7, 8, 9, 10, 11, 12].map((n) => [n, '0.00']),
    ]);
    // With the schedule revised and the lines applied, the loan is settled that day.
    const revised = schedule.map((installment) => {
      const change = settled.revisedInterest.find(
        (r) => r.installmentNumber === installment.number,
      );
      return change ? { ...installment, interest: change.interest } : installment;
    });
    const after = loanPosition({
      installments: revised,
      applied: [...firstPaid, ...settled.lines],
      asOf: '2026-04-29',
    });
    expect(after.settled).toBe(true);
  });

  it('refuses an amount that is not the payoff, naming both', () => {
    expect(() => settleEarly({ ...base, amount: Money.parse('11000.00') })).toThrowDomainError(
      'PAYOFF_AMOUNT_MISMATCH',
      { details: { payoff: '11281.50', amount: '11000.00' } },
    );
  });
});
