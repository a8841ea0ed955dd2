import { collectionStage, overdueBucket } from './overdue-buckets';

describe('overdue buckets and collection stages', () => {
  it.each([
    [0, null],
    [1, '1-30'],
    [30, '1-30'],
    [31, '31-90'],
    [90, '31-90'],
    [91, '91-180'],
    [180, '91-180'],
    [181, '181-360'],
    [360, '181-360'],
    [361, '360+'],
    [5000, '360+'],
  ])('puts a loan %i days past due in bucket %p', (days, bucket) => {
    expect(overdueBucket(days)).toBe(bucket);
  });

  it.each([
    [0, null],
    [1, 'customer-manager'],
    [30, 'customer-manager'],
    [31, 'collection-officer'],
    [90, 'collection-officer'],
    [91, 'legal'],
    [400, 'legal'],
  ])('hands a loan %i days past due to %p (the 30/90-day rule)', (days, stage) => {
    expect(collectionStage(days)).toBe(stage);
  });

  it.each([-1, 2.5])('refuses %p days past due', (days) => {
    expect(() => overdueBucket(days)).toThrowDomainError('DAYS_PAST_DUE_INVALID');
    expect(() => collectionStage(days)).toThrowDomainError('DAYS_PAST_DUE_INVALID');
  });
});
