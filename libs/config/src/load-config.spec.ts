import { ConfigError, loadConfig, requireSettings } from './load-config';
import { redactUrlCredentials, shownValue } from './secrets';

function catchError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults and converts numbers', () => {
    const config = loadConfig({ API_PORT: '4100' });
    expect(config.API_PORT).toBe(4100);
    expect(config.WORKERS_PORT).toBe(3001);
    expect(config.ZEEBE_GRPC_ADDRESS).toBe('127.0.0.1:26500');
  });

  it('refuses a committee majority that lets a tie approve, and a quorum above the whole', () => {
    const problems = catchError(() =>
      loadConfig({ COMMITTEE_MAJORITY: '1/2', COMMITTEE_QUORUM: '4/3' }),
    ).problems.join(' | ');
    expect(problems).toContain('COMMITTEE_QUORUM must be a fraction of at most 1');
    expect(loadConfig({ COMMITTEE_QUORUM: '1/2' }).COMMITTEE_QUORUM).toBe('1/2');
    expect(catchError(() => loadConfig({ COMMITTEE_MAJORITY: '1/2' })).problems.join()).toContain(
      'COMMITTEE_MAJORITY must be more than one half',
    );
  });

  it('names every wrong setting in one sentence each', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'postgres://x/y', API_PORT: 'eighty', JOB_ACTIVATION: 'push' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toContain('mysql://');
    expect(problems.find((p) => p.startsWith('API_PORT'))).toContain('integer');
    expect((error as Error).message).toMatch(/^Invalid configuration: .*JOB_ACTIVATION/);
  });

  it('accepts worker type lists and refuses malformed ones', () => {
    expect(loadConfig({ WORKER_TYPES: 'loan.*,credit.query-bureau' }).WORKER_TYPES).toBe(
      'loan.*,credit.query-bureau',
    );
    expect(() => loadConfig({ WORKER_TYPES: 'loan.*;rm -rf' })).toThrow(/WORKER_TYPES/);
  });

  it('takes the follow-up days and the revaluation periods, and refuses what it does not understand', () => {
    expect(loadConfig({}).FOLLOW_UP_DAYS).toBe(15);
    expect(loadConfig({ FOLLOW_UP_DAYS: '10' }).FOLLOW_UP_DAYS).toBe(10);
    expect(() => loadConfig({ FOLLOW_UP_DAYS: '0' })).toThrow(/FOLLOW_UP_DAYS .*1 to 90/);
    expect(() => loadConfig({ FOLLOW_UP_DAYS: 'fortnight' })).toThrow(/FOLLOW_UP_DAYS/);
    expect(
      loadConfig({ COLLATERAL_REVALUATION_MONTHS: 'deposit=12, securities=1' })
        .COLLATERAL_REVALUATION_MONTHS,
    ).toBe('deposit=12, securities=1');
    expect(() => loadConfig({ COLLATERAL_REVALUATION_MONTHS: 'boat=6' })).toThrow(
      /COLLATERAL_REVALUATION_MONTHS must be kind=months/,
    );
    expect(() => loadConfig({ COLLATERAL_REVALUATION_MONTHS: 'property=61' })).toThrow(
      /COLLATERAL_REVALUATION_MONTHS/,
    );
  });

  it('takes the job lease in milliseconds, from one second to one hour', () => {
    expect(loadConfig({}).JOB_LEASE_MS).toBe(20_000);
    expect(loadConfig({ JOB_LEASE_MS: '1000' }).JOB_LEASE_MS).toBe(1000);
    expect(loadConfig({ JOB_LEASE_MS: '3600000' }).JOB_LEASE_MS).toBe(3_600_000);
    for (const wrong of ['999', '3600001', '20s', '1500.5'])
      expect(() => loadConfig({ JOB_LEASE_MS: wrong })).toThrow(/JOB_LEASE_MS/);
  });

  it("takes the inbox's hold on a task's job in milliseconds, from an hour to three years", () => {
    expect(loadConfig({}).INBOX_HOLD_MS).toBe(14 * 24 * 3600 * 1000);
    expect(loadConfig({ INBOX_HOLD_MS: '34560000000' }).INBOX_HOLD_MS).toBe(400 * 86_400_000);
    for (const wrong of ['0', '3599999', '100000000000', '1.5', 'P14D'])
      expect(() => loadConfig({ INBOX_HOLD_MS: wrong })).toThrow(/INBOX_HOLD_MS/);
  });

  it('refuses half an OIDC setup', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.bank.example' })).toThrow(/set both/);
  });

  describe('token secrets', () => {
    const strong = 'kq3T9vXw2LmN8pRs5YzB7cDf4GhJ6aEu1oIw';

    it('has no default, and a process that needs one says what to set and how', () => {
      expect(loadConfig({}).AUTH_TOKEN_SECRET).toBeUndefined();
      expect(() => loadConfig({}, { require: ['AUTH_TOKEN_SECRET'] })).toThrow(
        /AUTH_TOKEN_SECRET is not set: .*32 or more random characters.*openssl rand/,
      );
      expect(() => requireSettings(loadConfig({}), ['AUTH_TOKEN_SECRET'])).toThrow(ConfigError);
      expect(
        loadConfig({ AUTH_TOKEN_SECRET: strong }, { require: ['AUTH_TOKEN_SECRET'] })
          .AUTH_TOKEN_SECRET,
      ).toBe(strong);
    });

    it.each([
      ['short', 'Zx8-short-but-random', /at least 32/],
      [
        'the value once published as the development default',
        'loanflow-development-only-secret-change-me',
        /published or placeholder/,
      ],
      [
        'a placeholder',
        'please-change-me-before-production-0123456789',
        /published or placeholder/,
      ],
      ['one repeated character', 'x'.repeat(40), /repeated pattern/],
      ['a short repeated pattern', 'abc1'.repeat(10), /repeated pattern/],
    ])('refuses a secret that is %s, without printing it', (_, secret, reason) => {
      for (const setting of ['AUTH_TOKEN_SECRET', 'AUTH_TOKEN_PREVIOUS_SECRET']) {
        const env = { AUTH_TOKEN_SECRET: strong, [setting]: secret };
        const error = catchError(() => loadConfig(env));
        expect(error.message).toMatch(reason);
        expect(error.message).toContain(`${setting} (hidden, ${secret.length} characters)`);
        expect(error.message).not.toContain(secret);
      }
    });

    it('refuses a previous secret equal to the current one or without a current one', () => {
      expect(() =>
        loadConfig({ AUTH_TOKEN_SECRET: strong, AUTH_TOKEN_PREVIOUS_SECRET: strong }),
      ).toThrow(/equals AUTH_TOKEN_SECRET/);
      expect(() => loadConfig({ AUTH_TOKEN_PREVIOUS_SECRET: strong })).toThrow(
        /without AUTH_TOKEN_SECRET/,
      );
    });
  });

  describe('never prints a secret or a password', () => {
    it('hides the values of settings named *SECRET*, *PASSWORD*, *KEY*', () => {
      expect(shownValue('AUTH_TOKEN_SECRET', 'abc')).toBe('(hidden, 3 characters)');
      expect(shownValue('SMTP_PASSWORD', 'hunter2')).toBe('(hidden, 7 characters)');
      expect(shownValue('BANK_API_KEY', '密钥')).toBe('(hidden, 2 characters)');
      expect(shownValue('LOG_LEVEL', 'loud')).toBe('"loud"');
    });

    it('replaces the password of a URL with ***', () => {
      expect(redactUrlCredentials('mysql://loanflow:s3cr3t@db:3306/loanflow')).toBe(
        'mysql://loanflow:***@db:3306/loanflow',
      );
      expect(redactUrlCredentials('redis://:s3cr3t@cache:6379')).toBe('redis://:***@cache:6379');
      expect(redactUrlCredentials('rediss://default:p@ss:w/rd@cache:6380/0')).toBe(
        'rediss://default:***@cache:6380/0',
      );
      expect(redactUrlCredentials('mysql://root@127.0.0.1:3306/loanflow')).toBe(
        'mysql://root@127.0.0.1:3306/loanflow',
      );
    });

    it('in the errors of malformed settings', () => {
      const error = catchError(() =>
        loadConfig({
          DATABASE_URL: 'mysql://loanflow:Tr0ub4dor@db:3306/loan-flow!',
          REDIS_URL: 'http://:Tr0ub4dor@cache:6379',
          AUTH_TOKEN_SECRET: 'Tr0ub4dor',
        }),
      );
      expect(error.problems).toHaveLength(3);
      expect(error.message).not.toContain('Tr0ub4dor');
      expect(error.message).toContain(
        'DATABASE_URL (got "mysql://loanflow:***@db:3306/loan-flow!")',
      );
      expect(error.message).toContain('REDIS_URL (got "http://:***@cache:6379")');
      expect(error.message).toContain('AUTH_TOKEN_SECRET (hidden, 9 characters)');
    });
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
  });
});
