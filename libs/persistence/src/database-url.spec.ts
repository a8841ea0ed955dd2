import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertTestDatabase, parseDatabaseUrl } from './database-url';

describe('parseDatabaseUrl', () => {
  it('reads host, port, credentials and database', () => {
    expect(parseDatabaseUrl('mysql://app:s%40cret@db.internal:3307/loanflow')).toEqual({
      host: 'db.internal',
      port: 3307,
      username: 'app',
      password: 's@cret',
      database: 'loanflow',
    });
  });

  it('defaults to root on port 3306', () => {
    expect(parseDatabaseUrl('mysql://127.0.0.1/loanflow_test')).toMatchObject({
      username: 'root',
      port: 3306,
      password: '',
    });
  });

  it('asks for TLS as MySQL clients name it, checking the certificate unless only required', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loanflow-ca-'));
    writeFileSync(join(dir, 'ca.pem'), 'PEM');
    expect(
      parseDatabaseUrl(`mysql://db/loanflow?ssl-mode=verify-identity&ssl-ca=${dir}/ca.pem`).ssl,
    ).toEqual({ ca: 'PEM', rejectUnauthorized: true });
    expect(parseDatabaseUrl('mysql://db/loanflow?ssl-mode=required').ssl).toEqual({
      rejectUnauthorized: false,
    });
    expect(parseDatabaseUrl('mysql://db/loanflow').ssl).toBeUndefined();
    expect(() => parseDatabaseUrl('mysql://db/loanflow?ssl-mode=maybe')).toThrow(/ssl-mode/);
  });

  it('refuses other schemes and missing database names', () => {
    expect(() => parseDatabaseUrl('postgres://h/db')).toThrow(/mysql:\/\//);
    expect(() => parseDatabaseUrl('mysql://h/')).toThrow(/no valid database/);
  });
});

describe('assertTestDatabase', () => {
  it('lets test databases through and stops any other', () => {
    expect(() => assertTestDatabase('loanflow_test')).not.toThrow();
    expect(() => assertTestDatabase('loanflow')).toThrow(/does not contain "test"/);
  });
});
