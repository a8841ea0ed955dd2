import { textOf } from './text';

describe('textOf', () => {
  it('keeps text, writes out numbers and flags', () => {
    expect(textOf('mortgage')).toBe('mortgage');
    expect(textOf(0.6)).toBe('0.6');
    expect(textOf(false)).toBe('false');
  });

  it('gives the fallback for objects, null and undefined', () => {
    expect(textOf({ kind: 'mortgage' }, 'credit')).toBe('credit');
    expect(textOf(null, 'center')).toBe('center');
    expect(textOf(undefined)).toBe('');
  });
});
