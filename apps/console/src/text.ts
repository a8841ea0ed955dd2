/**
 * A value from an untyped part of an answer (a loan summary, a task's context) as text: a string
 * as it is, a number or flag written out, anything else (an object, null) the fallback. So an
 * object never shows as "[object Object]" nor becomes part of a translation key.
 */
export function textOf(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return fallback;
}

/**
 * Anything thrown, as one line for the technical details under an error notice: an error's
 * message, text as it is, else the value as JSON. Never throws itself (a value JSON cannot write,
 * such as one that refers to itself, gives an empty line), so the notice always draws.
 */
export function thrownText(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  let json: string | undefined;
  try {
    json = JSON.stringify(thrown);
  } catch {
    json = undefined;
  }
  return textOf(thrown, json ?? '');
}
