import { beijingDate, parseEngineDateTime } from './beijing-time';

describe('Beijing business time', () => {
  it('gives the Beijing date of an instant late in the UTC day', () => {
    expect(beijingDate(new Date('2026-09-30T17:30:00Z'))).toBe('2026-10-01');
    expect(beijingDate(new Date('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
  });

  it('reads the date-times FEEL string(now()) writes, with a zone id or an offset', () => {
    expect(parseEngineDateTime('2026-09-30T02:00:00@Etc/UTC')?.toISOString()).toBe(
      '2026-09-30T02:00:00.000Z',
    );
    expect(parseEngineDateTime('2026-09-30T02:00:00.123Z')?.toISOString()).toBe(
      '2026-09-30T02:00:00.123Z',
    );
    expect(parseEngineDateTime('2026-09-30T10:00:00+08:00')?.toISOString()).toBe(
      '2026-09-30T02:00:00.000Z',
    );
  });

  it('refuses what it cannot read rather than guess', () => {
    expect(parseEngineDateTime('2026-09-30T10:00:00@Asia/Shanghai')).toBeNull();
    expect(parseEngineDateTime('yesterday')).toBeNull();
  });
});
