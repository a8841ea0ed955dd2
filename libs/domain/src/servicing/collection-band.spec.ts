import { collectionBand, isBandLower } from './collection-band';

describe('the 30/90-day rule by days past due', () => {
  it.each([
    [0, 'none'],
    [1, 'manager'],
    [30, 'manager'],
    [31, 'officer'],
    [90, 'officer'],
    [91, 'legal'],
    [400, 'legal'],
  ] as const)('puts %i days past due in the %s band', (days, band) => {
    expect(collectionBand(days)).toBe(band);
  });

  it('refuses what is not a whole number of days', () => {
    expect(() => collectionBand(-1)).toThrowDomainError('DAYS_PAST_DUE_INVALID');
    expect(() => collectionBand(1.5)).toThrowDomainError('DAYS_PAST_DUE_INVALID');
  });

  it('knows a catch-up from an escalation', () => {
    expect(isBandLower('manager', 'legal')).toBe(true);
    expect(isBandLower('legal', 'officer')).toBe(false);
    expect(isBandLower('officer', 'officer')).toBe(false);
  });
});
