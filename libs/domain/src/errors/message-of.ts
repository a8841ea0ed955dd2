/**
 * The text of anything thrown, for a log line or a stored failure: an error's message, else the
 * value as text (a rejected promise may carry a string, or nothing at all). An error is known by
 * its message, not by `instanceof Error`: one made in another realm (a vm context, a module loaded
 * outside the test runner's registry) is not an instance of this realm's Error.
 */
export function messageOf(thrown: unknown): string {
  if (typeof thrown === 'string') return thrown;
  if (hasMessage(thrown)) return thrown.message;
  try {
    return JSON.stringify(thrown) ?? String(thrown);
  } catch {
    return String(thrown);
  }
}

function hasMessage(thrown: unknown): thrown is { message: string } {
  return (
    typeof thrown === 'object' &&
    thrown !== null &&
    typeof (thrown as { message?: unknown }).message === 'string'
  );
}
