import { RISK_GRADES } from '../authority/approval-authority';
import {
  checkRate,
  DEFAULT_PRICING_GRID,
  DEFAULT_REFERENCE_RATES,
  PricingGrid,
  rateBounds,
  referenceBasis,
} from './pricing-grid';
import { LOAN_PRODUCTS } from './product-policy';
import { textContaining } from '@loanflow/test-support/expected-text';

describe('pricing grid', () => {
  it('prices terms up to 5 years over the 1-year LPR and longer ones over the 5-year', () => {
    expect(referenceBasis(1)).toBe('LPR1Y');
    expect(referenceBasis(60)).toBe('LPR1Y');
    expect(referenceBasis(61)).toBe('LPR5Y');
    expect(referenceBasis(360)).toBe('LPR5Y');
    expect(() => referenceBasis(0)).toThrowDomainError('TERM_INVALID');
    expect(() => referenceBasis(12.5)).toThrowDomainError('TERM_INVALID');
  });

  it('gives a consumer A loan LPR1Y + 0..900 bp', () => {
    expect(rateBounds('consumer', 'A', 36, DEFAULT_REFERENCE_RATES)).toEqual({
      product: 'consumer',
      grade: 'A',
      basis: 'LPR1Y',
      reference: '0.0300',
      effectiveDate: '2025-05-20',
      floorSpreadBp: 0,
      ceilingSpreadBp: 900,
      floor: '0.0300',
      ceiling: '0.1200',
    });
  });

  it('floors a first-grade housing loan 30 bp under the 5-year LPR', () => {
    const bounds = rateBounds('housing', 'A', 240, DEFAULT_REFERENCE_RATES);
    expect(bounds).toEqual(
      expect.objectContaining({ basis: 'LPR5Y', reference: '0.0350', floor: '0.0320' }),
    );
    expect(bounds.ceiling).toBe('0.0500');
    // A short housing loan is priced over the 1-year LPR, with the same spreads.
    expect(rateBounds('housing', 'A', 36, DEFAULT_REFERENCE_RATES).floor).toBe('0.0270');
  });

  it('never prices a worse grade better: floors and ceilings rise from A to D', () => {
    for (const product of LOAN_PRODUCTS) {
      for (const term of [12, 120]) {
        const bounds = RISK_GRADES.map((grade) =>
          rateBounds(product, grade, term, DEFAULT_REFERENCE_RATES),
        );
        for (let i = 1; i < bounds.length; i++) {
          expect(Number(bounds[i].floor)).toBeGreaterThan(Number(bounds[i - 1].floor));
          expect(Number(bounds[i].ceiling)).toBeGreaterThan(Number(bounds[i - 1].ceiling));
        }
      }
    }
  });

  it('keeps the worst consumer ceiling at 24%, the most the courts protect, at the default reference', () => {
    expect(rateBounds('consumer', 'D', 60, DEFAULT_REFERENCE_RATES).ceiling).toBe('0.2400');
  });

  it('computes in decimals: odd references keep up to 6 places, exactly', () => {
    const bounds = rateBounds('consumer', 'B', 12, {
      lpr1y: '0.031125',
      lpr5y: '0.0355',
      effectiveDate: '2030-01-20',
    });
    expect(bounds.floor).toBe('0.034125');
    expect(bounds.ceiling).toBe('0.151125');
    // 0.1 + 0.2 in floats is 0.30000000000000004; here it is exact.
    expect(
      rateBounds('consumer', 'A', 12, { lpr1y: '0.1', lpr5y: '0.1', effectiveDate: 'x' }).ceiling,
    ).toBe('0.1900');
  });

  it('never floors below zero', () => {
    const grid: PricingGrid = {
      ...DEFAULT_PRICING_GRID,
      housing: { ...DEFAULT_PRICING_GRID.housing, A: { floorSpreadBp: -500, ceilingSpreadBp: 0 } },
    };
    expect(rateBounds('housing', 'A', 120, DEFAULT_REFERENCE_RATES, grid).floor).toBe('0.0000');
  });

  it('refuses a bad reference or grid', () => {
    expect(() =>
      rateBounds('consumer', 'A', 12, { lpr1y: '3.0%', lpr5y: '0.035', effectiveDate: 'x' }),
    ).toThrowDomainError('REFERENCE_RATE_INVALID');
    const inverted: PricingGrid = {
      ...DEFAULT_PRICING_GRID,
      consumer: {
        ...DEFAULT_PRICING_GRID.consumer,
        C: { floorSpreadBp: 300, ceilingSpreadBp: 100 },
      },
    };
    expect(() =>
      rateBounds('consumer', 'C', 12, DEFAULT_REFERENCE_RATES, inverted),
    ).toThrowDomainError('PRICING_GRID_INVALID');
    expect(() =>
      rateBounds('consumer', 'E' as never, 12, DEFAULT_REFERENCE_RATES),
    ).toThrowDomainError('PRICING_GRID_INVALID');
  });

  describe('checkRate', () => {
    const bounds = rateBounds('consumer', 'A', 36, DEFAULT_REFERENCE_RATES);

    it('accepts the bounds themselves and anything between, however written', () => {
      for (const rate of ['0.03', '0.0300', '0.0435', '0.06', '0.060000'])
        expect(checkRate(rate, bounds)).toBeNull();
    });

    it('names the floor, the reference and the spread when below', () => {
      expect(checkRate('0.0299', bounds)).toEqual({
        field: 'annualRate',
        reason:
          '0.0299 is below the floor 0.0300 for a consumer loan of grade A (LPR1Y 0.0300 of 2025-05-20 + 0 bp)',
      });
    });

    it('names the ceiling when above, on the field asked for', () => {
      expect(checkRate('0.1201', bounds, 'recommendedAnnualRate')).toEqual({
        field: 'recommendedAnnualRate',
        reason:
          '0.1201 is above the ceiling 0.1200 for a consumer loan of grade A (LPR1Y 0.0300 of 2025-05-20 + 900 bp)',
      });
    });

    it('shows a negative spread with a minus sign', () => {
      const housing = rateBounds('housing', 'A', 240, DEFAULT_REFERENCE_RATES);
      expect(checkRate('0.0310', housing)?.reason).toContain('LPR5Y 0.0350 of 2025-05-20 − 30 bp');
    });

    it('refuses what is not a decimal fraction', () => {
      for (const rate of ['4.35%', '', '0.04351234', '-0.01', '.04'])
        expect(checkRate(rate, bounds)).toEqual(
          expect.objectContaining({ reason: textContaining('decimal fraction') }),
        );
    });
  });
});
