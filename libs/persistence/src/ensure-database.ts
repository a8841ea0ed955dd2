import { createConnection } from 'mysql2/promise';
import { parseDatabaseUrl } from './database-url';

/** Creates the database DATABASE_URL names when it does not exist yet (utf8mb4). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const { database, host, port, username, password, ssl } = parseDatabaseUrl(databaseUrl);
  const connection = await createConnection({ host, port, user: username, password, ssl });
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}
