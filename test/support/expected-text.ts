/**
 * jest's asymmetric text matchers, typed as the text they stand for in an expected value (jest
 * types them `any`, which no-unsafe-assignment refuses inside a typed object). They match exactly
 * as jest's do: `{ message: textContaining('no name') }` in `toEqual` is
 * `{ message: expect.stringContaining('no name') }`. For a thrown DomainError, see
 * toThrowDomainError (domain-error-matcher.ts).
 */

/** Text containing this text. */
export function textContaining(text: string): string {
  return expect.stringContaining(text) as string;
}

/** Text this pattern finds. */
export function textMatching(pattern: RegExp): string {
  return expect.stringMatching(pattern) as string;
}

/** Any text at all (a string, however short). */
export function anyText(): string {
  return expect.any(String) as string;
}

/** Any number at all (expect.any(Number), typed as the number it stands for). */
export function anyNumber(): number {
  return expect.any(Number) as number;
}
