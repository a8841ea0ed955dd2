import './test-env';
import Redis from 'ioredis';
// globalSetup runs outside jest's module mapper: relative imports only.
import { loadConfig } from '../../libs/config/src';
import { assertTestDatabase, parseDatabaseUrl } from '../../libs/persistence/src/database-url';
import { runMigrations } from '../../libs/persistence/src/run-migrations';

/**
 * Before any spec: refuse a non-test database, migrate it, make sure the test broker answers, and
 * clear the exporter streams of earlier runs (a fresh broker reuses record keys, so stale records
 * would match new instances).
 */
export default async function globalSetup(): Promise<void> {
  const config = loadConfig();
  assertTestDatabase(parseDatabaseUrl(config.DATABASE_URL).database);
  await runMigrations(config.DATABASE_URL);
  await clearExporterStreams(config.REDIS_URL, config.EXPORTER_STREAM_PREFIX);
  const health = await fetch(`${config.ZEEBE_MANAGEMENT_URL}/actuator/health`).catch(() => undefined);
  if (!health?.ok) {
    throw new Error(
      `No test broker at ${config.ZEEBE_MANAGEMENT_URL}. Start it with: bash deploy/local/stack.sh up --profile test`,
    );
  }
}

async function clearExporterStreams(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
