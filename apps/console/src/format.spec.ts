import { formatDate, formatRate, formatRatio, formatYuan } from './format';
import { beijingToday, toFen } from './money';

describe('console formatting', () => {
  it('shows decimal strings as yuan with two decimals in the locale, exactly', () => {
    expect(formatYuan('300000.00', 'zh-CN')).toBe('¥300,000.00');
    expect(formatYuan('0.5', 'zh-CN')).toBe('¥0.50');
    // Beyond a double's precision: the string is formatted, not a float.
    expect(formatYuan('12345678901234.56', 'zh-CN')).toBe('¥12,345,678,901,234.56');
    expect(formatYuan('300000.00', 'en')).toMatch(/^CN¥300,000\.00$/);
    expect(formatYuan(null, 'zh-CN')).toBe('—');
  });

  it('shows ratios as percentages and business dates as the same calendar day', () => {
    expect(formatRatio('0.4444', 'zh-CN')).toBe('44.44%');
    expect(formatDate('2026-01-31', 'en')).toBe('Jan 31, 2026');
    expect(formatRate('0.0435', 'zh-CN')).toBe('4.35%');
    expect(formatRate('0.043512', 'zh-CN')).toBe('4.3512%');
    expect(formatRate(null, 'zh-CN')).toBe('—');
  });

  it('compares amounts in fen without floats', () => {
    expect(toFen('0.10') + toFen('0.20')).toBe(toFen('0.30'));
    expect(toFen('12345678901234.56')).toBe(1234567890123456n);
    expect(beijingToday(new Date('2026-06-30T16:30:00Z'))).toBe('2026-07-01');
  });
});
