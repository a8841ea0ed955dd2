import { Inject, Injectable } from '@nestjs/common';
import { AuditActor, AuditTrail } from '@loanflow/audit';
import { DomainError } from '@loanflow/domain';
import { ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import {
  checkModels,
  checksumOf,
  describeIssues,
  ModelCheckReport,
  ModelFile,
} from '../check/check-models';
import { shippedCatalogue } from '../shipped-catalogue';
import { DeploymentRecords, KeptDiagram } from './deployment-records';
import type { ModelListView, ProcessVersionView } from './model-list.views';

export interface DeployedResource {
  kind: 'process' | 'decision';
  id: string;
  version: number;
  key: string;
  file: string;
}

interface DeploymentEntry {
  process?: {
    bpmnProcessId: string;
    version: number;
    processDefinitionKey: string;
    resourceName: string;
  };
  decision?: { dmnDecisionId: string; version: number; decisionKey: string };
}

/**
 * Deploys models the way the bank releases them: lint and contract check first (refused with the
 * problems, each naming its file and element), then the broker, then the release record (who, when,
 * checksum) and an audit entry.
 */
@Injectable()
export class ModelDeployments {
  constructor(
    private readonly records: DeploymentRecords,
    private readonly audit: AuditTrail,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
  ) {}

  async check(files: ModelFile[]): Promise<ModelCheckReport> {
    return checkModels(files, {
      catalogue: shippedCatalogue(),
      deployedDecisionIds: await this.records.deployedDecisionIds(),
    });
  }

  /**
   * Checks and deploys at once: for the CLI that installs the shipped models, and for an approved
   * release (which names itself in `audit`). Through the api, models reach this only approved.
   */
  async deploy(
    files: ModelFile[],
    actor: AuditActor,
    audit: { action: string; reason: string } = { action: 'model.deploy', reason: 'deployed' },
    release?: { id: string; requestedBy: string },
  ): Promise<{ deployed: DeployedResource[]; report: ModelCheckReport }> {
    const report = await this.check(files);
    const names = files.map((file) => file.name).join(', ');
    if (!report.ok) {
      const errors = report.issues.filter((issue) => issue.category === 'error');
      await this.audit.record({
        actor,
        action: audit.action,
        outcome: 'refused',
        inputs: files,
        reason: `${names}: ${errors.length} problem(s)\n${describeIssues(errors)}`,
      });
      throw new DomainError(
        'MODEL_CHECK_FAILED',
        `The models were not deployed: ${errors.length} problem(s) found.`,
        {
          issues: report.issues,
        },
      );
    }
    const result = await this.zeebe.deployResources(
      files.map((file) =>
        file.name.endsWith('.dmn')
          ? { decision: Buffer.from(file.content), name: file.name }
          : { process: Buffer.from(file.content), name: file.name },
      ),
    );
    const checksums = new Map(files.map((file) => [file.name, checksumOf(file.content)]));
    const deployed = (result.deployments as DeploymentEntry[]).flatMap(
      (entry): DeployedResource[] => {
        if (entry.process)
          return [
            {
              kind: 'process' as const,
              id: entry.process.bpmnProcessId,
              version: entry.process.version,
              key: String(entry.process.processDefinitionKey),
              file: entry.process.resourceName,
            },
          ];
        if (entry.decision) {
          const file =
            report.resources.find(
              (r) => r.kind === 'decision' && r.id === entry.decision!.dmnDecisionId,
            )?.file ?? '';
          return [
            {
              kind: 'decision' as const,
              id: entry.decision.dmnDecisionId,
              version: entry.decision.version,
              key: String(entry.decision.decisionKey),
              file,
            },
          ];
        }
        return [];
      },
    );
    // The diagram is kept with the projection now, not only when the exporter's PROCESS record
    // arrives: a model deployed again unchanged exports nothing, yet its instances need drawing.
    const diagrams = deployed.flatMap((resource): KeptDiagram[] => {
      const content = files.find((file) => file.name === resource.file)?.content;
      return resource.kind === 'process' && content
        ? [
            {
              bpmnProcessId: resource.id,
              version: resource.version,
              processDefinitionKey: resource.key,
              resourceName: resource.file,
              bpmnXml: content,
            },
          ]
        : [];
    });
    await this.records.record(
      deployed.map((resource) => ({
        resourceId: resource.id,
        kind: resource.kind,
        version: resource.version,
        definitionKey: resource.key,
        fileName: resource.file,
        checksum: checksums.get(resource.file) ?? checksumOf(''),
        deployedBy: release?.requestedBy ?? actor.username ?? 'unknown',
        approvedBy: release ? actor.username : null,
        releaseId: release?.id ?? null,
      })),
      diagrams,
      {
        actor,
        action: audit.action,
        outcome: 'ok',
        inputs: files,
        reason: `${audit.reason}: ${deployed
          .map((r) => `${r.kind} ${r.id} version ${r.version} (${r.file})`)
          .join(', ')}`,
      },
    );
    return { deployed, report };
  }

  /** Processes and their versions, with how many instances run on each (from the engine projection). */
  async list(): Promise<ModelListView> {
    const rows = await this.records.processVersions();
    const processes = new Map<string, ProcessVersionView[]>();
    for (const row of rows)
      processes.set(row.id, [
        ...(processes.get(row.id) ?? []),
        {
          version: Number(row.version),
          processDefinitionKey: row.key,
          resourceName: row.resourceName,
          deployedAt: new Date(row.deployedAt).toISOString(),
          deployedBy: row.deployedBy,
          approvedBy: row.approvedBy,
          checksum: row.checksum,
          activeInstances: Number(row.active ?? 0),
          completedInstances: Number(row.completed ?? 0),
          terminatedInstances: Number(row.terminated ?? 0),
        },
      ]);
    const decisions = await this.records.decisionDeployments();
    return {
      processes: [...processes].map(([bpmnProcessId, versions]) => ({ bpmnProcessId, versions })),
      decisions: decisions.map((d) => ({
        decisionId: d.resourceId,
        version: d.version,
        decisionKey: d.definitionKey,
        fileName: d.fileName,
        deployedBy: d.deployedBy,
        approvedBy: d.approvedBy,
        deployedAt: d.deployedAt.toISOString(),
      })),
    };
  }
}
