import { Command, InvalidArgumentError } from 'commander';
import { Duration } from 'luxon';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import { loadConfig } from '@loanflow/config';
import { DEMO_PASSWORD, seedDemoBank } from '@loanflow/identity';
import { seedDemoWarningList } from '@loanflow/origination';
import { verifyLedger } from '@loanflow/servicing';
import {
  buildDataSourceOptions,
  defaultKeyFilePath,
  LocalKeyFile,
  onlyRow,
  reencryptUnderActiveKey,
} from '@loanflow/persistence';
import {
  CHECK_DEPENDENCIES_JOB,
  SELF_CHECK_PROCESS_ID,
  SELF_CHECK_RESULT_VARIABLE,
} from '@loanflow/platform';
import { BrokerClock, createZeebeClient } from '@loanflow/workflow';
import { fileDemoLoans } from './demo-loans';
import { registerModelCommands } from './model-commands';
import { messageOf } from '@loanflow/domain';

const ROOT = join(__dirname, '../../../..');

const program = new Command('loanflow')
  .description('LoanFlow operator and process-designer commands')
  .showHelpAfterError();

registerModelCommands(program, ROOT);

program
  .command('selfcheck')
  .description(`run the ${SELF_CHECK_PROCESS_ID} process and wait for the workers' answer`)
  .option('--timeout <seconds>', 'how long to wait', parsePositiveInt, 30)
  .action(async (options: { timeout: number }) => {
    const config = loadConfig();
    const client = createZeebeClient(config.ZEEBE_GRPC_ADDRESS);
    const requestedAt = new Date().toISOString();
    try {
      const outcome = await client.createProcessInstanceWithResult({
        bpmnProcessId: SELF_CHECK_PROCESS_ID,
        variables: { businessKey: `selfcheck-${requestedAt}`, requestedBy: 'cli', requestedAt },
        requestTimeout: options.timeout * 1000,
      });
      const result = (outcome.variables as Record<string, unknown>)[SELF_CHECK_RESULT_VARIABLE];
      console.log(`self-check passed through ${CHECK_DEPENDENCIES_JOB}: ${JSON.stringify(result)}`);
    } finally {
      await client.close();
    }
  });

const keys = program
  .command('keys')
  .description(
    'the keys of personal data at rest (FIELD_KEYS_FILE, default var/keys/field-keys.json)',
  );
keys
  .command('rotate')
  .description(
    'add a data key and make it the one new values are encrypted with (old keys still decrypt)',
  )
  .action(() => {
    const id = LocalKeyFile.rotate(defaultKeyFilePath());
    console.log(
      `key ${id} is now active; restart the api and workers, then run: loanflow keys reencrypt`,
    );
  });
keys
  .command('reencrypt')
  .description(
    're-encrypt every value under an older key with the active one, while the product runs',
  )
  .action(async () => {
    const dataSource = new DataSource(buildDataSourceOptions(loadConfig().DATABASE_URL));
    await dataSource.initialize();
    try {
      const count = await reencryptUnderActiveKey(dataSource);
      console.log(`${count} values re-encrypted under the active key`);
    } finally {
      await dataSource.destroy();
    }
  });

program
  .command('ledger')
  .description('the ledger of loans: verify its trial balance')
  .command('verify')
  .description(
    'check that every transaction balances, every account sums its entries, each loan’s receivable is its outstanding principal and its advance account the money not yet applied',
  )
  .action(async () => {
    const dataSource = new DataSource(buildDataSourceOptions(loadConfig().DATABASE_URL));
    await dataSource.initialize();
    try {
      const verdict = await verifyLedger(dataSource);
      for (const problem of verdict.problems) console.error(`${problem.check}: ${problem.message}`);
      console.log(
        `${verdict.transactions} transactions, ${verdict.accounts} accounts, ${verdict.loans} loans checked: ${verdict.problems.length === 0 ? 'the trial balance is exact' : `${verdict.problems.length} problem(s)`}`,
      );
      if (verdict.problems.length > 0) process.exitCode = 1;
    } finally {
      await dataSource.destroy();
    }
  });

program
  .command('seed')
  .description(
    `load the demo bank: org units, users of every role (password ${DEMO_PASSWORD}), approval authority`,
  )
  .action(async () => {
    const dataSource = new DataSource(buildDataSourceOptions(loadConfig().DATABASE_URL));
    await dataSource.initialize();
    try {
      const { users, orgUnits } = await seedDemoBank(dataSource);
      const listed = await seedDemoWarningList(dataSource);
      console.log(
        `demo bank loaded: ${orgUnits} org units, ${users} users (password ${DEMO_PASSWORD}), ${listed} people on the credit warning list`,
      );
    } finally {
      await dataSource.destroy();
    }
  });

program
  .command('demo-loans')
  .description(
    'file demo loans through the running api, at several stages (skipped if loans exist)',
  )
  .option('--api <url>', 'the api', `http://127.0.0.1:${loadConfig().API_PORT}`)
  .action(async (options: { api: string }) => {
    const dataSource = new DataSource(buildDataSourceOptions(loadConfig().DATABASE_URL));
    await dataSource.initialize();
    const { loans } = onlyRow(
      await dataSource.query<{ loans: string }[]>('SELECT COUNT(*) AS loans FROM loan'),
      'loans on file',
    );
    await dataSource.destroy();
    if (Number(loans) > 0) {
      console.log(`demo loans skipped: ${loans} loan(s) already on file`);
      return;
    }
    for (const line of await fileDemoLoans(options.api)) console.log(`demo loan ${line}`);
  });

const audit = program.command('audit').description('the hash-chained audit trail');
audit
  .command('verify')
  .description('recompute every chain of the trail and name the first altered or missing row')
  .action(async () => {
    const dataSource = new DataSource(buildDataSourceOptions(loadConfig().DATABASE_URL));
    await dataSource.initialize();
    try {
      const verdict = await new AuditTrail(dataSource).verify();
      if (verdict.intact)
        console.log(`audit trail intact: ${verdict.rows} rows on ${verdict.chains} chains`);
      else {
        const where = verdict.chain === null ? 'on no chain' : `on chain ${verdict.chain}`;
        console.error(
          `audit trail BROKEN at row ${verdict.firstBrokenId} ${where}: ${verdict.problem} (${verdict.rows} rows read)`,
        );
        process.exitCode = 2;
      }
    } finally {
      await dataSource.destroy();
    }
  });

const clock = program
  .command('clock')
  .description("the broker's controlled clock (test brokers only)");
clock.command('now').action(async () => {
  console.log((await new BrokerClock(loadConfig().ZEEBE_MANAGEMENT_URL).now()).toISOString());
});
clock
  .command('advance')
  .argument('<duration>', 'ISO 8601 duration, e.g. P30D or PT2H')
  .action(async (duration: string) => {
    const parsed = Duration.fromISO(duration);
    if (!parsed.isValid)
      throw new InvalidArgumentError(`"${duration}" is not an ISO 8601 duration such as P30D`);
    const now = await new BrokerClock(loadConfig().ZEEBE_MANAGEMENT_URL).advance(parsed.toMillis());
    console.log(`broker clock now ${now.toISOString()}`);
  });

function parsePositiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new InvalidArgumentError('must be a positive whole number');
  return parsed;
}

program.parseAsync().catch((error: unknown) => {
  console.error(`loanflow: ${messageOf(error)}`);
  process.exit(1);
});
