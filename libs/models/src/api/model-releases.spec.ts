import type { AuditAct, AuditTrail } from '@loanflow/audit';
import type { ModelReleaseEntity, ModelReleaseState } from '@loanflow/persistence';
import { InMemoryTransactions } from '@loanflow/test-support/in-memory-transactions';
import type { ModelCheckReport, ModelFile } from '../check/check-models';
import type { DeployedResource, ModelDeployments } from './model-deployments';
import { ModelReleases } from './model-releases';
import { NewRelease, ReleaseChanges, ReleaseRecords, ReleaseTransaction } from './release-records';

interface State {
  releases: ModelReleaseEntity[];
  audited: AuditAct[];
}

/** The release register in memory; a transaction that fails leaves nothing behind. */
class FakeReleaseRecords extends ReleaseRecords {
  readonly register = new InMemoryTransactions<State>({ releases: [], audited: [] }, (s) =>
    structuredClone(s),
  );
  private nextId = 1;

  get releases(): ModelReleaseEntity[] {
    return this.register.state.releases;
  }
  get audited(): AuditAct[] {
    return this.register.state.audited;
  }

  release(id: string) {
    const row = this.releases.find((r) => r.id === id);
    return Promise.resolve(row ? { ...row } : null);
  }
  list(state?: ModelReleaseState) {
    return Promise.resolve(this.releases.filter((r) => !state || r.state === state).reverse());
  }
  moveFrom(id: string, from: ModelReleaseState, changes: ReleaseChanges) {
    return Promise.resolve(moveFrom(this.releases, id, from, changes));
  }
  update(id: string, changes: ReleaseChanges) {
    Object.assign(this.releases.find((r) => r.id === id) ?? {}, changes);
    return Promise.resolve();
  }
  transaction<T>(work: (tx: ReleaseTransaction) => Promise<T>): Promise<T> {
    return this.register.run((s) =>
      work({
        addRelease: (release: NewRelease) => {
          const row: ModelReleaseEntity = {
            ...release,
            id: String(this.nextId++),
            decidedBy: null,
            decidedAt: null,
            decisionReason: null,
            deployedJson: null,
          };
          s.releases.push(row);
          return Promise.resolve({ ...row });
        },
        moveFrom: (id, from, changes) => Promise.resolve(moveFrom(s.releases, id, from, changes)),
        audit: (act) => Promise.resolve(void s.audited.push(act)),
      }),
    );
  }
}

function moveFrom(
  releases: ModelReleaseEntity[],
  id: string,
  from: ModelReleaseState,
  changes: ReleaseChanges,
): boolean {
  const row = releases.find((r) => r.id === id && r.state === from);
  if (row) Object.assign(row, changes);
  return Boolean(row);
}

const FILES: ModelFile[] = [{ name: 'loan-origination.bpmn', content: '<definitions/>' }];
const RESOURCES: ModelCheckReport['resources'] = [
  { file: 'loan-origination.bpmn', kind: 'process', id: 'loan-origination', checksum: 'abc' },
];
const DEPLOYED: DeployedResource[] = [
  {
    kind: 'process',
    id: 'loan-origination',
    version: 7,
    key: '2251799813685249',
    file: FILES[0].name,
  },
];

const designer = { kind: 'user', username: 'chen.designer', id: 'U-chen' } as const;
const colleague = { kind: 'user', username: 'lin.designer', id: 'U-lin' } as const;

function releases(over: { check?: ModelCheckReport; deploy?: () => Promise<unknown> } = {}) {
  const register = new FakeReleaseRecords();
  const refused: AuditAct[] = [];
  const audit = {
    record: (act: AuditAct) => Promise.resolve(void refused.push(act)),
  } as unknown as AuditTrail;
  const deploys: unknown[][] = [];
  const deployments = {
    check: () => Promise.resolve(over.check ?? { ok: true, issues: [], resources: RESOURCES }),
    deploy: (...args: unknown[]) => {
      deploys.push(args);
      return over.deploy ? over.deploy() : Promise.resolve({ deployed: DEPLOYED });
    },
  } as unknown as ModelDeployments;
  return {
    register,
    refused,
    deploys,
    service: new ModelReleases(register, deployments, audit),
  };
}

describe('four eyes on a model release', () => {
  it('files a checked request as pending and audits what it asks to deploy', async () => {
    const { service, register } = releases();
    const view = await service.request(FILES, designer as never, '新增押品登记步骤');
    expect(view).toMatchObject({
      state: 'pending',
      requestedBy: 'chen.designer',
      note: '新增押品登记步骤',
    });
    expect(register.audited).toEqual([
      expect.objectContaining({
        action: 'model.release.request',
        outcome: 'ok',
        reason:
          'release 1 asked: process loan-origination (loan-origination.bpmn); waits for a second designer or an admin',
      }),
    ]);
  });

  it('refuses models that fail the check, files nothing and audits the problems', async () => {
    const { service, register, refused } = releases({
      check: {
        ok: false,
        issues: [{ category: 'error', message: 'no worker for task type loan.nowhere' } as never],
        resources: RESOURCES,
      },
    });
    await expect(service.request(FILES, designer as never)).rejects.toThrowDomainError(
      'MODEL_CHECK_FAILED',
      { message: /1 problem\(s\)/ },
    );
    expect(register.releases).toEqual([]);
    expect(refused).toEqual([
      expect.objectContaining({ action: 'model.release.request', outcome: 'refused' }),
    ]);
  });

  it('never lets the one who asked approve, and audits the attempt', async () => {
    const { service, register, refused, deploys } = releases();
    const { id } = await service.request(FILES, designer as never);
    await expect(service.approve(id, designer as never)).rejects.toThrowDomainError(
      'FOUR_EYES_REQUIRED',
    );
    expect(deploys).toEqual([]);
    expect(register.releases[0]?.state).toBe('pending');
    expect(refused).toEqual([
      expect.objectContaining({ action: 'model.release.approve', outcome: 'refused' }),
    ]);
  });

  it('deploys on a second person’s approval, once', async () => {
    const { service, deploys } = releases();
    const { id } = await service.request(FILES, designer as never);
    const approved = await service.approve(id, colleague as never, '已复核');
    expect(approved).toMatchObject({
      state: 'deployed',
      decidedBy: 'lin.designer',
      decisionReason: '已复核',
      deployed: DEPLOYED,
    });
    expect(deploys).toHaveLength(1);
    expect(deploys[0]?.[2]).toEqual({
      action: 'model.release.approve',
      reason: `release ${id} asked by chen.designer, approved by lin.designer: 已复核`,
    });
    await expect(service.approve(id, colleague as never)).rejects.toThrowDomainError(
      'RELEASE_NOT_PENDING',
    );
    expect(deploys).toHaveLength(1);
  });

  it('puts the request back to pending when nothing reached the broker', async () => {
    const { service, register } = releases({
      deploy: () => Promise.reject(new Error('14 UNAVAILABLE: broker away')),
    });
    const { id } = await service.request(FILES, designer as never);
    await expect(service.approve(id, colleague as never)).rejects.toThrow(/UNAVAILABLE/);
    expect(register.releases[0]).toMatchObject({ state: 'pending', decidedBy: null });
  });

  it('lets the one who asked withdraw and a second person reject, a pending request only', async () => {
    const { service, register } = releases();
    const first = await service.request(FILES, designer as never);
    const withdrawn = await service.reject(first.id, designer as never, '改用新版本');
    expect(withdrawn).toMatchObject({ state: 'rejected', decidedBy: 'chen.designer' });
    const second = await service.request(FILES, designer as never);
    await service.reject(second.id, colleague as never, '缺少评审记录');
    const rejections = register.audited.filter((a) => a.action === 'model.release.reject');
    expect(rejections.map((a) => a.reason)).toEqual([
      `release ${first.id} asked by chen.designer withdrawn by chen.designer: 改用新版本`,
      `release ${second.id} asked by chen.designer rejected by lin.designer: 缺少评审记录`,
    ]);
    await expect(service.reject(second.id, colleague as never, '再次')).rejects.toThrowDomainError(
      'RELEASE_NOT_PENDING',
    );
  });

  it('answers a release that is not there, or an id that is no number', async () => {
    const { service } = releases();
    await expect(service.get('42')).rejects.toThrowDomainError('RELEASE_NOT_FOUND');
    await expect(service.get('1 OR 1=1')).rejects.toThrowDomainError('RELEASE_NOT_FOUND');
  });
});
