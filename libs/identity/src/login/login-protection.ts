import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@loanflow/domain';
import { IDENTITY_CLOCK, type Clock } from '../clock';
import { LOGIN_COUNTER_STORE, type LoginCounterStore } from './login-counter-store';
import {
  ADDRESS_RULE,
  addressKey,
  backoffMs,
  LOCKOUT,
  locksAt,
  normaliseUserName,
  USER_NAME_RULE,
} from './login-policy';

export interface Lockout {
  username: string;
  lockedAt: string;
  lockedUntil: string;
  failures: number;
}

export interface FailureOutcome {
  /** Set when this failure started a lockout (once, whichever process saw it). */
  lockStarted?: Lockout;
}

/**
 * Throttling and lockout of password checks. Every name is treated alike, known or not, so
 * neither the answers nor the limits tell whether a user exists.
 */
@Injectable()
export class LoginProtection {
  constructor(
    @Inject(LOGIN_COUNTER_STORE) private readonly store: LoginCounterStore,
    @Inject(IDENTITY_CLOCK) private readonly now: Clock,
  ) {}

  /** Throws ACCOUNT_LOCKED or LOGIN_THROTTLED (details.retryAfterSeconds) before any password check. */
  async assertAllowed(username: string, address: string): Promise<void> {
    const keys = keysOf(username, address);
    const [lock, userWait, addressWait] = await Promise.all([
      this.store.read(keys.lock),
      this.store.read(keys.userWait),
      this.store.read(keys.addressWait),
    ]);
    if (lock) {
      throw new DomainError(
        'ACCOUNT_LOCKED',
        `Too many failed sign-ins for this user name: it is locked for ${minutes(lock.remainingMs)} min more, or until an administrator lifts the lock.`,
        { retryAfterSeconds: seconds(lock.remainingMs) },
      );
    }
    const waitMs = Math.max(userWait?.remainingMs ?? 0, addressWait?.remainingMs ?? 0);
    if (waitMs > 0) {
      throw new DomainError(
        'LOGIN_THROTTLED',
        `Too many failed sign-ins: try again in ${seconds(waitMs)} s.`,
        { retryAfterSeconds: seconds(waitMs) },
      );
    }
  }

  async recordFailure(username: string, address: string): Promise<FailureOutcome> {
    const keys = keysOf(username, address);
    const [userFailures, addressFailures] = await Promise.all([
      this.store.increment(keys.userFailures, USER_NAME_RULE.windowMs),
      this.store.increment(keys.addressFailures, ADDRESS_RULE.windowMs),
    ]);
    const addressWaitMs = backoffMs(addressFailures, ADDRESS_RULE);
    if (addressWaitMs > 0) await this.store.put(keys.addressWait, '1', addressWaitMs);
    if (locksAt(userFailures)) {
      const at = this.now();
      const lockout: Lockout = {
        username: normaliseUserName(username),
        lockedAt: new Date(at).toISOString(),
        lockedUntil: new Date(at + LOCKOUT.durationMs).toISOString(),
        failures: userFailures,
      };
      const started = await this.store.put(
        keys.lock,
        JSON.stringify(lockout),
        LOCKOUT.durationMs,
        true,
      );
      return started ? { lockStarted: lockout } : {};
    }
    const userWaitMs = backoffMs(userFailures, USER_NAME_RULE);
    if (userWaitMs > 0) await this.store.put(keys.userWait, '1', userWaitMs);
    return {};
  }

  /** A right password: the user name starts afresh (the address keeps its count). */
  async recordSuccess(username: string): Promise<void> {
    const keys = keysOf(username, '');
    await this.store.remove(keys.userFailures, keys.userWait);
  }

  /** Lifts a lockout and the name's failures; false when the name was not locked. */
  async unlock(username: string): Promise<boolean> {
    const keys = keysOf(username, '');
    const lock = await this.store.read(keys.lock);
    await this.store.remove(keys.lock, keys.userFailures, keys.userWait);
    return lock !== null;
  }

  async lockouts(): Promise<Lockout[]> {
    const entries = await this.store.entries(LOCK_PREFIX);
    return entries
      .map((entry) => JSON.parse(entry.value) as Lockout)
      .sort((a, b) => a.lockedAt.localeCompare(b.lockedAt));
  }
}

const LOCK_PREFIX = 'lock:';

function keysOf(username: string, address: string) {
  const name = encodeURIComponent(normaliseUserName(username));
  const where = encodeURIComponent(addressKey(address));
  return {
    lock: `${LOCK_PREFIX}${name}`,
    userFailures: `fail:user:${name}`,
    userWait: `wait:user:${name}`,
    addressFailures: `fail:addr:${where}`,
    addressWait: `wait:addr:${where}`,
  };
}

function minutes(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
