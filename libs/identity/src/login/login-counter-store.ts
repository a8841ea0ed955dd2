import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@loanflow/config';
import { REDIS } from '@loanflow/persistence';

export interface StoredEntry {
  key: string;
  value: string;
  remainingMs: number;
}

/**
 * Short-lived counters and marks the sign-in limits keep. Shared by every api process (Redis), so
 * a limit holds whichever process an attempt reaches; entries expire by themselves.
 */
export interface LoginCounterStore {
  /** Adds one; a counter that did not exist lives windowMs from now. Returns the new count. */
  increment(key: string, windowMs: number): Promise<number>;
  /** Stores a value for ttlMs; with onlyIfAbsent, false when one was already there. */
  put(key: string, value: string, ttlMs: number, onlyIfAbsent?: boolean): Promise<boolean>;
  read(key: string): Promise<StoredEntry | null>;
  remove(...keys: string[]): Promise<void>;
  /** Every live entry whose key starts with this. */
  entries(keyPrefix: string): Promise<StoredEntry[]>;
}

export const LOGIN_COUNTER_STORE = Symbol('LOGIN_COUNTER_STORE');

/** The store on the process's Redis connection, under LOGIN_COUNTER_PREFIX (loanflow:login:). */
@Injectable()
export class RedisLoginCounterStore implements LoginCounterStore {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.prefix = config.LOGIN_COUNTER_PREFIX;
  }

  async increment(key: string, windowMs: number): Promise<number> {
    const full = this.prefix + key;
    const results = await this.redis.multi().set(full, '0', 'PX', windowMs, 'NX').incr(full).exec();
    return Number(outcome(results, 1));
  }

  async put(key: string, value: string, ttlMs: number, onlyIfAbsent = false): Promise<boolean> {
    const full = this.prefix + key;
    const answer = onlyIfAbsent
      ? await this.redis.set(full, value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')
      : await this.redis.set(full, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
    return answer === 'OK';
  }

  async read(key: string): Promise<StoredEntry | null> {
    const full = this.prefix + key;
    const results = await this.redis.multi().get(full).pttl(full).exec();
    const value = outcome(results, 0) as string | null;
    const remainingMs = Number(outcome(results, 1));
    return value === null || remainingMs <= 0 ? null : { key, value, remainingMs };
  }

  async remove(...keys: string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(...keys.map((key) => this.prefix + key));
  }

  async entries(keyPrefix: string): Promise<StoredEntry[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(
        cursor,
        'MATCH',
        `${this.prefix}${keyPrefix}*`,
        'COUNT',
        200,
      );
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    const entries = await Promise.all(
      [...new Set(found)].map((full) => this.read(full.slice(this.prefix.length))),
    );
    return entries.filter((entry): entry is StoredEntry => entry !== null);
  }
}

function outcome(results: [Error | null, unknown][] | null, index: number): unknown {
  const [error, value] = results?.[index] ?? [new Error('Redis transaction was discarded'), null];
  if (error) throw error;
  return value;
}
