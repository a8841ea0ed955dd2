import { Injectable } from '@nestjs/common';
import { AuditActor, AuditTrail } from '@loanflow/audit';
import { DomainError } from '@loanflow/domain';
import type { ModelReleaseEntity, ModelReleaseState } from '@loanflow/persistence';
import { checksumOf, describeIssues, ModelCheckReport, ModelFile } from '../check/check-models';
import { DeployedResource, ModelDeployments } from './model-deployments';
import { ReleaseRecords } from './release-records';
import { ModelReleaseDetail, ModelReleaseView } from './release.views';

type Reviewer = AuditActor & { username: string };

/**
 * Four eyes on every model that reaches the broker through the api: a process designer's checked
 * models become a release request; another process designer or an admin, never the one who asked,
 * approves it (then it is checked again and deployed) or rejects it. Each step is audited.
 */
@Injectable()
export class ModelReleases {
  constructor(
    private readonly register: ReleaseRecords,
    private readonly deployments: ModelDeployments,
    private readonly audit: AuditTrail,
  ) {}

  async request(files: ModelFile[], actor: Reviewer, note?: string): Promise<ModelReleaseView> {
    const report = await this.deployments.check(files);
    const names = files.map((file) => file.name).join(', ');
    if (!report.ok) {
      const errors = report.issues.filter((issue) => issue.category === 'error');
      await this.audit.record({
        actor,
        action: 'model.release.request',
        outcome: 'refused',
        inputs: files,
        reason: `${names}: ${errors.length} problem(s)\n${describeIssues(errors)}`,
      });
      throw new DomainError(
        'MODEL_CHECK_FAILED',
        `The release was not requested: ${errors.length} problem(s) found.`,
        { issues: report.issues },
      );
    }
    const release = await this.register.transaction(async (tx) => {
      const row = await tx.addRelease({
        state: 'pending',
        requestedBy: actor.username,
        requestedAt: new Date(),
        filesJson: JSON.stringify(files),
        resourcesJson: JSON.stringify(report.resources),
        reportJson: JSON.stringify(report.issues),
        requestNote: note ?? null,
      });
      await tx.audit({
        actor,
        action: 'model.release.request',
        outcome: 'ok',
        inputs: files,
        reason: `release ${row.id} asked: ${describeResources(report.resources)}; waits for a second designer or an admin`,
      });
      return row;
    });
    return viewOf(release);
  }

  async list(state?: ModelReleaseState): Promise<ModelReleaseView[]> {
    return (await this.register.list(state)).map(viewOf);
  }

  async get(id: string): Promise<ModelReleaseDetail> {
    const row = await this.find(id);
    return { ...viewOf(row), contents: JSON.parse(row.filesJson) as ModelFile[] };
  }

  /**
   * The second person's approval: checked again (the code or the deployed decisions may have
   * changed since), then deployed as asked. Claimed atomically, so two approvals deploy once.
   */
  async approve(id: string, actor: Reviewer, reason?: string): Promise<ModelReleaseView> {
    const release = await this.find(id);
    await this.assertSecondPerson(release, actor, 'model.release.approve');
    const claimed = await this.register.moveFrom(id, 'pending', {
      state: 'deploying',
      decidedBy: actor.username,
      decidedAt: new Date(),
    });
    if (!claimed) throw notPending(release);

    const files = JSON.parse(release.filesJson) as ModelFile[];
    let deployed: DeployedResource[];
    try {
      ({ deployed } = await this.deployments.deploy(
        files,
        actor,
        {
          action: 'model.release.approve',
          reason: `release ${id} asked by ${release.requestedBy}, approved by ${actor.username}${reason ? `: ${reason}` : ''}`,
        },
        { id, requestedBy: release.requestedBy },
      ));
    } catch (error) {
      // Nothing reached the broker (a check failure or the broker away): the request waits again.
      await this.register.moveFrom(id, 'deploying', {
        state: 'pending',
        decidedBy: null,
        decidedAt: null,
      });
      throw error;
    }
    await this.register.update(id, {
      state: 'deployed',
      decisionReason: reason ?? null,
      deployedJson: JSON.stringify(deployed),
    });
    return viewOf(await this.find(id));
  }

  /** Turned down by a second person; the one who asked may withdraw it. */
  async reject(id: string, actor: Reviewer, reason: string): Promise<ModelReleaseView> {
    const release = await this.find(id);
    await this.register.transaction(async (tx) => {
      const decided = await tx.moveFrom(id, 'pending', {
        state: 'rejected',
        decidedBy: actor.username,
        decidedAt: new Date(),
        decisionReason: reason,
      });
      if (!decided) throw notPending(release);
      await tx.audit({
        actor,
        action: 'model.release.reject',
        outcome: 'ok',
        reason: `release ${id} asked by ${release.requestedBy} ${actor.username === release.requestedBy ? 'withdrawn' : 'rejected'} by ${actor.username}: ${reason}`,
      });
    });
    return viewOf(await this.find(id));
  }

  private async assertSecondPerson(
    release: ModelReleaseEntity,
    actor: Reviewer,
    action: string,
  ): Promise<void> {
    if (release.requestedBy !== actor.username) return;
    const refusal = new DomainError(
      'FOUR_EYES_REQUIRED',
      `Release ${release.id} was asked by ${actor.username}: another process designer or an admin must approve it.`,
    );
    await this.audit.record({
      actor,
      action,
      outcome: 'refused',
      reason: `${refusal.code}: ${refusal.message}`,
    });
    throw refusal;
  }

  private async find(id: string): Promise<ModelReleaseEntity> {
    const row = /^\d{1,18}$/.test(id) ? await this.register.release(id) : null;
    if (!row) throw new DomainError('RELEASE_NOT_FOUND', `There is no model release ${id}.`);
    return row;
  }
}

function notPending(release: ModelReleaseEntity): DomainError {
  return new DomainError(
    'RELEASE_NOT_PENDING',
    `Release ${release.id} is ${release.state}: only a pending release can be approved or rejected.`,
  );
}

function describeResources(resources: ModelCheckReport['resources']): string {
  return resources.map((r) => `${r.kind} ${r.id} (${r.file})`).join(', ');
}

function viewOf(row: ModelReleaseEntity): ModelReleaseView {
  const files = JSON.parse(row.filesJson) as ModelFile[];
  return {
    id: row.id,
    state: row.state,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    note: row.requestNote,
    files: files.map((file) => ({
      name: file.name,
      checksum: checksumOf(file.content),
      bytes: Buffer.byteLength(file.content),
    })),
    resources: JSON.parse(row.resourcesJson) as ModelCheckReport['resources'],
    warnings: JSON.parse(row.reportJson) as ModelCheckReport['issues'],
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionReason: row.decisionReason,
    deployed: row.deployedJson ? (JSON.parse(row.deployedJson) as DeployedResource[]) : null,
  };
}
