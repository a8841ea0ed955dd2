import { textOf, thrownText } from './text';

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

describe('thrownText', () => {
  it("gives an error's message, text as it is, and other values as JSON", () => {
    expect(thrownText(new Error('network down'))).toBe('network down');
    expect(thrownText('timeout')).toBe('timeout');
    expect(thrownText({ code: 'X' })).toBe('{"code":"X"}');
  });

  it('gives an empty line, never an exception, for a value JSON cannot write', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(thrownText(loop)).toBe('');
    expect(thrownText({ big: 1n })).toBe('');
  });
});
