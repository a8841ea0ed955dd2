import { readFileSync } from 'node:fs';

export interface DatabaseTarget {
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
  /** TLS to the server (mysql2's option), when the URL asks for it. */
  ssl?: { ca?: string; rejectUnauthorized: boolean };
}

const SSL_MODES = ['disabled', 'required', 'verify-ca', 'verify-identity'] as const;

/**
 * TLS from the URL's query, as MySQL clients name it: `?ssl-mode=verify-identity&ssl-ca=/path/ca.pem`.
 * `required` encrypts without checking the server's certificate (only on a trusted network);
 * `verify-ca` and `verify-identity` check it against the CA file (or the system's CAs).
 */
function sslOf(parsed: URL): DatabaseTarget['ssl'] {
  const mode = (parsed.searchParams.get('ssl-mode') ?? 'disabled').toLowerCase();
  if (!(SSL_MODES as readonly string[]).includes(mode))
    throw new Error(`DATABASE_URL ssl-mode must be one of ${SSL_MODES.join(', ')}, got ${mode}`);
  if (mode === 'disabled') return undefined;
  const caPath = parsed.searchParams.get('ssl-ca');
  return {
    ...(caPath ? { ca: readFileSync(caPath, 'utf8') } : {}),
    rejectUnauthorized: mode !== 'required',
  };
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
    ...(sslOf(parsed) ? { ssl: sslOf(parsed) } : {}),
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
