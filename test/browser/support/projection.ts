import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DataSource } from 'typeorm';
import { ProcessDefinitionEntity } from '@loanflow/persistence';
import type { TestStack } from '@loanflow/test-support';

/**
 * The projection keeps a process version's XML from the engine's PROCESS record, written once when
 * the version is first deployed. The tiers before this one clear the projection at their start, and
 * redeploying an unchanged model writes no new record, so a version deployed earlier on the same
 * broker can be missing: put back the row the projector wrote then, from the same file.
 */
export async function restoreDefinitions(
  stack: TestStack,
  dataSource: DataSource,
  files: string[],
) {
  for (const file of files.filter((f) => f.endsWith('.bpmn'))) {
    const response = await stack.zeebe.deployResource({ processFilename: file });
    for (const deployment of response.deployments) {
      if (!('process' in deployment) || !deployment.process) continue;
      const process = deployment.process;
      const insert = () =>
        dataSource
          .createQueryBuilder()
          .insert()
          .into(ProcessDefinitionEntity)
          .values({
            processDefinitionKey: String(process.processDefinitionKey),
            bpmnProcessId: process.bpmnProcessId,
            version: process.version,
            resourceName: basename(process.resourceName),
            bpmnXml: readFileSync(file, 'utf8'),
            deployedAt: new Date(),
          })
          .orIgnore()
          .execute();
      await retriedOnDeadlock(insert);
    }
  }
}

/** The projector may insert the same row at the same moment: MariaDB then picks one to retry. */
async function retriedOnDeadlock<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const errno = (error as { errno?: number; driverError?: { errno?: number } }).driverError
        ?.errno;
      if (errno !== 1213 || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}
