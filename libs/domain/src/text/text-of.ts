/**
 * A value read from JSON (process variables, exporter records, task context) as text: a string as
 * it is, a number, bigint or boolean as written, nothing for null or undefined, and anything else
 * as its JSON rather than "[object Object]".
 */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return value.toString();
  return JSON.stringify(value) ?? '';
}
