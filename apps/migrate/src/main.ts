import { loadConfig } from '@loanflow/config';
import { bootOrExit } from '@loanflow/observability';
import { parseDatabaseUrl, runMigrations } from '@loanflow/persistence';

/** Applies pending migrations to DATABASE_URL (creating the database first if needed). */
bootOrExit('migrate', async () => {
  const config = loadConfig();
  const { database, host } = parseDatabaseUrl(config.DATABASE_URL);
  const applied = await runMigrations(config.DATABASE_URL);
  console.log(
    applied.length === 0
      ? `database ${database} on ${host} is up to date`
      : `applied ${applied.length} migration(s) to ${database} on ${host}: ${applied.join(', ')}`,
  );
});
