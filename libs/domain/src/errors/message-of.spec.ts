import { runInNewContext } from 'node:vm';
import { messageOf } from './message-of';

describe('messageOf', () => {
  it("gives an Error's message", () => {
    expect(messageOf(new TypeError('bad value'))).toBe('bad value');
  });

  it('gives the message of an error made in another realm (not an instance of this Error)', () => {
    const foreign = runInNewContext('new Error("unparsable content")') as unknown;
    expect(foreign instanceof Error).toBe(false);
    expect(messageOf(foreign)).toBe('unparsable content');
  });

  it('gives a thrown string as it is, and other values as text', () => {
    expect(messageOf('connection reset')).toBe('connection reset');
    expect(messageOf({ code: 14 })).toBe('{"code":14}');
    expect(messageOf(undefined)).toBe('undefined');
  });

  it('gives text for a value JSON cannot write', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(messageOf(loop)).toBe('[object Object]');
  });
});
