import type { components } from '@loanflow/api-client';
import { readFileSync } from 'node:fs';
import { MonitoringWorkersModule } from '@loanflow/monitoring';
import {
  AuditEntryEntity,
  ElementInstanceEntity,
  ModelDeploymentEntity,
  ProcessInstanceEntity,
} from '@loanflow/persistence';
import {
  approvalOf,
  creditApplication,
  eventually,
  fixturePath,
  FORM,
  LoanDesk,
  modelPath,
  ofInstance,
  originationSuite,
  submitApplication,
} from '../support';
import { textMatching } from '../support/expected-text';

type ErrorAnswer = Required<components['schemas']['ErrorAnswer']>;

const file = (path: string, name = path.split('/').pop()!) => ({
  name,
  content: readFileSync(path, 'utf8'),
});

/** A release the check refused: the schema leaves `details` open; it holds the check's issues. */
type ModelRefusal = ErrorAnswer & {
  details: Pick<components['schemas']['ModelCheckReportView'], 'issues'>;
};
type ModelRelease = components['schemas']['ModelReleaseView'];
type Models = components['schemas']['ModelListView'];

describe('model release: check, deploy with versions, migrate running instances', () => {
  const suite = originationSuite(MonitoringWorkersModule);

  it('refuses a model that does not match the code, naming each element, and audits it', async () => {
    const bad = {
      files: [
        file(fixturePath('contract/bad-contract.bpmn')),
        file(fixturePath('lint/bad-model.bpmn')),
      ],
    };
    const checked = await suite.staff.post('deng.designer', '/api/models/check', bad);
    expect(checked.status).toBe(200);
    expect((checked.body as { ok: boolean }).ok).toBe(false);

    const refused = await suite.staff.post('deng.designer', '/api/models', bad);
    expect(refused.status).toBe(422);
    expect((refused.body as ErrorAnswer).code).toBe('MODEL_CHECK_FAILED');
    const named = (refused.body as ModelRefusal).details.issues.map(
      (i: { elementId: string; rule: string }) => `${i.elementId} ${i.rule}`,
    );
    expect(named).toEqual(
      expect.arrayContaining([
        'Teleport job-type-served',
        'Review form-known',
        'PayOut input-available',
        'NoRoleTask loanflow/user-task-assignment',
        'EmptyDeadline loanflow/timer-definition',
      ]),
    );
    const files = new Set(
      (refused.body as ModelRefusal).details.issues.map((i: { file: string }) => i.file),
    );
    expect(files).toEqual(new Set(['bad-contract.bpmn', 'bad-model.bpmn']));
    const audit = await suite.dataSource.getRepository(AuditEntryEntity).findOne({
      where: { action: 'model.release.request', outcome: 'refused' },
      order: { id: 'DESC' },
    });
    expect(audit?.actor).toBe('deng.designer');
    expect(audit?.reason).toContain('bad-contract.bpmn Teleport');
  });

  it('refuses a model that pays out or writes off outside the shipped processes, at the request', async () => {
    const rogue = await suite.staff.post('deng.designer', '/api/models', {
      files: [file(fixturePath('contract/rogue-payout.bpmn'))],
    });
    expect(rogue.status).toBe(422);
    expect(
      (rogue.body as ModelRefusal).details.issues.map(
        (i: { elementId: string; rule: string }) => `${i.elementId} ${i.rule}`,
      ),
    ).toEqual(expect.arrayContaining(['PayOut guarded-job-type', 'WriteItOff guarded-job-type']));
    const pending = await suite.staff.get('admin', '/api/models/releases?state=pending');
    expect(
      (pending.body as { files: { name: string }[] }[]).some((r: { files: { name: string }[] }) =>
        r.files.some((f) => f.name === 'rogue-payout.bpmn'),
      ),
    ).toBe(false);
  });

  it('lets only process designers release models (403)', async () => {
    const response = await suite.staff.post('li.cm', '/api/models', {
      files: [file(modelPath('loan-servicing.bpmn'))],
    });
    expect(response.status).toBe(403);
  });

  it('deploys a changed origination model as a new version and moves a running loan onto it', async () => {
    // A loan waiting for its contracts on the current version.
    const applied = await submitApplication(suite.staff, creditApplication());
    const { loanId, processInstanceKey } = applied.body as {
      loanId: string;
      processInstanceKey: string;
    };
    const desk = new LoanDesk(suite.staff, loanId);
    await desk.throughReview();
    await desk.completeOk('zhao.approver', FORM.approval, approvalOf('200000.00', 36));
    await suite.staff.waitForTask('li.cm', loanId, FORM.contracts);
    const before = await eventually(
      () => suite.dataSource.getRepository(ProcessInstanceEntity).findOneBy({ processInstanceKey }),
      (row) => row !== null,
    );
    expect(before).not.toBeNull();

    // The designer renames the contract-signing step and releases the model.
    const changed = readFileSync(modelPath('loan-origination.bpmn'), 'utf8').replace(
      'name="Sign loan and guarantee contracts 签订合同 (customer manager)"',
      'name="Sign the loan and guarantee contracts face to face 面签合同 (customer manager)"',
    );
    const asked = await suite.staff.post('deng.designer', '/api/models', {
      files: [
        file(modelPath('approval-authority.dmn')),
        { name: 'loan-origination.bpmn', content: changed },
      ],
      note: 'face-to-face signing',
    });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ state: 'pending', requestedBy: 'deng.designer' });
    // Nothing reached the broker yet: the second pair of eyes comes first, never the one who asked.
    const versionsBefore = await suite.dataSource
      .getRepository(ModelDeploymentEntity)
      .countBy({ resourceId: 'loan-origination' });
    const ownApproval = await suite.staff.post(
      'deng.designer',
      `/api/models/releases/${(asked.body as { id: string }).id}/approve`,
      {},
    );
    expect(ownApproval.status).toBe(403);
    expect((ownApproval.body as ErrorAnswer).code).toBe('FOUR_EYES_REQUIRED');
    expect(
      await suite.dataSource
        .getRepository(ModelDeploymentEntity)
        .countBy({ resourceId: 'loan-origination' }),
    ).toBe(versionsBefore);
    const released = await suite.staff.post(
      'admin',
      `/api/models/releases/${(asked.body as { id: string }).id}/approve`,
      {
        reason: 'checked against the change request',
      },
    );
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ state: 'deployed', decidedBy: 'admin' });
    const again = await suite.staff.post(
      'admin',
      `/api/models/releases/${(asked.body as { id: string }).id}/approve`,
      {},
    );
    expect(again.status).toBe(409);
    const releaseTrail = await suite.dataSource.getRepository(AuditEntryEntity).find({
      where: [{ action: 'model.release.request' }, { action: 'model.release.approve' }],
      order: { id: 'ASC' },
    });
    expect(
      releaseTrail.slice(-3).map((entry) => [entry.actor, entry.action, entry.outcome]),
    ).toEqual([
      ['deng.designer', 'model.release.request', 'ok'],
      ['deng.designer', 'model.release.approve', 'refused'],
      ['admin', 'model.release.approve', 'ok'],
    ]);
    expect(releaseTrail.at(-1)?.reason).toContain(
      `release ${(asked.body as { id: string }).id} asked by deng.designer, approved by admin`,
    );
    const process = (released.body as ModelRelease).deployed!.find(
      (d: { kind: string }) => d.kind === 'process',
    )!;
    expect(process).toMatchObject({ id: 'loan-origination', version: before!.version + 1 });
    // The release keeps its diagram for the monitor at once, whatever the exporter has sent.
    const diagram = await suite.staff.get('chen.center', `/api/monitor/processes/${process.key}`);
    expect(diagram.status).toBe(200);
    expect(diagram.body).toMatchObject({
      bpmnProcessId: 'loan-origination',
      version: process.version,
    });
    expect((diagram.body as { bpmnXml: unknown }).bpmnXml).toContain('面签合同');

    const listed = await eventually(
      async () => (await suite.staff.get('deng.designer', '/api/models')).body as Models,
      (body) =>
        body.processes
          .find((p: { bpmnProcessId: string }) => p.bpmnProcessId === 'loan-origination')
          ?.versions.some((v: { version: number }) => v.version === process.version) === true,
    );
    const versions = listed.processes.find(
      (p: { bpmnProcessId: string }) => p.bpmnProcessId === 'loan-origination',
    )!.versions;
    expect(versions.find((v: { version: number }) => v.version === process.version)).toMatchObject({
      deployedBy: 'deng.designer',
      approvedBy: 'admin',
      checksum: textMatching(/^[0-9a-f]{64}$/),
    });
    expect(
      versions.find((v: { version: number }) => v.version === before!.version)!.activeInstances,
    ).toBeGreaterThanOrEqual(1);

    const migration = {
      sourceProcessDefinitionKey: before!.processDefinitionKey,
      targetProcessDefinitionKey: process.key,
      processInstanceKeys: [processInstanceKey],
    };
    // The dry run reads the engine projection: let it see where the loan waits.
    await eventually(
      () =>
        suite.dataSource
          .getRepository(ElementInstanceEntity)
          .findOneBy({ processInstanceKey, elementId: 'SignContracts', state: 'active' }),
      (row) => row !== null,
    );
    // Half a mapping is refused naming the field, before any plan is made.
    const halfMapped = await suite.staff.post('deng.designer', '/api/models/migrations', {
      ...migration,
      mappings: [{ sourceElementId: 'SignContracts', targetElementId: '' }],
      dryRun: true,
    });
    expect(halfMapped.status).toBe(400);
    expect(JSON.stringify(halfMapped.body)).toContain('targetElementId must be a BPMN element id');
    const dryRun = await suite.staff.post('deng.designer', '/api/models/migrations', {
      ...migration,
      dryRun: true,
    });
    expect(dryRun.status).toBe(200);
    expect((dryRun.body as { blocked: unknown }).blocked).toEqual([]);
    expect((dryRun.body as { movable: unknown }).movable).toEqual([
      expect.objectContaining({
        processInstanceKey,
        businessKey: loanId,
        mappings: [{ sourceElementId: 'SignContracts', targetElementId: 'SignContracts' }],
      }),
    ]);

    const moved = await suite.staff.post('deng.designer', '/api/models/migrations', {
      ...migration,
      dryRun: false,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ migrated: [processInstanceKey], failed: [] });

    // The loan goes on from where it waited, on the new version.
    await suite.stack.records.waitFor(
      'PROCESS_INSTANCE',
      ofInstance(
        processInstanceKey,
        'ELEMENT_MIGRATED',
        (r) => r.value.elementId === 'SignContracts',
      ),
    );
    const after = await eventually(
      () => suite.dataSource.getRepository(ProcessInstanceEntity).findOneBy({ processInstanceKey }),
      (row) => row?.version === process.version,
    );
    expect(after?.version).toBe(process.version);
    const trail = await suite.dataSource.getRepository(AuditEntryEntity).findOne({
      where: { action: 'model.migrate' },
      order: { id: 'DESC' },
    });
    expect(trail?.reason).toContain('1 migrated');
  });

  it('reports instances a migration cannot move, and why', async () => {
    const listed = (await suite.staff.get('deng.designer', '/api/models')).body as Models;
    const versions = listed.processes.find(
      (p: { bpmnProcessId: string }) => p.bpmnProcessId === 'loan-origination',
    )!.versions;
    const latest = versions[0];
    const dryRun = await suite.staff.post('deng.designer', '/api/models/migrations', {
      sourceProcessDefinitionKey: latest.processDefinitionKey,
      targetProcessDefinitionKey: latest.processDefinitionKey,
      processInstanceKeys: ['2251799813999999'],
      dryRun: true,
    });
    expect((dryRun.body as { blocked: unknown }).blocked).toEqual([
      expect.objectContaining({
        processInstanceKey: '2251799813999999',
        reasons: [expect.stringContaining('not an active instance')],
      }),
    ]);
  });
});
