import './test-env';
import { join } from 'node:path';
// globalSetup runs outside jest's module mapper: resolve the path aliases the way tsc does.
import { register } from 'tsconfig-paths';
import { compilerOptions } from '../../tsconfig.json';
const unregisterPaths = register({
  baseUrl: join(__dirname, '../..'),
  paths: compilerOptions.paths,
});

import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { loadConfig } from '@loanflow/config';
import { seedDemoBank } from '@loanflow/identity';
import { seedDemoWarningList } from '@loanflow/origination';
import { buildDataSourceOptions } from '@loanflow/persistence';
import { prepareTestDatabase } from './test-database';

/**
 * Before any spec: refuse a non-test database, migrate it and load the demo bank, make sure the test broker answers, and
 * clear the exporter streams of earlier runs and the projection built from them (a fresh broker
 * reuses record keys and version numbers, so stale records would match new instances).
 */
export default async function globalSetup(): Promise<void> {
  const config = loadConfig();
  await prepareTestDatabase(config.DATABASE_URL);
  await seedDemo(config.DATABASE_URL);
  await clearExporterStreams(config.REDIS_URL, config.EXPORTER_STREAM_PREFIX);
  await clearProjection(config.DATABASE_URL);
  // Specs run in band share this process: leave its module resolution as jest expects it.
  unregisterPaths();
  // Readiness, not overall health: after a clock jump the broker reports DOWN for a minute while it serves.
  const health = await fetch(`${config.ZEEBE_MANAGEMENT_URL}/actuator/health/readiness`).catch(
    () => undefined,
  );
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

/** The engine projection is built from the streams: cleared with them, rebuilt from what follows. */
async function clearProjection(url: string): Promise<void> {
  const dataSource = new DataSource(buildDataSourceOptions(url));
  await dataSource.initialize();
  try {
    for (const table of [
      'current_token',
      'element_instance',
      'process_instance',
      'process_definition',
      'incident',
      'job',
      'timer',
      'message_subscription',
      'deployment',
      'process_variable',
      'decision_evaluation',
      // Requests that name engine keys: a fresh test broker hands the same keys out again.
      'instance_modification',
      'batch_operation',
    ])
      await dataSource.query(`DELETE FROM ${table}`);
  } finally {
    await dataSource.destroy();
  }
}

async function seedDemo(url: string): Promise<void> {
  const dataSource = new DataSource(buildDataSourceOptions(url));
  await dataSource.initialize();
  try {
    await seedDemoBank(dataSource);
    await seedDemoWarningList(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
