import '../../support/test-env';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsconfig-paths';
import { compilerOptions } from '../../../tsconfig.json';
const ROOT = join(__dirname, '../../..');
const unregisterPaths = register({ baseUrl: ROOT, paths: compilerOptions.paths });

import { DataSource } from 'typeorm';
import { loadConfig } from '@loanflow/config';
import { seedDemoBank } from '@loanflow/identity';
import { seedDemoWarningList } from '@loanflow/origination';
import { buildDataSourceOptions } from '@loanflow/persistence';
import { CHROMIUM } from './browser';
import { prepareTestDatabase } from '../../support/test-database';

/**
 * Before the browser specs: Chromium is there, the console is built (the api serves dist/console),
 * the test database is migrated and holds the demo bank, and the test broker answers. Unlike the
 * other tiers it leaves the exporter streams and the projection alone: it runs after them on the
 * same broker, and clearing them would pull the ground from under specs running beside it.
 */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `No Chromium at ${CHROMIUM}: apt-get install -y chromium (scripts/ensure-deps.sh does)`,
    );
  if (!existsSync(join(ROOT, 'dist/console/index.html'))) {
    console.log('building the console (npm run build:console)');
    execFileSync('npm', ['run', '-s', 'build:console'], { cwd: ROOT, stdio: 'inherit' });
  }
  const config = loadConfig();
  await prepareTestDatabase(config.DATABASE_URL);
  const dataSource = new DataSource(buildDataSourceOptions(config.DATABASE_URL));
  await dataSource.initialize();
  try {
    await seedDemoBank(dataSource);
    await seedDemoWarningList(dataSource);
  } finally {
    await dataSource.destroy();
  }
  unregisterPaths();
  const health = await fetch(`${config.ZEEBE_MANAGEMENT_URL}/actuator/health/readiness`).catch(
    () => undefined,
  );
  if (!health?.ok)
    throw new Error(
      `No test broker at ${config.ZEEBE_MANAGEMENT_URL}. Start it with: bash deploy/local/stack.sh up --profile test`,
    );
}
