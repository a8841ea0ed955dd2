import { Command } from 'commander';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { userInfo } from 'node:os';
import { DataSource } from 'typeorm';
import { AuditActor, AuditTrail } from '@loanflow/audit';
import { loadConfig } from '@loanflow/config';
import {
  checkModels,
  describeIssues,
  elementTemplates,
  InstanceMigration,
  SqlMigrationReads,
  modelDeploymentsOn,
  ModelFile,
  shippedCatalogue,
  SHIPPED_WORKERS,
  validateTemplates,
  workerContractOf,
} from '@loanflow/models';
import { buildDataSourceOptions } from '@loanflow/persistence';
import { createZeebeClient, ZeebeClient } from '@loanflow/workflow';
import { modelFiles } from './deploy-models';

/** Bumped when a worker's contract changes, so the modeler offers designers the new template. */
const TEMPLATE_VERSION = 1;

const readModels = (files: string[], modelsDir: string): ModelFile[] =>
  modelFiles(files, modelsDir).map((file) => ({
    name: basename(file),
    content: readFileSync(file, 'utf8'),
  }));

const cliActor = (as?: string): AuditActor => ({
  username: as ?? `cli:${userInfo().username}`,
  roles: ['process-designer'],
  orgUnitCode: null,
});

/** Opens the database and the broker for one command, and closes both after it. */
async function withRuntime<T>(
  run: (dataSource: DataSource, zeebe: ZeebeClient) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const dataSource = new DataSource(buildDataSourceOptions(config.DATABASE_URL));
  await dataSource.initialize();
  const zeebe = createZeebeClient(config.ZEEBE_GRPC_ADDRESS);
  try {
    return await run(dataSource, zeebe);
  } finally {
    await zeebe.close();
    await dataSource.destroy();
  }
}

export function registerModelCommands(program: Command, root: string): void {
  const modelsDir = join(root, 'bpmn');

  program
    .command('deploy')
    .description(
      'check, then deploy BPMN/DMN models and record the release (default: every model in bpmn/)',
    )
    .argument('[files...]', 'model files')
    .option('--as <username>', 'who releases (recorded and audited)')
    .action(async (files: string[], options: { as?: string }) => {
      await withRuntime(async (dataSource, zeebe) => {
        const deployments = modelDeploymentsOn(dataSource, zeebe);
        const { deployed, report } = await deployments.deploy(
          readModels(files, modelsDir),
          cliActor(options.as),
        );
        const warnings = report.issues.filter((issue) => issue.category === 'warn');
        if (warnings.length) console.log(describeIssues(warnings));
        for (const r of deployed)
          console.log(`deployed ${r.kind} ${r.id} version ${r.version} (${r.file})`);
      }).catch((error: { details?: { issues?: [] } } & Error) => {
        if (error.details?.issues) console.error(describeIssues(error.details.issues));
        throw error;
      });
    });

  const models = program
    .command('models')
    .description('process designers: check models, element templates');

  models
    .command('check')
    .description('lint and contract-check models without deploying (default: the whole bpmn/ set)')
    .argument('[files...]', 'model files')
    .action(async (files: string[]) => {
      const report = await checkModels(readModels(files, modelsDir), {
        catalogue: shippedCatalogue(),
        complete: files.length === 0,
      });
      if (report.issues.length) console.log(describeIssues(report.issues));
      const errors = report.issues.filter((issue) => issue.category === 'error').length;
      console.log(
        `${report.resources.length} model resource(s) checked: ${errors} error(s), ${report.issues.length - errors} warning(s)`,
      );
      if (errors) process.exitCode = 1;
    });

  models
    .command('templates')
    .description('generate Camunda Modeler element templates from the workers’ declarations')
    .option('--out <dir>', 'output folder', join(root, 'element-templates'))
    .action((options: { out: string }) => {
      const templates = elementTemplates(SHIPPED_WORKERS.map(workerContractOf), TEMPLATE_VERSION);
      const problems = validateTemplates(templates);
      if (problems.length) {
        console.error(problems.join('\n'));
        process.exitCode = 1;
        return;
      }
      mkdirSync(options.out, { recursive: true });
      const file = join(options.out, 'loanflow-workers.json');
      writeFileSync(file, `${JSON.stringify(templates, null, 2)}\n`);
      console.log(
        `${templates.length} element templates, valid against the schema, written to ${file}`,
      );
    });

  program
    .command('migrate')
    .description(
      'move running instances to another process version (Zeebe process instance migration)',
    )
    .requiredOption('--from <key>', 'source process definition key')
    .requiredOption('--to <key>', 'target process definition key')
    .option('--map <source=target...>', 'element id mappings', [])
    .option('--instance <key...>', 'only these process instances')
    .option('--dry-run', 'report what would move and why not; change nothing')
    .option('--as <username>', 'who migrates (audited)')
    .action(
      async (options: {
        from: string;
        to: string;
        map: string[];
        instance?: string[];
        dryRun?: boolean;
        as?: string;
      }) => {
        const request = {
          sourceProcessDefinitionKey: options.from,
          targetProcessDefinitionKey: options.to,
          mappings: options.map.map((pair) => {
            const [sourceElementId, targetElementId] = pair.split('=');
            if (!sourceElementId || !targetElementId)
              throw new Error(`--map ${pair}: write source=target`);
            return { sourceElementId, targetElementId };
          }),
          processInstanceKeys: options.instance,
        };
        await withRuntime(async (dataSource, zeebe) => {
          const migration = new InstanceMigration(
            new SqlMigrationReads(dataSource),
            new AuditTrail(dataSource),
            zeebe,
          );
          const result = options.dryRun
            ? await migration.plan(request)
            : await migration.migrate(request, cliActor(options.as));
          console.log(JSON.stringify(result, null, 2));
        });
      },
    );
}
