export interface DatabaseTarget {
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
}

export function parseDatabaseUrl(url: string): DatabaseTarget {
  const parsed = new URL(url);
  if (parsed.protocol !== 'mysql:')
    throw new Error(`DATABASE_URL must use mysql://, got ${parsed.protocol}`);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database))
    throw new Error(`DATABASE_URL names no valid database: "${database}"`);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    username: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
    database,
  };
}

/** Tests wipe and fill tables: they may only ever touch a database whose name says so. */
export function assertTestDatabase(database: string): void {
  if (!/test/i.test(database)) {
    throw new Error(
      `Refusing to run tests against database "${database}": its name does not contain "test". ` +
        'Point DATABASE_URL at a test database, e.g. mysql://root@127.0.0.1:3306/loanflow_test.',
    );
  }
}
