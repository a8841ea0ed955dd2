import { Money } from '../money/money';
import { interestCollection, monthsBetween } from './interest-collection';
import { checkThresholdValue, crossingStep, isPastThreshold } from './figure-thresholds';

const yuan = (amount: string) => Money.parse(amount);

describe('interest collection rate (收息率)', () => {
  it('is interest received ÷ interest due, on minor units, four places half-up', () => {
    // 1,150.00 of 1,200.00 = 0.958333… → 0.9583
    const month = interestCollection('2026-06-01', '2026-06-30', yuan('1200.00'), yuan('1150.00'));
    expect(month.rate).toBe('0.9583');
    expect(month.interestDue.toDecimalString()).toBe('1200.00');
    // 0.10 + 0.20 of 0.30 is exactly 1, where floats make 0.30000000000000004
    expect(
      interestCollection('2026-06-01', '2026-06-30', yuan('0.30'), yuan('0.10').plus(yuan('0.20')))
        .rate,
    ).toBe('1.0000');
    // 2 of 3 cents: 0.666… rounds half-up to 0.6667
    expect(interestCollection('2026-06-01', '2026-06-30', yuan('0.03'), yuan('0.02')).rate).toBe(
      '0.6667',
    );
  });

  it('reads a period with nothing due as 0 with due 0, so no rate is judged', () => {
    const empty = interestCollection('2026-06-01', '2026-06-30', Money.zero(), Money.zero());
    expect(empty.rate).toBe('0.0000');
    expect(empty.interestDue.isZero()).toBe(true);
  });

  it('refuses more received than due, and a period that is not one', () => {
    expect(() =>
      interestCollection('2026-06-01', '2026-06-30', yuan('100.00'), yuan('100.01')),
    ).toThrowDomainError('PORTFOLIO_INPUT_INVALID');
    expect(() =>
      interestCollection('2026-06-30', '2026-06-01', yuan('1.00'), yuan('1.00')),
    ).toThrowDomainError('PORTFOLIO_INPUT_INVALID');
    expect(() =>
      interestCollection('2026-02-30', '2026-03-01', yuan('1.00'), yuan('1.00')),
    ).toThrowDomainError('PORTFOLIO_INPUT_INVALID');
  });

  it('cuts a series into calendar months, leap February included', () => {
    expect(monthsBetween('2027-12-15', '2028-02-01')).toEqual([
      { month: '2027-12', from: '2027-12-01', to: '2027-12-31' },
      { month: '2028-01', from: '2028-01-01', to: '2028-01-31' },
      { month: '2028-02', from: '2028-02-01', to: '2028-02-29' },
    ]);
  });
});

describe('warning levels on the figures', () => {
  it('judges each figure in its bad direction, the level itself still acceptable', () => {
    expect(isPastThreshold('overdue-rate', '0.0501', '0.0500')).toBe(true);
    expect(isPastThreshold('overdue-rate', '0.0500', '0.0500')).toBe(false);
    expect(isPastThreshold('bad-loan-ratio', '0.0200', '0.0150')).toBe(true);
    expect(isPastThreshold('interest-collection-rate', '0.9499', '0.9500')).toBe(true);
    expect(isPastThreshold('interest-collection-rate', '0.9500', '0.9500')).toBe(false);
    expect(isPastThreshold('interest-collection-rate', '1.0000', '0.9500')).toBe(false);
  });

  it('accepts a ratio from 0 to 1 with at most four places', () => {
    expect(checkThresholdValue('0.05')).toBeNull();
    expect(checkThresholdValue('1.0000')).toBeNull();
    expect(checkThresholdValue('0')).toBeNull();
    expect(checkThresholdValue('0.00001')).not.toBeNull();
    expect(checkThresholdValue('1.5')).not.toBeNull();
    expect(checkThresholdValue('5%')).not.toBeNull();
    expect(() => isPastThreshold('overdue-rate', '0.1', '-1')).toThrowDomainError(
      'THRESHOLD_INVALID',
    );
  });

  it('opens a crossing once, keeps it while the figure stays past, clears it when it comes back', () => {
    expect(crossingStep(true, false)).toBe('open');
    expect(crossingStep(true, true)).toBe('still-open');
    expect(crossingStep(false, true)).toBe('clear');
    expect(crossingStep(false, false)).toBe('none');
  });
});
