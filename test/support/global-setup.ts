import './test-env';
// globalSetup runs outside jest's module mapper: relative imports only.
import { loadConfig } from '../../libs/config/src';
import { assertTestDatabase, parseDatabaseUrl } from '../../libs/persistence/src/database-url';
import { runMigrations } from '../../libs/persistence/src/run-migrations';

/** Before any spec: refuse a non-test database, migrate it, and make sure the test broker answers. */
export default async function globalSetup(): Promise<void> {
  const config = loadConfig();
  assertTestDatabase(parseDatabaseUrl(config.DATABASE_URL).database);
  await runMigrations(config.DATABASE_URL);
  const health = await fetch(`${config.ZEEBE_MANAGEMENT_URL}/actuator/health`).catch(() => undefined);
  if (!health?.ok) {
    throw new Error(
      `No test broker at ${config.ZEEBE_MANAGEMENT_URL}. Start it with: bash deploy/local/stack.sh up --profile test`,
    );
  }
}
