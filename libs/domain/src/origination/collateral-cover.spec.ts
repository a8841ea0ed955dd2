import { Money } from '../money/money';
import {
  collateralCover,
  coverProblems,
  DEFAULT_LTV_LIMITS,
  ltvLimitFor,
  parseLtvLimits,
} from './collateral-cover';

const yuan = (amount: string) => Money.parse(amount);
const house = (value: string) => ({ kind: 'property', appraisedValue: yuan(value) });

describe('collateral cover (抵贷比)', () => {
  it('lends up to 70% of a first home and 60% of a second', () => {
    const first = collateralCover({
      product: 'housing',
      amount: yuan('700000.00'),
      collateral: [house('1000000.00')],
      secondHome: false,
    });
    expect(first).toEqual({
      ltv: '0.7000',
      limit: '0.7000',
      appraisedValue: '1000000.00',
      lendableValue: '700000.00',
      within: true,
    });
    const second = collateralCover({
      product: 'housing',
      amount: yuan('700000.00'),
      collateral: [house('1000000.00')],
      secondHome: true,
    });
    expect(second).toMatchObject({ ltv: '0.7000', limit: '0.6000', within: false });
  });

  it('refuses one fen above the limit', () => {
    const cover = collateralCover({
      product: 'housing',
      amount: yuan('700000.01'),
      collateral: [house('1000000.00')],
      secondHome: false,
    });
    expect(cover.within).toBe(false);
    expect(cover.ltv).toBe('0.7000');
  });

  it('weighs each item at its own rate: a deposit beside a house', () => {
    const cover = collateralCover({
      product: 'consumer',
      amount: yuan('160000.00'),
      collateral: [house('100000.00'), { kind: 'deposit', appraisedValue: yuan('100000.00') }],
      secondHome: false,
    });
    expect(cover).toMatchObject({ lendableValue: '160000.00', limit: '0.8000', within: true });
  });

  it('lends 80% on a private car, 70% on a business vehicle, nothing on a car for a home loan', () => {
    expect(ltvLimitFor('consumer', 'vehicle', false)).toBe('0.80');
    expect(ltvLimitFor('business', 'vehicle', false)).toBe('0.70');
    expect(ltvLimitFor('housing', 'vehicle', false)).toBe('0');
    expect(ltvLimitFor('consumer', 'deposit', false)).toBe('0.90');
  });

  it('names the figure and the limit when a decided amount breaks it', () => {
    const cover = { appraisedValue: yuan('100000.00'), lendableValue: yuan('70000.00') };
    expect(coverProblems('amount', yuan('70000.00'), cover)).toEqual([]);
    const [problem] = coverProblems('amount', yuan('80000.00'), cover);
    expect(problem.field).toBe('amount');
    expect(problem.reason).toContain('80.00%');
    expect(problem.reason).toContain('70.00%');
    expect(coverProblems('amount', yuan('80000.00'), null)).toEqual([]);
  });

  it('takes a deployment’s cells over the defaults and refuses what it does not know', () => {
    const limits = parseLtvLimits('housing.property=0.65, housing.property-second-home=0.5');
    expect(limits.housing.property).toBe('0.65');
    expect(limits.housing['property-second-home']).toBe('0.5');
    expect(limits.consumer).toEqual(DEFAULT_LTV_LIMITS.consumer);
    expect(parseLtvLimits('')).toEqual(DEFAULT_LTV_LIMITS);
    expect(() => parseLtvLimits('housing.boat=0.5')).toThrow(/product.kind=rate/);
    expect(() => parseLtvLimits('housing.property=1.5')).toThrow(/product.kind=rate/);
    expect(() => parseLtvLimits('car.vehicle=0.5')).toThrow(/product.kind=rate/);
  });
});
