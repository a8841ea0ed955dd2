/**
 * The item at `index` (negative counts from the end) of a list the caller's own checks say is
 * long enough: a schedule's first or last installment, the installment a due date belongs to. A
 * missing one is a broken invariant, so it fails here, by name, instead of travelling on as
 * `undefined` into a sum or a date.
 */
export function itemAt<T>(items: readonly T[], index: number, what: string): T {
  const item = items.at(index);
  if (item === undefined) throw new Error(`${what}: no item at ${index} of ${items.length}`);
  return item;
}
