/**
 * Which of `buckets` a key belongs to: stable for the key, and spread evenly over the buckets, so
 * rows that every transaction would otherwise queue on (an audit chain's head, a bank-wide
 * account's balance) can be kept as several, each touched by the keys that fall in it.
 * FNV-1a (32 bits): not a secret or a security boundary, only a spread.
 */
const utf8 = new TextEncoder();

export function spreadOver(key: string, buckets: number): number {
  if (!Number.isInteger(buckets) || buckets < 1)
    throw new RangeError(`buckets must be a positive integer (got ${buckets})`);
  let hash = 0x811c9dc5;
  for (const byte of utf8.encode(key)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % buckets;
}
