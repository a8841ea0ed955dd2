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
