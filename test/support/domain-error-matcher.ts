import { DomainError, isDomainError } from '@loanflow/domain/errors/domain-error';

/**
 * `toThrowDomainError`: a business rule said no, with this code (and these details, this
 * message). Registered for every tier by test/support/jest-setup.ts; its type is in
 * test/support/jest-matchers.d.ts. It replaces `toThrow(expect.objectContaining({ code }))`,
 * whose matcher is typed `any`, and is stricter: what was thrown must be a DomainError.
 *
 *   expect(() => Money.parse('12,00')).toThrowDomainError('MONEY_INVALID');
 *   expect(() => ageOn('1990-02-30', today)).toThrowDomainError('DATE_INVALID', {
 *     details: { field: 'birthDate' },
 *   });
 *   await expect(service.approve(id)).rejects.toThrowDomainError('ABOVE_AUTHORITY');
 *
 * The received value is a function to call, or what was thrown (a rejection's reason, which jest
 * passes with `.rejects`, or an error caught by the spec).
 */
export interface DomainErrorExpectation {
  /**
   * The error's details equal these, as `toEqual` compares (as `objectContaining({ details })`
   * did): a detail not named here fails the match.
   */
  details?: Readonly<Record<string, unknown>>;
  /** Each detail named here equals the error's; details not named are not looked at. */
  detailsIncluding?: Readonly<Record<string, unknown>>;
  /** The error's message: this text exactly, or text this pattern finds. */
  message?: string | RegExp;
}

/** What the matcher reads of jest's matcher context (`this` in a matcher given to expect.extend). */
export interface DomainErrorMatcherContext {
  readonly isNot?: boolean;
  readonly promise?: string;
  equals(a: unknown, b: unknown): boolean;
  readonly utils: {
    matcherHint(
      matcherName: string,
      received?: string,
      expected?: string,
      options?: { isNot?: boolean; promise?: string },
    ): string;
    printExpected(value: unknown): string;
    printReceived(value: unknown): string;
  };
}

export interface DomainErrorMatcherResult {
  pass: boolean;
  message: () => string;
}

const EXPECTATION_KEYS: readonly string[] = ['details', 'detailsIncluding', 'message'];

type Outcome =
  | { kind: 'thrown'; value: unknown }
  | { kind: 'returned'; value: unknown }
  | { kind: 'received'; value: unknown };

export function toThrowDomainError(
  this: DomainErrorMatcherContext,
  received: unknown,
  code: string,
  expected: DomainErrorExpectation = {},
): DomainErrorMatcherResult {
  if (typeof code !== 'string') {
    throw new TypeError(
      `toThrowDomainError: the expected code must be a string, not ${typeof code}`,
    );
  }
  for (const key of Object.keys(expected)) {
    if (!EXPECTATION_KEYS.includes(key)) {
      throw new TypeError(
        `toThrowDomainError: unknown expectation "${key}" (details go under \`details\` or \`detailsIncluding\`)`,
      );
    }
  }
  const outcome = outcomeOf(received, this.promise);
  const error = outcome.kind === 'returned' ? undefined : domainErrorIn(outcome.value);
  const pass = error !== undefined && matches(this, error, code, expected);
  const hint = this.utils.matcherHint('toThrowDomainError', undefined, 'code', {
    isNot: this.isNot,
    promise: this.promise,
  });
  const wanted = describeExpected(this, code, expected);
  return {
    pass,
    message: () =>
      [
        hint,
        '',
        `Expected: ${this.isNot ? 'not ' : ''}${wanted}`,
        describeOutcome(this, outcome, error),
      ].join('\n'),
  };
}

function outcomeOf(received: unknown, promise: string | undefined): Outcome {
  // With .rejects jest passes the reason; with .resolves, the value: neither is to be called.
  if (typeof received !== 'function' || promise === 'rejects' || promise === 'resolves') {
    return { kind: 'received', value: received };
  }
  try {
    const value: unknown = (received as () => unknown)();
    if (value instanceof Promise) value.catch(() => undefined); // reported below, not unhandled
    return { kind: 'returned', value };
  } catch (thrown) {
    return { kind: 'thrown', value: thrown };
  }
}

/**
 * A DomainError, also one from a second copy of its module (a spec that resets jest's module
 * registry has a DomainError class of its own).
 */
function domainErrorIn(value: unknown): DomainError | undefined {
  if (isDomainError(value)) return value;
  if (
    value instanceof Error &&
    value.name === 'DomainError' &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { details?: unknown }).details === 'object'
  ) {
    return value as DomainError;
  }
  return undefined;
}

function matches(
  context: DomainErrorMatcherContext,
  error: DomainError,
  code: string,
  expected: DomainErrorExpectation,
): boolean {
  if (error.code !== code) return false;
  if (expected.details !== undefined && !context.equals(error.details, expected.details)) {
    return false;
  }
  if (expected.detailsIncluding !== undefined) {
    const details = error.details;
    const allThere = Object.entries(expected.detailsIncluding).every(
      ([name, value]) => Object.hasOwn(details, name) && context.equals(details[name], value),
    );
    if (!allThere) return false;
  }
  if (expected.message !== undefined) {
    const { message } = expected;
    if (
      typeof message === 'string' ? error.message !== message : error.message.search(message) < 0
    ) {
      return false;
    }
  }
  return true;
}

function describeExpected(
  context: DomainErrorMatcherContext,
  code: string,
  expected: DomainErrorExpectation,
): string {
  const parts = [`a DomainError with code ${context.utils.printExpected(code)}`];
  if (expected.details !== undefined) {
    parts.push(`details equal to ${context.utils.printExpected(expected.details)}`);
  }
  if (expected.detailsIncluding !== undefined) {
    parts.push(`details including ${context.utils.printExpected(expected.detailsIncluding)}`);
  }
  if (expected.message !== undefined) {
    parts.push(
      `${typeof expected.message === 'string' ? 'message' : 'a message matching'} ${context.utils.printExpected(expected.message)}`,
    );
  }
  return parts.join(', ');
}

function describeOutcome(
  context: DomainErrorMatcherContext,
  outcome: Outcome,
  error: DomainError | undefined,
): string {
  const printReceived = (value: unknown) => context.utils.printReceived(value);
  if (outcome.kind === 'returned') {
    return outcome.value instanceof Promise
      ? 'Received: nothing was thrown; the function returned a promise (use `await expect(promise).rejects.toThrowDomainError(…)`)'
      : `Received: nothing was thrown; the function returned ${printReceived(outcome.value)}`;
  }
  const label = outcome.kind === 'thrown' ? 'Thrown:  ' : 'Received:';
  if (error !== undefined) {
    return [
      `${label} a DomainError with code ${printReceived(error.code)}`,
      `  message: ${printReceived(error.message)}`,
      `  details: ${printReceived(error.details)}`,
    ].join('\n');
  }
  const { value } = outcome;
  if (value instanceof Error) {
    return `${label} ${printReceived(value.name)} (not a DomainError): ${printReceived(value.message)}`;
  }
  return `${label} ${printReceived(value)} (not a DomainError)`;
}
