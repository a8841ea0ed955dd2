import { stripVTControlCharacters } from 'node:util';
import { DomainError, messageOf } from '@loanflow/domain';

const refusal = () => {
  throw new DomainError('DATE_INVALID', 'the date 2026-02-30 does not exist', {
    field: 'today',
    value: '2026-02-30',
  });
};

/** The failure message of an assertion that must fail, without its colours. */
function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return stripVTControlCharacters(messageOf(error));
  }
  throw new Error('the assertion passed');
}

async function asyncFailureOf(assertion: () => Promise<void>): Promise<string> {
  try {
    await assertion();
  } catch (error) {
    return stripVTControlCharacters(messageOf(error));
  }
  throw new Error('the assertion passed');
}

describe('toThrowDomainError', () => {
  it('passes on a DomainError with the code, its details (equal or included) and its message', () => {
    expect(refusal).toThrowDomainError('DATE_INVALID');
    expect(refusal).toThrowDomainError('DATE_INVALID', {
      details: { field: 'today', value: '2026-02-30' },
    });
    expect(refusal).toThrowDomainError('DATE_INVALID', { detailsIncluding: { field: 'today' } });
    expect(refusal).toThrowDomainError('DATE_INVALID', {
      message: 'the date 2026-02-30 does not exist',
    });
    expect(refusal).toThrowDomainError('DATE_INVALID', { message: /does not exist$/ });
  });

  it('fails on another code, saying which code was expected and what was thrown', () => {
    const message = failureOf(() => expect(refusal).toThrowDomainError('MONEY_INVALID'));
    expect(message).toContain('Expected: a DomainError with code "MONEY_INVALID"');
    expect(message).toContain('Thrown:   a DomainError with code "DATE_INVALID"');
    expect(message).toContain('message: "the date 2026-02-30 does not exist"');
    expect(message).toContain('details: {"field": "today", "value": "2026-02-30"}');
  });

  it('fails on other details: all of them must equal, or the named ones be among them', () => {
    const message = failureOf(() =>
      expect(refusal).toThrowDomainError('DATE_INVALID', { details: { field: 'today' } }),
    );
    expect(message).toContain('details equal to {"field": "today"}');
    expect(message).toContain('details: {"field": "today", "value": "2026-02-30"}');
    expect(
      failureOf(() =>
        expect(refusal).toThrowDomainError('DATE_INVALID', {
          detailsIncluding: { field: 'birthDate' },
        }),
      ),
    ).toContain('details including {"field": "birthDate"}');
    expect(
      failureOf(() =>
        expect(refusal).toThrowDomainError('DATE_INVALID', { detailsIncluding: { rule: 'x' } }),
      ),
    ).toContain('details including {"rule": "x"}');
  });

  it('fails on another message', () => {
    expect(
      failureOf(() => expect(refusal).toThrowDomainError('DATE_INVALID', { message: 'does not' })),
    ).toContain('message "does not"');
    expect(
      failureOf(() => expect(refusal).toThrowDomainError('DATE_INVALID', { message: /^does/ })),
    ).toContain('a message matching /^does/');
  });

  it('fails when nothing was thrown', () => {
    const message = failureOf(() => expect(() => 42).toThrowDomainError('DATE_INVALID'));
    expect(message).toContain('Expected: a DomainError with code "DATE_INVALID"');
    expect(message).toContain('Received: nothing was thrown; the function returned 42');
    expect(
      failureOf(() => expect(async () => refusal()).toThrowDomainError('DATE_INVALID')),
    ).toContain('nothing was thrown; the function returned a promise');
  });

  it('fails when something other than a DomainError was thrown, even with the code', () => {
    const typeError = failureOf(() =>
      expect(() => {
        throw new TypeError('bad value');
      }).toThrowDomainError('DATE_INVALID'),
    );
    expect(typeError).toContain('Thrown:   "TypeError" (not a DomainError): "bad value"');
    const lookalike = failureOf(() =>
      expect(() => {
        throw Object.assign(new Error('the date does not exist'), { code: 'DATE_INVALID' });
      }).toThrowDomainError('DATE_INVALID'),
    );
    expect(lookalike).toContain('"Error" (not a DomainError): "the date does not exist"');
    expect(failureOf(() => expect('DATE_INVALID').toThrowDomainError('DATE_INVALID'))).toContain(
      'Received: "DATE_INVALID" (not a DomainError)',
    );
  });

  it('with .not, passes unless such a DomainError was thrown, and says what was', () => {
    expect(() => 42).not.toThrowDomainError('DATE_INVALID');
    expect(refusal).not.toThrowDomainError('MONEY_INVALID');
    expect(refusal).not.toThrowDomainError('DATE_INVALID', { details: { field: 'today' } });
    const message = failureOf(() => expect(refusal).not.toThrowDomainError('DATE_INVALID'));
    expect(message).toContain('Expected: not a DomainError with code "DATE_INVALID"');
    expect(message).toContain('Thrown:   a DomainError with code "DATE_INVALID"');
  });

  it('takes a rejection with .rejects, and an error value as it is', async () => {
    const rejected = async () => refusal();
    await expect(rejected()).rejects.toThrowDomainError('DATE_INVALID', {
      detailsIncluding: { field: 'today' },
    });
    await expect(rejected()).rejects.not.toThrowDomainError('MONEY_INVALID');
    const message = await asyncFailureOf(() =>
      expect(rejected()).rejects.toThrowDomainError('MONEY_INVALID'),
    );
    expect(message).toContain('rejects');
    expect(message).toContain('Received: a DomainError with code "DATE_INVALID"');
    expect(
      await asyncFailureOf(() =>
        expect(Promise.resolve(42)).rejects.toThrowDomainError('DATE_INVALID'),
      ),
    ).toContain('Received promise resolved instead of rejected');
    expect(new DomainError('DATE_INVALID', 'no such day')).toThrowDomainError('DATE_INVALID');
  });

  it('refuses an expectation it does not know, such as details not put under `details`', () => {
    const loose: Record<string, unknown> = { field: 'today' };
    expect(() => expect(refusal).toThrowDomainError('DATE_INVALID', loose)).toThrow(
      'unknown expectation "field"',
    );
  });
});
