import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditAct, AuditTrail } from '@loanflow/audit';
import type { ModelGraph, ModificationInstruction } from '@loanflow/domain';
import type { UnitScope } from '@loanflow/identity';
import { modelGraphOf, shippedCatalogue } from '@loanflow/models';
import type { InstanceModificationEntity } from '@loanflow/persistence';
import type { ZeebeClient } from '@loanflow/workflow';
import { staffPrincipal } from '@loanflow/test-support/principals';
import type {
  DeployedDefinition,
  MonitorReads,
  ProjectedElement,
  ProjectedInstance,
} from '../monitor/monitor-reads';
import {
  InstanceModificationRecords,
  ModificationFilter,
  NewModification,
} from './instance-modification-records';
import { InstanceModifications } from './instance-modifications';
import { PATH_TO_APPROVAL } from '@loanflow/test-support/origination-history';

const XML = readFileSync(join(__dirname, '../../../../bpmn/loan-origination.bpmn'), 'utf8');
const PROCESS = 'loan-origination';
const BRANCH = 'SB-HZ-XH';
const KEY = '2251799813685249';
const LOAN = 'LN20260315-7KQ2M9';
const VERSION = '2251799813685001';

const back: ModificationInstruction[] = [
  { kind: 'move', fromElementId: 'Approve', toElementId: 'Investigate' },
];

let graph: ModelGraph;
beforeAll(async () => {
  graph = await modelGraphOf(XML, PROCESS, shippedCatalogue());
});

/** The path of a loan investigated and reviewed, its token at the branch approver's task. */
function atApproval(): ProjectedElement[] {
  const t = (s: number) => new Date(Date.UTC(2026, 2, 15, 1, 0, s));
  return PATH_TO_APPROVAL.map(({ elementId, key = elementId, active }, index) => ({
    elementInstanceKey: key,
    elementId,
    elementType: graph.elements.get(elementId)?.type ?? 'UNKNOWN',
    flowScopeKey: KEY,
    state: active ? 'active' : 'completed',
    startedAt: t(index + 1),
    endedAt: active ? null : t(index + 1),
  }));
}

function instanceOf(over: Partial<ProjectedInstance> = {}): ProjectedInstance {
  return {
    processInstanceKey: KEY,
    bpmnProcessId: PROCESS,
    version: 3,
    processDefinitionKey: VERSION,
    businessKey: LOAN,
    branchCode: BRANCH,
    state: 'active',
    startedAt: new Date('2026-03-15T01:00:00.000Z'),
    endedAt: null,
    incidents: 0,
    lastPosition: '812',
    ...over,
  };
}

/** The origination instance at approval, and the modifications register, in memory. */
class FakeModificationRecords extends InstanceModificationRecords {
  instances: ProjectedInstance[] = [instanceOf()];
  elementRows: ProjectedElement[] = atApproval();
  modifications: InstanceModificationEntity[] = [];
  /** Someone else takes the next request being claimed just before the claim. */
  rival: string | null = null;
  private nextId = 40;

  elements(processInstanceKey: string) {
    return Promise.resolve(processInstanceKey === KEY ? this.elementRows : []);
  }
  add(modification: NewModification) {
    const row = { ...modification, id: String(this.nextId++) };
    this.modifications.push({ ...row });
    return Promise.resolve(row);
  }
  modification(id: string) {
    const row = this.modifications.find((m) => m.id === id);
    return Promise.resolve(row ? { ...row } : null);
  }
  list(scope: UnitScope, filter: ModificationFilter) {
    return Promise.resolve(
      this.modifications.filter(
        (m) =>
          (scope.all || (m.branchCode !== null && scope.unitCodes.includes(m.branchCode))) &&
          (!filter.status || m.status === filter.status) &&
          (!filter.processInstanceKey || m.processInstanceKey === filter.processInstanceKey),
      ),
    );
  }
  claim(id: string, decidedBy: string) {
    const row = this.modifications.find((m) => m.id === id);
    if (row && this.rival) Object.assign(row, { status: 'deciding', decidedBy: this.rival });
    if (row?.status !== 'pending') return Promise.resolve(false);
    Object.assign(row, { status: 'deciding', decidedBy });
    return Promise.resolve(true);
  }
  save(modification: InstanceModificationEntity) {
    this.modifications = this.modifications.map((m) =>
      m.id === modification.id ? { ...modification } : m,
    );
    return Promise.resolve();
  }

  get only(): InstanceModificationEntity {
    const [row, ...more] = this.modifications;
    if (!row || more.length) throw new Error(`${this.modifications.length} modifications kept`);
    return row;
  }
}

const branch: UnitScope = { all: false, unitCodes: [BRANCH] };
const designer = staffPrincipal('deng.designer', ['process-designer'], 'HO-OPS');
const manager = staffPrincipal('chen.center', ['center-manager'], BRANCH);
const both = staffPrincipal('sun.both', ['process-designer', 'center-manager'], BRANCH);

function modificationsWith(engine: { refuses?: string } = {}) {
  const records = new FakeModificationRecords();
  const audited: AuditAct[] = [];
  const audit = {
    record: (act: AuditAct) => {
      audited.push(act);
      return Promise.resolve();
    },
  } as unknown as AuditTrail;
  const current: Record<string, unknown> = { loanId: LOAN, riskGrade: 'B' };
  const reads = {
    instance: (processInstanceKey: string) => {
      const found = records.instances.find((i) => i.processInstanceKey === processInstanceKey);
      return Promise.resolve(found ? { ...found } : null);
    },
    variables: (key: string) => Promise.resolve(key === KEY ? current : {}),
    definition: (definitionKey: string): Promise<DeployedDefinition | null> =>
      Promise.resolve(
        definitionKey === VERSION
          ? {
              processDefinitionKey: VERSION,
              bpmnProcessId: PROCESS,
              version: 3,
              resourceName: 'loan-origination.bpmn',
              deployedAt: new Date('2026-03-01T00:00:00.000Z'),
              bpmnXml: XML,
            }
          : null,
      ),
  } as unknown as MonitorReads;
  const modified: unknown[] = [];
  const zeebe = {
    modifyProcessInstance: (request: unknown) => {
      if (engine.refuses) return Promise.reject(new Error(engine.refuses));
      modified.push(request);
      return Promise.resolve({});
    },
  } as unknown as ZeebeClient;
  const service = new InstanceModifications(records, reads, audit, zeebe);
  return { service, records, audited, modified };
}

async function requested(setup = modificationsWith()) {
  const view = await setup.service.request(designer, KEY, back, 'the salary slip was forged');
  setup.audited.length = 0;
  return { ...setup, id: view.id };
}

describe('modifying a running instance, on a second person’s approval', () => {
  describe('asking for it', () => {
    it('previews where the tokens would go, keeping and auditing nothing', async () => {
      const { service, records, audited } = modificationsWith();
      const preview = await service.preview(KEY, back);
      expect(preview).toMatchObject({
        processInstanceKey: KEY,
        bpmnProcessId: PROCESS,
        plan: {
          terminate: [{ elementInstanceKey: 'approve-1', elementId: 'Approve' }],
          activate: [
            expect.objectContaining({
              elementId: 'Investigate',
              ancestorElementInstanceKey: 'decision-1',
            }) as unknown,
          ],
          tokensAfter: [expect.objectContaining({ elementId: 'Investigate' }) as unknown],
        },
      });
      expect(records.modifications).toEqual([]);
      expect(audited).toEqual([]);
    });

    it('keeps the request pending with its plan, the broker not asked, and audits it', async () => {
      const { service, records, audited, modified } = modificationsWith();
      const view = await service.request(designer, KEY, back, 'the salary slip was forged');
      expect(view).toMatchObject({
        status: 'pending',
        requestedBy: 'deng.designer',
        loanId: LOAN,
        branchCode: BRANCH,
        decidedBy: null,
        instructions: back,
      });
      expect(records.only).toMatchObject({ status: 'pending', processDefinitionKey: VERSION });
      expect(modified).toEqual([]);
      expect(audited).toEqual([
        expect.objectContaining({
          action: 'instance.modification.request',
          outcome: 'ok',
          loanKey: LOAN,
          reason: expect.stringMatching(
            /waiting for a second person: cancel Approve, then activate Investigate; the salary slip/,
          ) as unknown,
        }),
      ]);
    });

    it('refuses a move past a control on its field, audits the refusal and keeps nothing', async () => {
      const { service, records, audited } = modificationsWith();
      await expect(
        service.request(
          designer,
          KEY,
          [{ kind: 'move', fromElementId: 'Approve', toElementId: 'SignContracts' }],
          'skip the approval',
        ),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', {
        message: /instructions\[0\]\.toElementId activating Sign .* would skip Approval/,
        detailsIncluding: {
          problems: expect.arrayContaining([
            {
              field: 'instructions[0].toElementId',
              rule: 'skipsControl',
              elementIds: expect.arrayContaining(['SignContracts', 'Approve']) as unknown,
            },
          ]) as unknown,
        },
      });
      expect(records.modifications).toEqual([]);
      expect(audited).toEqual([
        expect.objectContaining({
          action: 'instance.modification.request',
          outcome: 'refused',
          reason: expect.stringMatching(
            /^instructions\[0\]\.toElementId: activating .* would skip Approval/,
          ) as unknown,
        }),
      ]);
    });

    it('sets with a move only what the model’s workers read, within their input rules', async () => {
      const { service, records } = modificationsWith();
      const moveWith = (variables: Record<string, unknown>): ModificationInstruction[] => [
        { kind: 'move', fromElementId: 'Approve', toElementId: 'Investigate', variables },
      ];
      await expect(
        service.request(designer, KEY, moveWith({ annualRate: '0.00' }), 'cheaper'),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', {
        detailsIncluding: {
          fieldErrors: [
            {
              field: 'instructions[0].variables.annualRate',
              reasons: [expect.stringMatching(/is not read by any step of this model/) as unknown],
            },
          ],
        },
      });
      await expect(service.preview(KEY, moveWith({ loanId: 'LOAN-1' }))).rejects.toThrowDomainError(
        'VALIDATION_FAILED',
        {
          message: /instructions\[0\]\.variables loanId must be a loan id/,
        },
      );
      expect(records.modifications).toEqual([]);
    });

    it('plans only on a running instance the engine has reported', async () => {
      const { service, records } = modificationsWith();
      records.instances = [instanceOf({ lastPosition: '0' })];
      await expect(service.preview(KEY, back)).rejects.toThrowDomainError('INSTANCE_NOT_FOUND');
      records.instances = [instanceOf({ state: 'completed' })];
      await expect(service.request(designer, KEY, back, 'too late')).rejects.toThrowDomainError(
        'INSTANCE_NOT_ACTIVE',
        { message: /has completed/ },
      );
      await expect(service.preview('1', back)).rejects.toThrowDomainError('INSTANCE_NOT_FOUND');
      expect(records.modifications).toEqual([]);
    });
  });

  describe('deciding it', () => {
    it('has the broker apply it once a second person approves, both names in the trail', async () => {
      const { service, records, audited, modified, id } = await requested();
      const view = await service.approve(manager, branch, id, 'agreed with the branch head');
      expect(view).toMatchObject({
        status: 'applied',
        decidedBy: 'chen.center',
        decisionNote: 'agreed with the branch head',
        failure: null,
      });
      expect(records.only).toMatchObject({ status: 'applied', decidedBy: 'chen.center' });
      expect(modified).toEqual([
        {
          processInstanceKey: KEY,
          activateInstructions: [
            {
              elementId: 'Investigate',
              ancestorElementInstanceKey: 'decision-1',
              variableInstructions: [],
            },
          ],
          terminateInstructions: [{ elementInstanceKey: 'approve-1' }],
        },
      ]);
      expect(audited).toEqual([
        expect.objectContaining({
          action: 'instance.modification.apply',
          outcome: 'ok',
          loanKey: LOAN,
          reason: expect.stringMatching(
            /requested by deng\.designer, applied by chen\.center: .*; note: agreed/,
          ) as unknown,
        }),
      ]);
    });

    it('refuses the requester as the second person, whatever posts they hold, audited', async () => {
      const setup = modificationsWith();
      const own = await setup.service.request(both, KEY, back, 'review again');
      setup.audited.length = 0;
      for (const decide of [
        () => setup.service.approve(both, branch, own.id, undefined),
        () => setup.service.refuse(both, branch, own.id, 'no'),
      ])
        await expect(decide()).rejects.toThrowDomainError('FOUR_EYES_REQUIRED', {
          message: /requested by you: a second person must/,
        });
      expect(setup.records.only.status).toBe('pending');
      expect(setup.modified).toEqual([]);
      expect(setup.audited).toEqual([
        expect.objectContaining({ action: 'instance.modification.approve', outcome: 'refused' }),
        expect.objectContaining({ action: 'instance.modification.refuse', outcome: 'refused' }),
      ]);
    });

    it('decides a request once: a decided one, or one someone else took first, is not pending', async () => {
      const { service, records, audited, modified, id } = await requested();
      records.rival = 'admin';
      await expect(service.approve(manager, branch, id, undefined)).rejects.toThrowDomainError(
        'MODIFICATION_NOT_PENDING',
        { message: /being decided by someone else/ },
      );
      expect(records.only).toMatchObject({ status: 'deciding', decidedBy: 'admin' });
      expect(modified).toEqual([]);
      records.rival = null;
      await expect(service.refuse(manager, branch, id, 'no')).rejects.toThrowDomainError(
        'MODIFICATION_NOT_PENDING',
        { message: /is already deciding/ },
      );
      expect(audited).toEqual([
        expect.objectContaining({ action: 'instance.modification.refuse', outcome: 'refused' }),
      ]);
    });

    it('knows no request of another branch, nor an id that is no number', async () => {
      const { service, records, audited, id } = await requested();
      const elsewhere = staffPrincipal('wu.center', ['center-manager'], 'SB-NB-HS');
      await expect(
        service.approve(elsewhere, { all: false, unitCodes: ['SB-NB-HS'] }, id, undefined),
      ).rejects.toThrowDomainError('MODIFICATION_NOT_FOUND');
      await expect(
        service.refuse(manager, branch, "1' OR '1'='1", 'no'),
      ).rejects.toThrowDomainError('MODIFICATION_NOT_FOUND');
      expect(records.only.status).toBe('pending');
      expect(audited).toEqual([]);
    });

    it('keeps a request that no longer fits the instance as failed, the broker not asked', async () => {
      const { service, records, audited, modified, id } = await requested();
      // The approver answered meanwhile: the token has moved on to the contracts.
      records.elementRows = records.elementRows.map((e) =>
        e.elementId === 'Approve' ? { ...e, state: 'completed', endedAt: e.startedAt } : e,
      );
      await expect(service.approve(manager, branch, id, undefined)).rejects.toThrowDomainError(
        'MODIFICATION_STALE',
        { message: /no longer fits the instance as it is now: instructions\[0\]/ },
      );
      expect(records.only).toMatchObject({
        status: 'failed',
        decidedBy: 'chen.center',
        failure: expect.stringMatching(/^instructions\[0\]/) as unknown,
      });
      expect(modified).toEqual([]);
      expect(audited).toEqual([
        expect.objectContaining({ action: 'instance.modification.fail', outcome: 'failed' }),
      ]);
    });

    it('keeps it as failed when the broker refuses it', async () => {
      const { service, records, audited, id } = await requested(
        modificationsWith({ refuses: '3 INVALID_ARGUMENT: no element Investigate' }),
      );
      await expect(service.approve(manager, branch, id, undefined)).rejects.toThrowDomainError(
        'MODIFICATION_REFUSED_BY_ENGINE',
        { message: /the engine refused it: 3 INVALID_ARGUMENT/ },
      );
      expect(records.only).toMatchObject({
        status: 'failed',
        failure: 'the engine refused it: 3 INVALID_ARGUMENT: no element Investigate',
      });
      expect(audited).toEqual([
        expect.objectContaining({ action: 'instance.modification.fail', outcome: 'failed' }),
      ]);
    });

    it('refuses it on the second person’s word, the note in the trail', async () => {
      const { service, records, audited, modified, id } = await requested();
      const view = await service.refuse(manager, branch, id, 'the guarantor is unchanged');
      expect(view).toMatchObject({ status: 'refused', decidedBy: 'chen.center' });
      expect(records.only.status).toBe('refused');
      expect(modified).toEqual([]);
      expect(audited).toEqual([
        expect.objectContaining({
          action: 'instance.modification.refuse',
          outcome: 'refused',
          reason: expect.stringMatching(
            /refused by chen\.center: .*; note: the guarantor is unchanged$/,
          ) as unknown,
        }),
      ]);
    });
  });

  it('lists the requests of the reader’s units', async () => {
    const { service } = await requested();
    expect((await service.list(branch, 'pending')).map((m) => m.processInstanceKey)).toEqual([KEY]);
    expect(await service.list({ all: false, unitCodes: ['SB-NB-HS'] })).toEqual([]);
  });
});
