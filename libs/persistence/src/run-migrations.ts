import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { ensureDatabase } from './ensure-database';

/** Creates the database if needed and applies pending migrations; returns the names applied. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  const dataSource = new DataSource(buildDataSourceOptions(databaseUrl));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
