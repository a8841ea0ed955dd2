import { isIPv6 } from 'node:net';

/**
 * The sign-in limits, as plain arithmetic. Failures are counted in a fixed window that starts at
 * the first failure; from `backoffFrom` failures on, each further failure makes the next attempt
 * wait twice as long (base, 2 × base, 4 × base … up to max).
 */
export interface BackoffRule {
  windowMs: number;
  backoffFrom: number;
  baseMs: number;
  maxMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Per user name (known or not): 1 s after the 3rd failure, 2 s after the 4th; the 5th locks. */
export const USER_NAME_RULE: BackoffRule = {
  windowMs: 15 * MINUTE,
  backoffFrom: 3,
  baseMs: SECOND,
  maxMs: MINUTE,
};

/** Per client address (IPv4, or the /64 of IPv6): an office behind one address has room for typos. */
export const ADDRESS_RULE: BackoffRule = {
  windowMs: 60 * MINUTE,
  backoffFrom: 20,
  baseMs: SECOND,
  maxMs: 5 * MINUTE,
};

/** Failures of one user name within its window that lock it, and for how long. */
export const LOCKOUT = { failures: 5, durationMs: 15 * MINUTE };

/** How long the next attempt must wait after this many failures in the window (0: at once). */
export function backoffMs(failures: number, rule: BackoffRule): number {
  if (failures < rule.backoffFrom) return 0;
  const doublings = Math.min(failures - rule.backoffFrom, 30);
  return Math.min(rule.baseMs * 2 ** doublings, rule.maxMs);
}

export function locksAt(failures: number): boolean {
  return failures >= LOCKOUT.failures;
}

/** One counter per person whatever the spelling: trimmed, NFKC, lower case. */
export function normaliseUserName(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

/**
 * The throttling key of a client address: IPv4 as is (also when IPv4-mapped), IPv6 by its /64,
 * since one host usually holds a whole /64.
 */
export function addressKey(address: string): string {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (!isIPv6(plain)) return plain;
  return `${expandIPv6(plain).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head, tail] = address.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) =>
    (parseInt(group, 16) || 0).toString(16),
  );
}
