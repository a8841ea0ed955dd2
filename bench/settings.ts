/** A bench setting from the environment that must be a whole number from 1 (a count, a size). */
export function wholeNumber(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number from 1`);
  return value;
}
