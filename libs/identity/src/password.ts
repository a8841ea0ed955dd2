import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import pLimit from 'p-limit';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: object,
) => Promise<Buffer>;

/** scrypt parameters (RFC 7914): memory-hard, so guessing a leaked hash costs real hardware. */
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

/**
 * Scrypt computations one process runs at once. Each holds 128·N·r bytes (32 MB) on one of libuv's
 * four threads for as long as it runs: eight sign-ins at once took the api from 138 to 272 MB and
 * left no thread for its file and DNS work. Two use both cores of a small host for a burst of
 * sign-ins and bound the memory at 64 MB; the rest wait their turn in order.
 */
const HASHINGS_AT_ONCE = 2;
const hashing = pLimit(HASHINGS_AT_ONCE);

function derive(password: string, salt: Buffer, keylen: number, options: object): Promise<Buffer> {
  return hashing(() => scryptAsync(password, salt, keylen, options));
}

/** Scrypt computations running and waiting now. */
export function passwordHashing(): { running: number; waiting: number } {
  return { running: hashing.activeCount, waiting: hashing.pendingCount };
}

/** `scrypt$N$r$p$salt$hash`, base64: parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: MAX_MEMORY });
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAX_MEMORY,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;

/**
 * A hash of a random password nobody knows, made once per process with the current parameters:
 * checking a password against it costs what checking a real user's costs, so an unknown user
 * name answers as slowly as a wrong password.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString('base64url'));
  return dummy;
}
