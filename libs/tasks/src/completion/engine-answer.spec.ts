import { engineAnswerOf } from './engine-answer';

describe('engineAnswerOf', () => {
  it('tells a job the engine no longer has', () => {
    expect(
      engineAnswerOf({
        code: 5,
        details: 'Expected to complete job with key 1, but no such job was found',
      }),
    ).toEqual({ kind: 'gone' });
  });

  it('keeps the reason of a command the broker refused', () => {
    expect(engineAnswerOf({ code: 3, details: 'Property variables is not a document' })).toEqual({
      kind: 'rejected',
      reason: 'Property variables is not a document',
    });
    expect(engineAnswerOf({ code: 9, details: 'job is not activated' }).kind).toBe('rejected');
  });

  it('tells backpressure and a broker never reached from an answer that may have been lost', () => {
    expect(engineAnswerOf({ code: 8, details: 'backpressure' })).toEqual({ kind: 'busy' });
    expect(
      engineAnswerOf({
        code: 14,
        details: 'No connection established. Last error: connect ECONNREFUSED',
      }),
    ).toEqual({ kind: 'unreachable' });
    expect(engineAnswerOf({ code: 14, details: 'Connection dropped' })).toEqual({
      kind: 'unknown',
    });
    expect(engineAnswerOf({ code: 4, details: 'Deadline exceeded' })).toEqual({ kind: 'unknown' });
    expect(engineAnswerOf(new Error('socket hang up'))).toEqual({ kind: 'unknown' });
  });
});
