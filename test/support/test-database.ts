import { existsSync } from 'node:fs';
import { createConnection } from 'mysql2/promise';
import {
  assertTestDatabase,
  LocalKeyFile,
  parseDatabaseUrl,
  runMigrations,
} from '@loanflow/persistence';

/**
 * The test database, ready: refused unless its name says test, migrated. A new keyring (a clean
 * checkout) cannot read personal data an earlier one encrypted, so with a new key file the test
 * database starts again.
 */
export async function prepareTestDatabase(url: string): Promise<void> {
  const { database, host, port, username, password } = parseDatabaseUrl(url);
  assertTestDatabase(database);
  const keyFile = process.env.FIELD_KEYS_FILE!;
  if (!existsSync(keyFile)) {
    const connection = await createConnection({ host, port, user: username, password });
    try {
      await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
    } finally {
      await connection.end();
    }
    LocalKeyFile.create(keyFile);
  }
  await runMigrations(url);
}
