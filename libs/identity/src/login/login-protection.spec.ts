import { isDomainError } from '@loanflow/domain';
import type { LoginCounterStore, StoredEntry } from './login-counter-store';
import { LoginProtection } from './login-protection';
import { ADDRESS_RULE, addressKey, backoffMs, LOCKOUT, USER_NAME_RULE } from './login-policy';

/** The Redis store's contract in memory, on the spec's clock. */
class MemoryCounterStore implements LoginCounterStore {
  private readonly map = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly now: () => number) {}

  async increment(key: string, windowMs: number): Promise<number> {
    const entry = this.live(key) ?? { value: '0', expiresAt: this.now() + windowMs };
    entry.value = String(Number(entry.value) + 1);
    this.map.set(key, entry);
    return Number(entry.value);
  }

  async put(key: string, value: string, ttlMs: number, onlyIfAbsent = false): Promise<boolean> {
    if (onlyIfAbsent && this.live(key)) return false;
    this.map.set(key, { value, expiresAt: this.now() + ttlMs });
    return true;
  }

  async read(key: string): Promise<StoredEntry | null> {
    const entry = this.live(key);
    return entry ? { key, value: entry.value, remainingMs: entry.expiresAt - this.now() } : null;
  }

  async remove(...keys: string[]): Promise<void> {
    for (const key of keys) this.map.delete(key);
  }

  async entries(keyPrefix: string): Promise<StoredEntry[]> {
    const keys = [...this.map.keys()].filter((key) => key.startsWith(keyPrefix));
    const entries = await Promise.all(keys.map((key) => this.read(key)));
    return entries.filter((entry): entry is StoredEntry => entry !== null);
  }

  private live(key: string) {
    const entry = this.map.get(key);
    if (entry && entry.expiresAt > this.now()) return entry;
    this.map.delete(key);
    return undefined;
  }
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('sign-in limits', () => {
  let now: number;
  let protection: LoginProtection;
  const clock = () => now;
  const advance = (ms: number) => {
    now += ms;
  };

  beforeEach(() => {
    now = Date.parse('2026-03-02T09:00:00Z');
    protection = new LoginProtection(new MemoryCounterStore(clock), clock);
  });

  /** The refusal's code and retry delay, or 'allowed'. */
  async function attempt(username: string, address = '10.0.0.1') {
    try {
      await protection.assertAllowed(username, address);
      return 'allowed';
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return `${error.code} ${String(error.details.retryAfterSeconds)}s`;
    }
  }

  async function fail(username: string, times: number, address = '10.0.0.1') {
    let outcome = {};
    for (let i = 0; i < times; i++) outcome = await protection.recordFailure(username, address);
    return outcome;
  }

  describe('backoff arithmetic', () => {
    it('doubles from the third failure of a user name, up to a minute', () => {
      const waits = [0, 1, 2, 3, 4, 5, 6, 9, 20].map((n) => backoffMs(n, USER_NAME_RULE));
      expect(waits).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 60_000, 60_000]);
    });

    it('doubles from the twentieth failure of an address, up to five minutes', () => {
      const waits = [19, 20, 21, 28, 29, 200].map((n) => backoffMs(n, ADDRESS_RULE));
      expect(waits).toEqual([0, 1000, 2000, 256_000, 300_000, 300_000]);
    });
  });

  it('throttles a user name after three failures, for 1 s then 2 s', async () => {
    await fail('li.cm', 2);
    expect(await attempt('li.cm')).toBe('allowed');
    await fail('li.cm', 1);
    expect(await attempt('li.cm')).toBe('LOGIN_THROTTLED 1s');
    advance(SECOND);
    expect(await attempt('li.cm')).toBe('allowed');
    await fail('li.cm', 1);
    expect(await attempt('li.cm')).toBe('LOGIN_THROTTLED 2s');
    advance(1500);
    expect(await attempt('li.cm')).toBe('LOGIN_THROTTLED 1s');
    advance(500);
    expect(await attempt('li.cm')).toBe('allowed');
    expect(await attempt('wang.reviewer')).toBe('allowed');
  });

  it('locks a user name at the fifth failure in 15 minutes, for 15 minutes, and says so once', async () => {
    expect(await fail('li.cm', 4)).toEqual({});
    const fifth = await protection.recordFailure('li.cm', '10.0.0.1');
    expect(fifth).toEqual({
      lockStarted: {
        username: 'li.cm',
        lockedAt: '2026-03-02T09:00:00.000Z',
        lockedUntil: '2026-03-02T09:15:00.000Z',
        failures: 5,
      },
    });
    // A failure in flight elsewhere does not start a second lockout.
    expect(await protection.recordFailure('li.cm', '10.0.0.2')).toEqual({});
    expect(await attempt('li.cm')).toBe('ACCOUNT_LOCKED 900s');
    advance(14 * MINUTE);
    expect(await attempt('li.cm')).toBe('ACCOUNT_LOCKED 60s');
    advance(MINUTE);
    expect(await attempt('li.cm')).toBe('allowed');
    expect(LOCKOUT).toEqual({ failures: 5, durationMs: 15 * MINUTE });
  });

  it('counts failures in a 15-minute window that starts at the first', async () => {
    await fail('li.cm', 4);
    advance(15 * MINUTE);
    expect(await fail('li.cm', 1)).toEqual({});
    expect(await attempt('li.cm')).toBe('allowed');
  });

  it('treats spellings of one name as one name, and unknown names like known ones', async () => {
    await fail(' LI.CM', 2);
    await fail('li.cm', 1);
    expect(await attempt('Li.Cm')).toBe('LOGIN_THROTTLED 1s');
    await fail('nobody.here', 3);
    expect(await attempt('nobody.here')).toBe('LOGIN_THROTTLED 1s');
  });

  it('starts a user name afresh after a right password, but not its address', async () => {
    await fail('li.cm', 2);
    await protection.recordSuccess('li.cm');
    await fail('li.cm', 2);
    expect(await attempt('li.cm')).toBe('allowed');
  });

  it('throttles an address after twenty failures, whichever names it tries', async () => {
    for (let i = 0; i < 20; i++) await fail(`user${i}`, 1, '203.0.113.9');
    expect(await attempt('fresh.name', '203.0.113.9')).toBe('LOGIN_THROTTLED 1s');
    expect(await attempt('fresh.name', '203.0.113.10')).toBe('allowed');
    advance(SECOND);
    await fail('user20', 1, '203.0.113.9');
    expect(await attempt('fresh.name', '203.0.113.9')).toBe('LOGIN_THROTTLED 2s');
  });

  it('lists lockouts, and an administrator lifts one together with its failures', async () => {
    await fail('li.cm', 5);
    advance(SECOND);
    await fail('ghost', 5);
    expect((await protection.lockouts()).map((l) => l.username)).toEqual(['li.cm', 'ghost']);
    expect(await protection.unlock('LI.CM')).toBe(true);
    expect(await attempt('li.cm')).toBe('allowed');
    expect(await fail('li.cm', 2)).toEqual({});
    expect(await attempt('li.cm')).toBe('allowed');
    expect(await protection.unlock('li.cm')).toBe(false);
    expect((await protection.lockouts()).map((l) => l.username)).toEqual(['ghost']);
  });

  it('keys addresses: IPv4-mapped as IPv4, IPv6 by its /64', () => {
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::9')).toBe(addressKey('2001:0db8:0001:0002:ffff:1:2:3'));
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});
