/**
 * A bench setting from the environment that must be a whole number from `from` (1 unless said: a
 * count, a size; 0 where none is a choice, as for a warm-up).
 */
export function wholeNumber(name: string, fallback: number, from = 1): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < from)
    throw new Error(`${name} must be a whole number from ${from}`);
  return value;
}
