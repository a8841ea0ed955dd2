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
