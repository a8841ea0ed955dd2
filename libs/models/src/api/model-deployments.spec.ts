import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AuditAct, AuditTrail } from '@loanflow/audit';
import type { ModelDeploymentEntity } from '@loanflow/persistence';
import type { ZeebeClient } from '@loanflow/workflow';
import { checksumOf, ModelFile } from '../check/check-models';
import {
  DeploymentRecords,
  KeptDiagram,
  NewDeployment,
  ProcessVersionRow,
} from './deployment-records';
import { ModelDeployments } from './model-deployments';

/** A shipped model that passes the checks, and one that does not (a job type no worker takes). */
const LENDING: ModelFile = {
  name: 'archive-lending.bpmn',
  content: readFileSync(resolve(__dirname, '../../../../bpmn/archive-lending.bpmn'), 'utf8'),
};
const BROKEN: ModelFile = {
  name: 'archive-lending.bpmn',
  content: LENDING.content.replace(/type="archive\.lending-overdue"/, 'type="archive.nobody"'),
};

/** The release records in memory. */
class FakeDeploymentRecords extends DeploymentRecords {
  readonly deployments: NewDeployment[] = [];
  readonly diagrams: KeptDiagram[] = [];
  readonly audited: AuditAct[] = [];
  versions: ProcessVersionRow[] = [];
  decisions: ModelDeploymentEntity[] = [];

  deployedDecisionIds() {
    return Promise.resolve(this.decisions.map((d) => d.resourceId));
  }
  record(deployments: readonly NewDeployment[], diagrams: readonly KeptDiagram[], act: AuditAct) {
    this.deployments.push(...deployments);
    this.diagrams.push(...diagrams);
    this.audited.push(act);
    return Promise.resolve();
  }
  processVersions() {
    return Promise.resolve(this.versions);
  }
  decisionDeployments() {
    return Promise.resolve(this.decisions);
  }
}

function deployments() {
  const records = new FakeDeploymentRecords();
  const refused: AuditAct[] = [];
  const audit = {
    record: (act: AuditAct) => Promise.resolve(void refused.push(act)),
  } as unknown as AuditTrail;
  const sent: unknown[] = [];
  const zeebe = {
    deployResources: (resources: unknown[]) => {
      sent.push(resources);
      return Promise.resolve({
        deployments: [
          {
            process: {
              bpmnProcessId: 'archive-lending',
              version: 3,
              processDefinitionKey: 2251799813685249,
              resourceName: 'archive-lending.bpmn',
            },
          },
        ],
      });
    },
  } as unknown as ZeebeClient;
  return { records, refused, sent, service: new ModelDeployments(records, audit, zeebe) };
}

const designer = { kind: 'user', username: 'chen.designer' } as never;
const approver = { kind: 'user', username: 'lin.designer' } as never;

describe('deploying models (lint and contract first, then the broker, then the record)', () => {
  it('refuses models that fail the check: nothing reaches the broker, the refusal is audited', async () => {
    const { service, refused, sent, records } = deployments();
    await expect(service.deploy([BROKEN], designer)).rejects.toThrowDomainError(
      'MODEL_CHECK_FAILED',
    );
    expect(sent).toEqual([]);
    expect(records.deployments).toEqual([]);
    expect(refused).toEqual([
      expect.objectContaining({
        action: 'model.deploy',
        outcome: 'refused',
        reason: expect.stringContaining('archive.nobody') as unknown,
      }),
    ]);
  });

  it('records what the broker took with its checksum, keeps the diagram and audits it', async () => {
    const { service, records } = deployments();
    const { deployed } = await service.deploy([LENDING], designer);
    expect(deployed).toEqual([
      {
        kind: 'process',
        id: 'archive-lending',
        version: 3,
        key: '2251799813685249',
        file: 'archive-lending.bpmn',
      },
    ]);
    expect(records.deployments).toEqual([
      {
        resourceId: 'archive-lending',
        kind: 'process',
        version: 3,
        definitionKey: '2251799813685249',
        fileName: 'archive-lending.bpmn',
        checksum: checksumOf(LENDING.content),
        deployedBy: 'chen.designer',
        approvedBy: null,
        releaseId: null,
      },
    ]);
    expect(records.diagrams).toEqual([
      {
        bpmnProcessId: 'archive-lending',
        version: 3,
        processDefinitionKey: '2251799813685249',
        resourceName: 'archive-lending.bpmn',
        bpmnXml: LENDING.content,
      },
    ]);
    expect(records.audited).toEqual([
      expect.objectContaining({
        action: 'model.deploy',
        outcome: 'ok',
        reason: 'deployed: process archive-lending version 3 (archive-lending.bpmn)',
      }),
    ]);
  });

  it('names the requester and the approver of a release', async () => {
    const { service, records } = deployments();
    await service.deploy(
      [LENDING],
      approver,
      { action: 'model.release.approve', reason: 'release 7 approved' },
      { id: '7', requestedBy: 'chen.designer' },
    );
    expect(records.deployments[0]).toMatchObject({
      deployedBy: 'chen.designer',
      approvedBy: 'lin.designer',
      releaseId: '7',
    });
    expect(records.audited[0]?.action).toBe('model.release.approve');
  });

  it('lists each process’s versions newest first with their instance counts', async () => {
    const { service, records } = deployments();
    const row = (version: number, active: string | null): ProcessVersionRow => ({
      id: 'archive-lending',
      version,
      key: `22517998136852${version}`,
      resourceName: 'archive-lending.bpmn',
      deployedAt: new Date('2026-12-01T02:00:00.000Z'),
      deployedBy: 'chen.designer',
      approvedBy: 'lin.designer',
      checksum: 'abc',
      active,
      completed: '4',
      terminated: null,
    });
    records.versions = [row(2, '3'), row(1, null)];
    const list = await service.list();
    expect(list.processes).toEqual([
      {
        bpmnProcessId: 'archive-lending',
        versions: [
          expect.objectContaining({ version: 2, activeInstances: 3, completedInstances: 4 }),
          expect.objectContaining({ version: 1, activeInstances: 0, terminatedInstances: 0 }),
        ],
      },
    ]);
  });
});
