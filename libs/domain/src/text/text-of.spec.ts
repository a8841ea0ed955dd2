import { textOf } from './text-of';

describe('textOf', () => {
  it('gives scalars as written, nothing for a missing value, and objects as JSON', () => {
    expect(textOf('LN-1')).toBe('LN-1');
    expect(textOf(42)).toBe('42');
    expect(textOf(12n)).toBe('12');
    expect(textOf(false)).toBe('false');
    expect(textOf(null)).toBe('');
    expect(textOf(undefined)).toBe('');
    expect(textOf({ a: 1 })).toBe('{"a":1}');
    expect(textOf([1, 'x'])).toBe('[1,"x"]');
    expect(textOf(() => 1)).toBe('');
  });
});
