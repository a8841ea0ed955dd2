import { isIsoDateTime, isIsoDuration } from './iso8601';

describe('ISO 8601 literals in timers', () => {
  it.each(['P30D', 'PT1H', 'P1Y2M', 'P1Y2M3W4DT5H6M7S', 'PT0,5S', 'p3d'])(
    '%s is a duration',
    (text) => {
      expect(isIsoDuration(text)).toBe(true);
    },
  );

  it.each(['P30X', '', 'P', 'PT', 'P1DT', 'P1.5D', 'PT1.5H', '-P1D', 'P1D ', '30D'])(
    '"%s" is not a duration',
    (text) => {
      expect(isIsoDuration(text)).toBe(false);
    },
  );

  it.each([
    '2026-03-31T00:00:00+08:00',
    '2026-03-31T00:00Z',
    '2028-02-29T23:59:59.999Z',
    '2026-10-08T00:00:00+08:00[Asia/Shanghai]',
  ])('%s is a date-time', (text) => {
    expect(isIsoDateTime(text)).toBe(true);
  });

  it.each([
    '2026-03-31T00:00:00',
    '2026-03-31',
    '2026-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-03-31T24:00:00Z',
    '2026-03-31T00:60:00Z',
    '2026-03-31T00:00:00+19:00',
    '2026-03-31 00:00:00Z',
  ])('%s is not a date-time', (text) => {
    expect(isIsoDateTime(text)).toBe(false);
  });
});
