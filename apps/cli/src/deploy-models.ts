import { readdirSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { ZeebeClient } from '@loanflow/workflow';

const MODEL_EXTENSIONS = new Set(['.bpmn', '.dmn']);

/** The models in bpmn/, or the files named. */
export function modelFiles(named: string[], modelsDir: string): string[] {
  if (named.length > 0) return named.map((file) => resolve(file));
  return readdirSync(modelsDir)
    .filter((file) => MODEL_EXTENSIONS.has(extname(file)))
    .sort()
    .map((file) => join(modelsDir, file));
}

interface DeploymentEntry {
  process?: {
    bpmnProcessId: string;
    version: number;
    processDefinitionKey: string;
    resourceName: string;
  };
  decision?: {
    dmnDecisionId: string;
    version: number;
    decisionKey: string;
    decisionRequirementsId: string;
  };
}

export interface DeployedModel {
  file: string;
  id: string;
  version: number;
  key: string;
}

/** Deploys the files in one deployment: they either all become the new versions or none does. */
export async function deployModels(client: ZeebeClient, files: string[]): Promise<DeployedModel[]> {
  const resources = files.map((file) =>
    extname(file) === '.dmn' ? { decisionFilename: file } : { processFilename: file },
  );
  const result = await client.deployResources(resources as never);
  const deployed: DeployedModel[] = [];
  for (const entry of result.deployments as DeploymentEntry[]) {
    if (entry.process) {
      const { bpmnProcessId, version, processDefinitionKey, resourceName } = entry.process;
      deployed.push({
        file: basename(resourceName),
        id: bpmnProcessId,
        version,
        key: String(processDefinitionKey),
      });
    } else if (entry.decision) {
      const { dmnDecisionId, version, decisionKey, decisionRequirementsId } = entry.decision;
      deployed.push({
        file: decisionRequirementsId,
        id: dmnDecisionId,
        version,
        key: String(decisionKey),
      });
    }
  }
  return deployed;
}
