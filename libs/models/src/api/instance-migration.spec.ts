import type { AuditAct, AuditTrail } from '@loanflow/audit';
import type { ZeebeClient } from '@loanflow/workflow';
import { InstanceMigration, MigrationRequest } from './instance-migration';
import type {
  ActiveElement,
  DeployedVersion,
  MigrationReads,
  RunningInstance,
} from './migration-reads';

/** Version 2 of a small process: the review is a user task, the payout a service task. */
const TARGET_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="https://loanflow.example/bpmn">
  <bpmn:process id="small-loan" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="review-v2" />
    <bpmn:serviceTask id="payout" />
    <bpmn:serviceTask id="notify" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

const SOURCE: DeployedVersion = {
  processDefinitionKey: '2251799813685001',
  bpmnProcessId: 'small-loan',
  version: 1,
  resourceName: 'small-loan.bpmn',
  bpmnXml: '',
};
const TARGET: DeployedVersion = {
  processDefinitionKey: '2251799813685002',
  bpmnProcessId: 'small-loan',
  version: 2,
  resourceName: 'small-loan.bpmn',
  bpmnXml: TARGET_XML,
};

const instance = (key: string): RunningInstance => ({
  processInstanceKey: key,
  businessKey: `LN20260930-00000${key.slice(-1)}`,
});
const at = (elementId: string, elementType: string): ActiveElement => ({ elementId, elementType });

/** Instance 1 waits at the payout, 2 at the review (renamed in v2), 3 at a task v2 dropped. */
function migration(refuse: (key: string) => Error | undefined = () => undefined) {
  const tokens = new Map<string, ActiveElement[]>([
    ['1', [at('payout', 'SERVICE_TASK')]],
    ['2', [at('review', 'USER_TASK')]],
    ['3', [at('legacy-check', 'SERVICE_TASK')]],
    ['4', []],
  ]);
  const reads = {
    version: (key: string) =>
      Promise.resolve([SOURCE, TARGET].find((v) => v.processDefinitionKey === key) ?? null),
    activeInstances: () => Promise.resolve(['1', '2', '3', '4'].map(instance)),
    activeElements: (key: string) => Promise.resolve(tokens.get(key) ?? []),
  } as unknown as MigrationReads;
  const audited: AuditAct[] = [];
  const audit = {
    record: (act: AuditAct) => Promise.resolve(void audited.push(act)),
  } as unknown as AuditTrail;
  const moved: unknown[] = [];
  const zeebe = {
    migrateProcessInstance: (command: { processInstanceKey: string }) => {
      const refusal = refuse(command.processInstanceKey);
      if (refusal) return Promise.reject(refusal);
      moved.push(command);
      return Promise.resolve({});
    },
  } as unknown as ZeebeClient;
  return { service: new InstanceMigration(reads, audit, zeebe), audited, moved };
}

const request = (over: Partial<MigrationRequest> = {}): MigrationRequest => ({
  sourceProcessDefinitionKey: SOURCE.processDefinitionKey,
  targetProcessDefinitionKey: TARGET.processDefinitionKey,
  ...over,
});

describe('moving running instances to another version (instance migration)', () => {
  it('plans each instance: same ids map themselves, others need a mapping, a type change blocks', async () => {
    const { service } = migration();
    const plan = await service.plan(request());
    expect(plan.source).toEqual({ bpmnProcessId: 'small-loan', version: 1 });
    expect(plan.movable).toEqual([
      {
        processInstanceKey: '1',
        businessKey: 'LN20260930-000001',
        mappings: [{ sourceElementId: 'payout', targetElementId: 'payout' }],
      },
    ]);
    expect(plan.blocked.map((b) => [b.processInstanceKey, b.reasons])).toEqual([
      ['2', ['active element review has no counterpart review in version 2: map it']],
      ['3', ['active element legacy-check has no counterpart legacy-check in version 2: map it']],
      [
        '4',
        [
          'the projection has not caught up with this instance yet (no active element seen): try again shortly',
        ],
      ],
    ]);
  });

  it('takes explicit mappings, and refuses one onto an element of another type', async () => {
    const { service } = migration();
    const plan = await service.plan(
      request({
        mappings: [
          { sourceElementId: 'review', targetElementId: 'review-v2' },
          { sourceElementId: 'legacy-check', targetElementId: 'review-v2' },
        ],
        processInstanceKeys: ['2', '3', '9'],
      }),
    );
    expect(plan.movable).toEqual([
      {
        processInstanceKey: '2',
        businessKey: 'LN20260930-000002',
        mappings: [{ sourceElementId: 'review', targetElementId: 'review-v2' }],
      },
    ]);
    expect(plan.blocked).toEqual([
      {
        processInstanceKey: '9',
        businessKey: null,
        reasons: ['not an active instance of small-loan version 1'],
      },
      {
        processInstanceKey: '3',
        businessKey: 'LN20260930-000003',
        reasons: [
          'active element legacy-check is a SERVICE_TASK, review-v2 in version 2 is a USER_TASK',
        ],
      },
    ]);
  });

  it('refuses a version that is not deployed', async () => {
    const { service } = migration();
    await expect(
      service.plan(request({ targetProcessDefinitionKey: '2251799813689999' })),
    ).rejects.toThrowDomainError('PROCESS_DEFINITION_NOT_FOUND', { message: /2251799813689999/ });
  });

  it('migrates the movable ones, reports what the broker refused and audits the run', async () => {
    const { service, audited, moved } = migration((key) =>
      key === '2'
        ? new Error('3 INVALID_ARGUMENT: element review-v2 has a boundary event')
        : undefined,
    );
    const outcome = await service.migrate(
      request({ mappings: [{ sourceElementId: 'review', targetElementId: 'review-v2' }] }),
      { kind: 'user', username: 'chen.designer' } as never,
    );
    expect(outcome.migrated).toEqual(['1']);
    expect(outcome.failed).toEqual([
      {
        processInstanceKey: '2',
        reason: '3 INVALID_ARGUMENT: element review-v2 has a boundary event',
      },
    ]);
    expect(moved).toEqual([
      {
        processInstanceKey: '1',
        migrationPlan: {
          targetProcessDefinitionKey: TARGET.processDefinitionKey,
          mappingInstructions: [{ sourceElementId: 'payout', targetElementId: 'payout' }],
        },
      },
    ]);
    expect(audited).toEqual([
      expect.objectContaining({
        action: 'model.migrate',
        outcome: 'ok',
        reason:
          'small-loan version 1 -> 2: 1 migrated, 1 refused by the broker, 2 blocked; 2: 3 INVALID_ARGUMENT: element review-v2 has a boundary event',
      }),
    ]);
  });

  it('audits a run the broker refused entirely as failed', async () => {
    const { service, audited } = migration(() => new Error('14 UNAVAILABLE'));
    const outcome = await service.migrate(request(), { kind: 'user', username: 'x' } as never);
    expect(outcome.migrated).toEqual([]);
    expect(audited[0]?.outcome).toBe('failed');
  });
});
