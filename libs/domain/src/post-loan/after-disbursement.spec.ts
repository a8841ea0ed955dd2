import { Money } from '../money/money';
import { parseLtvLimits } from '../origination/collateral-cover';
import {
  DEFAULT_REVALUATION_MONTHS,
  followUpDueOn,
  followUpWarning,
  parseRevaluationMonths,
  planNextRevaluation,
  revaluationCover,
} from './after-disbursement';

const yuan = (amount: string) => Money.parse(amount);

describe('follow-up after disbursement (贷后回访)', () => {
  it('is due the configured days after the payout, 15 by default', () => {
    expect(followUpDueOn('2027-01-20')).toBe('2027-02-04');
    expect(followUpDueOn('2027-02-20', 10)).toBe('2027-03-02');
    expect(() => followUpDueOn('2027-02-20', 0)).toThrow(/1 to 90 days/);
    expect(() => followUpDueOn('2027-02-20', 91)).toThrow(/1 to 90 days/);
    expect(() => followUpDueOn('20-02-2027', 15)).toThrow(/disbursedOn must be a date/);
  });

  it('warns orange on money used otherwise than the stated purpose, yellow on what could not be verified or a borrower out of reach, nothing on a consistent use', () => {
    expect(followUpWarning({ useOfFunds: 'inconsistent', contactConfirmed: true })).toBe('orange');
    expect(followUpWarning({ useOfFunds: 'inconsistent', contactConfirmed: false })).toBe('orange');
    expect(followUpWarning({ useOfFunds: 'not-verifiable', contactConfirmed: true })).toBe(
      'yellow',
    );
    expect(followUpWarning({ useOfFunds: 'consistent', contactConfirmed: false })).toBe('yellow');
    expect(followUpWarning({ useOfFunds: 'consistent', contactConfirmed: true })).toBeNull();
  });
});

describe('collateral revaluation schedule (押品价值重估)', () => {
  it('revalues property yearly, vehicles every 6 months, securities quarterly and deposits never by default', () => {
    expect(DEFAULT_REVALUATION_MONTHS).toEqual({
      property: 12,
      vehicle: 6,
      deposit: null,
      securities: 3,
      other: 12,
    });
    const item = (collateralId: string, kind: string) => ({
      collateralId,
      kind,
      lastValuedOn: '2027-01-31',
    });
    expect(planNextRevaluation([item('1', 'property')], '2027-01-31')).toEqual({
      dueOn: '2028-01-31',
      opensOn: '2028-01-24',
      collateralIds: ['1'],
    });
    // Counted by calendar month, clamped to the month's end.
    expect(planNextRevaluation([item('2', 'securities')], '2027-01-31')).toEqual({
      dueOn: '2027-04-30',
      opensOn: '2027-04-23',
      collateralIds: ['2'],
    });
    expect(planNextRevaluation([item('3', 'deposit')], '2027-01-31')).toBeNull();
    expect(planNextRevaluation([], '2027-01-31')).toBeNull();
  });

  it('takes the earliest item due and every item due that day', () => {
    const items = [
      { collateralId: '1', kind: 'property', lastValuedOn: '2027-01-15' },
      { collateralId: '2', kind: 'vehicle', lastValuedOn: '2027-01-15' },
      { collateralId: '3', kind: 'deposit', lastValuedOn: '2027-01-15' },
    ];
    expect(planNextRevaluation(items, '2027-01-15')?.collateralIds).toEqual(['2']);
    // A year on, the car's second revaluation and the house's first fall due together.
    const later = [
      { ...items[0] },
      { ...items[1], lastValuedOn: '2027-07-15' },
      { ...items[2], lastValuedOn: '2027-07-15' },
    ];
    expect(planNextRevaluation(later, '2027-07-16')).toEqual({
      dueOn: '2028-01-15',
      opensOn: '2028-01-08',
      collateralIds: ['1', '2'],
    });
  });

  it('never plans one due sooner than the lead time from today', () => {
    const items = [{ collateralId: '1', kind: 'securities', lastValuedOn: '2027-01-01' }];
    expect(planNextRevaluation(items, '2027-06-10')).toEqual({
      dueOn: '2027-06-17',
      opensOn: '2027-06-10',
      collateralIds: ['1'],
    });
  });

  it('follows the deployment’s periods and refuses one it does not understand', () => {
    expect(parseRevaluationMonths('deposit=12, securities=1, property=0')).toEqual({
      property: null,
      vehicle: 6,
      deposit: 12,
      securities: 1,
      other: 12,
    });
    expect(parseRevaluationMonths('')).toEqual(DEFAULT_REVALUATION_MONTHS);
    expect(() => parseRevaluationMonths('boat=6')).toThrow(/kind=months/);
    expect(() => parseRevaluationMonths('property=yearly')).toThrow(/kind=months/);
    expect(() => parseRevaluationMonths('property=61')).toThrow(/0 to 60 months/);
  });
});

describe('loan-to-value after a revaluation', () => {
  it('recomputes the LTV on the principal still owed with the origination table', () => {
    const cover = revaluationCover({
      product: 'housing',
      outstandingPrincipal: yuan('1400000.00'),
      collateral: [{ kind: 'property', value: yuan('2800000.00') }],
      secondHome: false,
    });
    expect(cover).toEqual({
      ltv: '0.5000',
      limit: '0.7000',
      appraisedValue: '2800000.00',
      lendableValue: '1960000.00',
      within: true,
      shortfall: '0.00',
      warning: null,
    });
  });

  it('is within at the limit exactly, orange above it with the shortfall, red when the collateral is worth less than the principal', () => {
    const securities = (value: string, owed: string) =>
      revaluationCover({
        product: 'consumer',
        outstandingPrincipal: yuan(owed),
        collateral: [{ kind: 'securities', value: yuan(value) }],
        secondHome: false,
      });
    expect(securities('80000.00', '40000.00')).toMatchObject({ ltv: '0.5000', within: true });
    expect(securities('60000.00', '40000.00')).toMatchObject({
      ltv: '0.6667',
      limit: '0.5000',
      within: false,
      lendableValue: '30000.00',
      shortfall: '10000.00',
      warning: 'orange',
    });
    expect(securities('30000.00', '40000.00')).toMatchObject({
      within: false,
      shortfall: '25000.00',
      warning: 'red',
    });
  });

  it('lets each item lend at its own rate and follows the deployment’s table', () => {
    const facts = {
      product: 'consumer' as const,
      outstandingPrincipal: yuan('100000.00'),
      collateral: [
        { kind: 'property', value: yuan('100000.00') },
        { kind: 'deposit', value: yuan('40000.00') },
      ],
      secondHome: false,
    };
    // 70,000.00 + 36,000.00 = 106,000.00 lendable.
    expect(revaluationCover(facts)).toMatchObject({ within: true, lendableValue: '106000.00' });
    expect(revaluationCover(facts, parseLtvLimits('consumer.property=0.60'))).toMatchObject({
      within: false,
      shortfall: '4000.00',
      warning: 'orange',
    });
  });
});
