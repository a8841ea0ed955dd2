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
 * database starts again. TEST_FRESH_DATABASE=1 starts it again too: the test command sets it for
 * the tiers that begin on a fresh broker, since loans disbursed in earlier runs stay disbursed here
 * while their servicing instances died with the old broker, and the daily book, which rules every
 * disbursed loan, would spend the clock specs' time on them.
 */
export async function prepareTestDatabase(url: string): Promise<void> {
  const { database, host, port, username, password } = parseDatabaseUrl(url);
  assertTestDatabase(database);
  const keyFile = process.env.FIELD_KEYS_FILE!;
  if (!existsSync(keyFile) || process.env.TEST_FRESH_DATABASE === '1') {
    const connection = await createConnection({ host, port, user: username, password });
    try {
      await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
    } finally {
      await connection.end();
    }
    if (!existsSync(keyFile)) LocalKeyFile.create(keyFile);
  }
  await runMigrations(url);
}
