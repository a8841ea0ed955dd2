import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('applies defaults and converts numbers', () => {
    const config = loadConfig({ API_PORT: '4100' });
    expect(config.API_PORT).toBe(4100);
    expect(config.WORKERS_PORT).toBe(3001);
    expect(config.ZEEBE_GRPC_ADDRESS).toBe('127.0.0.1:26500');
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

  it('refuses the development token secret in production, and half an OIDC setup', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /AUTH_TOKEN_SECRET: production needs its own secret/,
    );
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.bank.example' })).toThrow(/set both/);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: 'x'.repeat(40) }).NODE_ENV).toBe(
      'production',
    );
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
  });
});
