/** Runs `work` on every item, at most `concurrency` at a time. */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      for (let item = items[next++]; item !== undefined; item = items[next++]) await work(item);
    }),
  );
}

/** The whole numbers from `first`, `count` of them. */
export const indexes = (first: number, count: number): number[] =>
  Array.from({ length: count }, (_, k) => first + k);
