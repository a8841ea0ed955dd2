import type { AuditAct, AuditTrail } from '@loanflow/audit';
import { DomainError } from '@loanflow/domain';
import type { Principal, UnitScope } from '@loanflow/identity';
import type { InstanceMigration, MigrationOutcome, MigrationRequest } from '@loanflow/models';
import type { BatchOperationEntity, BatchStatus } from '@loanflow/persistence';
import type { ZeebeClient } from '@loanflow/workflow';
import { staffPrincipal } from '@loanflow/test-support/principals';
import type { MonitorReads, ProjectedIncident, ProjectedInstance } from '../monitor/monitor-reads';
import type { MonitorService } from '../monitor/monitor.service';
import { BatchDecision, BatchOperationRecords, NewBatch } from './batch-operation-records';
import { BatchOperations, MAX_BATCH_ITEMS } from './batch-operations';

const HZ = 'SB-HZ-XH';
const NB = 'SB-NB-HS';
const V1 = '2251799813685001';
const V2 = '2251799813685002';
const V3 = '2251799813685003';

function instance(key: string, branchCode: string, definitionKey = V1): ProjectedInstance {
  return {
    processInstanceKey: key,
    bpmnProcessId: 'loan-origination',
    version: 1,
    processDefinitionKey: definitionKey,
    businessKey: `LN20260315-${key.slice(-6)}`,
    branchCode,
    state: 'active',
    startedAt: new Date('2026-03-15T01:00:00.000Z'),
    endedAt: null,
    incidents: 1,
    lastPosition: '900',
  };
}

function incident(incidentKey: string, processInstanceKey: string): ProjectedIncident {
  return {
    incidentKey,
    processInstanceKey,
    bpmnProcessId: 'loan-origination',
    elementId: 'QueryBureau',
    elementInstanceKey: `${processInstanceKey}1`,
    jobKey: `${processInstanceKey}2`,
    errorType: 'JOB_NO_RETRIES',
    errorMessage: 'core banking 503',
    state: 'open',
    createdAt: new Date('2026-03-15T02:00:00.000Z'),
    resolvedAt: null,
  };
}

/** Instances A, B (Hangzhou, version 1), C (Hangzhou, version 2), N (Ningbo); incidents of A, B, N. */
const A = '2251799813700001';
const B = '2251799813700002';
const C = '2251799813700003';
const N = '2251799813700004';
const [IA, IB, IN] = ['2251799813800001', '2251799813800002', '2251799813800004'];

/** The batches register in memory, with the projection's incidents and instances. */
class FakeBatchRecords extends BatchOperationRecords {
  incidentRows = [incident(IA, A), incident(IB, B), incident(IN, N)];
  instanceRows = [instance(A, HZ), instance(B, HZ), instance(C, HZ, V2), instance(N, NB)];
  batches: BatchOperationEntity[] = [];
  /** Each save of a batch as it was then: its progress as the console sees it. */
  saved: Pick<BatchOperationEntity, 'status' | 'done' | 'failed'>[] = [];
  /** Someone else decides the next batch being claimed just before the claim. */
  rival: BatchDecision | null = null;
  private nextId = 7;

  incidents(incidentKeys: string[]) {
    return Promise.resolve(this.incidentRows.filter((i) => incidentKeys.includes(i.incidentKey)));
  }
  add(batch: NewBatch) {
    const row = { ...batch, id: String(this.nextId++) };
    this.batches.push({ ...row });
    return Promise.resolve(row);
  }
  batch(id: string) {
    const row = this.batches.find((b) => b.id === id);
    return Promise.resolve(row ? { ...row } : null);
  }
  recent() {
    return Promise.resolve([...this.batches].reverse());
  }
  save(batch: BatchOperationEntity) {
    this.batches = this.batches.map((b) => (b.id === batch.id ? { ...batch } : b));
    this.saved.push({ status: batch.status, done: batch.done, failed: batch.failed });
    return Promise.resolve();
  }
  claim(id: string, decision: BatchDecision) {
    const row = this.batches.find((b) => b.id === id);
    if (row && this.rival) Object.assign(row, this.rival);
    if (row?.status !== 'pending') return Promise.resolve(false);
    Object.assign(row, decision);
    return Promise.resolve(true);
  }

  get only(): BatchOperationEntity {
    const [row, ...more] = this.batches;
    if (!row || more.length) throw new Error(`${this.batches.length} batches kept`);
    return row;
  }
}

const hangzhou: UnitScope = { all: false, unitCodes: [HZ] };
const everywhere: UnitScope = { all: true, unitCodes: [] };
const designer = staffPrincipal('deng.designer', ['process-designer'], 'HO-OPS');
const manager = staffPrincipal('chen.center', ['center-manager'], HZ);
const admin = staffPrincipal('admin', ['admin'], 'HO');

interface Engine {
  /** Instances the broker no longer has. */
  ended?: string[];
  /** Incidents resolved before the batch came to them. */
  resolved?: string[];
  /** Source versions whose migration the broker does not answer. */
  migrationDown?: string[];
  /** Instances a migration plan leaves where they are, with why. */
  blocked?: Record<string, string[]>;
}

function batchesWith(engine: Engine = {}) {
  const records = new FakeBatchRecords();
  const audited: AuditAct[] = [];
  const audit = {
    record: (act: AuditAct) => {
      audited.push(act);
      return Promise.resolve();
    },
  } as unknown as AuditTrail;
  const reads = {
    instancesByKey: (keys: string[]) =>
      Promise.resolve(records.instanceRows.filter((i) => keys.includes(i.processInstanceKey))),
  } as unknown as MonitorReads;
  const retried: string[] = [];
  const monitor = {
    resolve: (_principal: Principal, incidentKey: string) => {
      if (engine.resolved?.includes(incidentKey))
        return Promise.reject(
          new DomainError('INCIDENT_RESOLVED', `Incident ${incidentKey} is already resolved.`),
        );
      retried.push(incidentKey);
      return Promise.resolve({});
    },
  } as unknown as MonitorService;
  const migrations: MigrationRequest[] = [];
  const migration = {
    migrate: (request: MigrationRequest): Promise<Partial<MigrationOutcome>> => {
      migrations.push(request);
      if (engine.migrationDown?.includes(request.sourceProcessDefinitionKey))
        return Promise.reject(new Error('14 UNAVAILABLE: the broker is down'));
      const keys = request.processInstanceKeys ?? [];
      const blocked = keys
        .filter((key) => engine.blocked?.[key])
        .map((key) => ({
          processInstanceKey: key,
          businessKey: null,
          reasons: engine.blocked?.[key] ?? [],
        }));
      return Promise.resolve({
        blocked,
        failed: [],
        migrated: keys.filter((key) => !engine.blocked?.[key]),
      });
    },
  } as unknown as InstanceMigration;
  const cancelled: string[] = [];
  const zeebe = {
    cancelProcessInstance: (key: string) => {
      if (engine.ended?.includes(key))
        return Promise.reject(new Error(`5 NOT_FOUND: no process instance ${key}`));
      cancelled.push(key);
      return Promise.resolve({});
    },
  } as unknown as ZeebeClient;
  const service = new BatchOperations(records, reads, audit, monitor, migration, zeebe);
  return { service, records, audited, retried, migrations, cancelled };
}

const statuses = (saved: { status: BatchStatus }[]) => saved.map((s) => s.status);

describe('batches of retries, cancellations and migrations', () => {
  describe('starting one', () => {
    it('retries incidents one by one, one result per item, the progress kept after each', async () => {
      const { service, records, audited, retried } = batchesWith({ resolved: [IB] });
      const batch = await service.start(designer, hangzhou, {
        action: 'retry',
        keys: [IA, IB, '1', IA, IN, 'not-a-key'],
        reason: 'core banking is back',
      });
      expect(batch).toMatchObject({ status: 'done', total: 5, done: 5, failed: 4 });
      expect(batch.items).toEqual([
        {
          key: IA,
          processInstanceKey: A,
          loanId: `LN20260315-${A.slice(-6)}`,
          branchCode: HZ,
          result: 'ok',
          message: 'retried',
        },
        expect.objectContaining({
          key: IB,
          result: 'failed',
          message: `Incident ${IB} is already resolved.`,
        }),
        expect.objectContaining({ key: '1', result: 'failed', message: 'no incident 1 is known' }),
        // Ningbo's incident is not the Hangzhou designer's: as if it were not there.
        {
          key: IN,
          processInstanceKey: '',
          loanId: null,
          branchCode: null,
          result: 'failed',
          message: `no incident ${IN} is known`,
        },
        expect.objectContaining({ key: 'not-a-key', result: 'failed' }),
      ]);
      expect(retried).toEqual([IA]);
      // Kept before the first item, after each item tried, and once done.
      expect(records.saved.map((s) => [s.status, s.done, s.failed])).toEqual([
        ['running', 3, 3],
        ['running', 4, 3],
        ['running', 5, 4],
        ['done', 5, 4],
      ]);
      expect(records.only.finishedAt).toBeInstanceOf(Date);
      expect(audited).toEqual([
        expect.objectContaining({
          action: 'batch.retry.request',
          outcome: 'ok',
          inputs: [IA, IB, '1', IA, IN, 'not-a-key'],
          reason: 'batch 7: retry of 5 item(s): core banking is back',
        }),
      ]);
    });

    it('refuses a kind of batch to someone whose post does not start it, audited, keeping nothing', async () => {
      const { service, records, audited, retried } = batchesWith();
      await expect(
        service.start(manager, hangzhou, { action: 'retry', keys: [IA], reason: 'may not' }),
      ).rejects.toThrowDomainError('ROLE_REQUIRED', {
        message: 'A retry batch is started by process-designer, admin.',
      });
      expect(records.batches).toEqual([]);
      expect(retried).toEqual([]);
      expect(audited).toEqual([
        expect.objectContaining({
          action: 'batch.retry.request',
          outcome: 'refused',
          reason: expect.stringMatching(/^ROLE_REQUIRED: /) as unknown,
        }),
      ]);
    });

    it('refuses a migration without its target, and a batch of no keys or too many, on the field', async () => {
      const { service, records } = batchesWith();
      await expect(
        service.start(designer, hangzhou, { action: 'migrate', keys: [A], reason: 'v2' }),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', {
        details: { fieldErrors: { targetProcessDefinitionKey: ['is required to migrate'] } },
      });
      await expect(
        service.start(designer, hangzhou, { action: 'retry', keys: [], reason: 'none' }),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', {
        details: { fieldErrors: { keys: [`must hold 1 to ${MAX_BATCH_ITEMS} keys, not 0`] } },
      });
      const many = Array.from({ length: MAX_BATCH_ITEMS + 1 }, (_, i) => String(1000 + i));
      await expect(
        service.start(designer, hangzhou, { action: 'cancel', keys: many, reason: 'all' }),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', {
        details: { fieldErrors: { keys: ['must hold 1 to 200 keys, not 201'] } },
      });
      expect(records.batches).toEqual([]);
    });

    it('migrates from one version at a time, each item with what the migration said of it', async () => {
      const { service, migrations } = batchesWith({
        blocked: { [B]: ['no element Approve in the target'] },
        migrationDown: [V2],
      });
      const batch = await service.start(designer, hangzhou, {
        action: 'migrate',
        keys: [A, B, C, N],
        reason: 'the corrected model',
        targetProcessDefinitionKey: V3,
      });
      expect(migrations).toEqual([
        {
          sourceProcessDefinitionKey: V1,
          targetProcessDefinitionKey: V3,
          processInstanceKeys: [A, B],
        },
        {
          sourceProcessDefinitionKey: V2,
          targetProcessDefinitionKey: V3,
          processInstanceKeys: [C],
        },
      ]);
      expect(batch).toMatchObject({ status: 'done', total: 4, done: 4, failed: 3 });
      expect(batch.items.map((i) => [i.key, i.result, i.message])).toEqual([
        [A, 'ok', 'migrated'],
        [B, 'failed', 'no element Approve in the target'],
        [C, 'failed', '14 UNAVAILABLE: the broker is down'],
        [N, 'failed', `no process instance ${N} is known`],
      ]);
    });
  });

  describe('cancelling, on a second person’s approval', () => {
    async function pending(setup = batchesWith(), by: Principal = designer, scope = hangzhou) {
      const batch = await setup.service.start(by, scope, {
        action: 'cancel',
        keys: [A, B],
        reason: 'the application was withdrawn',
      });
      setup.audited.length = 0;
      setup.records.saved.length = 0;
      return { ...setup, batch };
    }

    it('waits for a second person, cancelling nothing yet', async () => {
      const { service, records, audited, cancelled } = batchesWith();
      const batch = await service.start(designer, hangzhou, {
        action: 'cancel',
        keys: [A, B],
        reason: 'the application was withdrawn',
      });
      expect(batch).toMatchObject({ status: 'pending', total: 2, done: 0, decidedBy: null });
      expect(records.only.status).toBe('pending');
      expect(cancelled).toEqual([]);
      expect(audited).toEqual([
        expect.objectContaining({
          action: 'batch.cancel.request',
          outcome: 'ok',
          reason: expect.stringMatching(/2 item\(s\), waiting for a second person/) as unknown,
        }),
      ]);
    });

    it('refuses the starter as the second person, audited, the batch still pending', async () => {
      const starter = staffPrincipal('sun.center', ['center-manager'], HZ);
      const { service, records, audited, cancelled, batch } = await pending(undefined, starter);
      for (const decide of [
        () => service.approve(starter, hangzhou, batch.id),
        () => service.refuse(starter, hangzhou, batch.id),
      ])
        await expect(decide()).rejects.toThrowDomainError('FOUR_EYES_REQUIRED', {
          message: /started by you: a second person must/,
        });
      expect(records.only.status).toBe('pending');
      expect(cancelled).toEqual([]);
      expect(audited).toEqual([
        expect.objectContaining({ action: 'batch.cancel.approve', outcome: 'refused' }),
        expect.objectContaining({ action: 'batch.cancel.refuse', outcome: 'refused' }),
      ]);
    });

    it('cancels each instance once approved, each in its loan’s trail, one result per item', async () => {
      const { service, records, audited, cancelled, batch } = await pending(
        batchesWith({ ended: [B] }),
      );
      const done = await service.approve(manager, hangzhou, batch.id);
      expect(done).toMatchObject({ status: 'done', decidedBy: 'chen.center', done: 2, failed: 1 });
      expect(done.items.map((i) => [i.key, i.result, i.message])).toEqual([
        [A, 'ok', 'cancelled'],
        [B, 'failed', `instance ${B} has already ended`],
      ]);
      expect(cancelled).toEqual([A]);
      expect(statuses(records.saved)).toEqual(['running', 'running', 'running', 'done']);
      expect(audited).toEqual([
        {
          actor: expect.objectContaining({ username: 'chen.center' }) as unknown,
          action: 'instance.cancel',
          loanKey: `LN20260315-${A.slice(-6)}`,
          outcome: 'ok',
          reason: `instance ${A} cancelled by batch ${batch.id}, requested by deng.designer, approved by chen.center: the application was withdrawn`,
        },
      ]);
    });

    it('refuses it on the second person’s word, cancelling nothing; then it is decided', async () => {
      const { service, records, audited, cancelled, batch } = await pending();
      const refused = await service.refuse(manager, hangzhou, batch.id);
      expect(refused).toMatchObject({ status: 'refused', decidedBy: 'chen.center' });
      expect(records.only.finishedAt).toBeInstanceOf(Date);
      expect(audited).toEqual([
        expect.objectContaining({
          action: 'batch.cancel.refuse',
          outcome: 'refused',
          reason: `batch ${batch.id} (cancel of 2, requested by deng.designer) refused`,
        }),
      ]);
      await expect(service.approve(admin, everywhere, batch.id)).rejects.toThrowDomainError(
        'BATCH_NOT_PENDING',
        { message: `Batch ${batch.id} is refused.` },
      );
      expect(cancelled).toEqual([]);
    });

    it('is decided once: of two second persons at once, the later is told it is taken', async () => {
      const { service, records, cancelled, batch } = await pending();
      records.rival = { status: 'running', decidedBy: 'admin', decidedAt: new Date() };
      await expect(service.approve(manager, hangzhou, batch.id)).rejects.toThrowDomainError(
        'BATCH_NOT_PENDING',
        { message: /being decided by someone else/ },
      );
      expect(records.only.decidedBy).toBe('admin');
      expect(cancelled).toEqual([]);
    });

    it('is approved only by someone whose units hold every instance it cancels', async () => {
      const setup = batchesWith();
      const other = await pending(setup, designer, hangzhou);
      const batch = await setup.service.start(admin, everywhere, {
        action: 'cancel',
        keys: [A, N],
        reason: 'duplicates of one application',
      });
      setup.audited.length = 0;
      await expect(setup.service.approve(manager, hangzhou, batch.id)).rejects.toThrowDomainError(
        'BATCH_NOT_FOUND',
        { message: /outside your units/ },
      );
      const ningbo = staffPrincipal('wu.center', ['center-manager'], NB);
      await expect(
        setup.service.approve(ningbo, { all: false, unitCodes: [NB] }, other.batch.id),
      ).rejects.toThrowDomainError('BATCH_NOT_FOUND', { message: /^No batch/ });
      expect(setup.cancelled).toEqual([]);
      expect(setup.audited).toEqual([
        expect.objectContaining({
          action: 'batch.cancel.approve',
          outcome: 'refused',
          reason: expect.stringMatching(/^BATCH_NOT_FOUND: .*outside your units/) as unknown,
        }),
      ]);
    });
  });

  it('shows a batch only to readers of a unit it touches', async () => {
    const { service } = batchesWith();
    const batch = await service.start(designer, hangzhou, {
      action: 'retry',
      keys: [IA],
      reason: 'core banking is back',
    });
    const ningbo: UnitScope = { all: false, unitCodes: [NB] };
    expect((await service.one(hangzhou, batch.id)).items).toHaveLength(1);
    expect((await service.list(hangzhou)).map((b) => b.id)).toEqual([batch.id]);
    expect(await service.list(ningbo)).toEqual([]);
    await expect(service.one(ningbo, batch.id)).rejects.toThrowDomainError('BATCH_NOT_FOUND');
    await expect(service.one(hangzhou, 'x')).rejects.toThrowDomainError('BATCH_NOT_FOUND');
  });
});
