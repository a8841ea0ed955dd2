import { spreadOver } from './spread-over';

describe('spreadOver', () => {
  it('puts one key always in the same bucket', () => {
    expect(spreadOver('L-2026-000001', 16)).toBe(spreadOver('L-2026-000001', 16));
    expect(spreadOver('贷款-1', 16)).toBe(spreadOver('贷款-1', 16));
  });

  it('spreads many keys over every bucket about evenly', () => {
    const counts = new Array<number>(16).fill(0);
    for (let n = 0; n < 1600; n += 1)
      counts[spreadOver(`L-2026-${String(n).padStart(6, '0')}`, 16)] += 1;
    expect(Math.min(...counts)).toBeGreaterThan(60);
    expect(Math.max(...counts)).toBeLessThan(140);
  });

  it('has one bucket when there is one, and refuses fewer', () => {
    expect(spreadOver('anything', 1)).toBe(0);
    expect(() => spreadOver('anything', 0)).toThrow(/positive integer/);
    expect(() => spreadOver('anything', 2.5)).toThrow(/positive integer/);
  });
});
