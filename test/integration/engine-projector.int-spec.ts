import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { EngineProjector, MonitoringWorkersModule } from '@loanflow/monitoring';
import {
  ElementInstanceEntity,
  ProcessDefinitionEntity,
  ProcessInstanceEntity,
} from '@loanflow/persistence';
import { RuntimeModule } from '@loanflow/platform';
import type { ExportedRecord, StreamEntry } from '@loanflow/workflow';
import { INestApplicationContext } from '@nestjs/common';

const INSTANCE = String(9_000_000_000_000 + (Date.now() % 1_000_000_000));
const TASK = String(Number(INSTANCE) + 7);
let position = 1_000;

function record(
  key: string,
  type: string,
  elementId: string,
  intent: string,
  at: number,
): StreamEntry {
  const value = {
    processInstanceKey: INSTANCE,
    processDefinitionKey: '42',
    bpmnProcessId: 'test-projection',
    version: 1,
    elementId,
    bpmnElementType: type,
    flowScopeKey: type === 'PROCESS' ? '-1' : INSTANCE,
  };
  const rec: ExportedRecord = {
    valueType: 'PROCESS_INSTANCE',
    recordType: 'EVENT',
    intent,
    key,
    position: position++,
    timestamp: at,
    value,
  };
  return { stream: 'test', id: `${rec.position}-0`, record: rec };
}

describe('the engine projector on the real database', () => {
  let app: INestApplicationContext;
  let projector: EngineProjector;
  let dataSource: DataSource;

  beforeAll(async () => {
    // The spec hands the projector its batches itself: no reader of the broker's live streams,
    // whose deployments would race its own process definitions (a deadlock, now and then).
    process.env.WORKER_TYPES = 'test.none';
    const moduleRef = await Test.createTestingModule({
      imports: [RuntimeModule, MonitoringWorkersModule],
    }).compile();
    app = await moduleRef.createNestApplication({ logger: false }).init();
    projector = app.get(EngineProjector);
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
  });

  it('applies a batch read twice (a restart before the ack) without duplicates or changes', async () => {
    const now = Date.now();
    const batch = [
      record(INSTANCE, 'PROCESS', 'test-projection', 'ELEMENT_ACTIVATING', now),
      record(TASK, 'USER_TASK', 'Review', 'ELEMENT_ACTIVATING', now + 1),
      record(TASK, 'USER_TASK', 'Review', 'ELEMENT_ACTIVATED', now + 2),
    ];
    await projector.apply(batch);
    await projector.apply(batch);
    expect(
      await dataSource
        .getRepository(ElementInstanceEntity)
        .findBy({ processInstanceKey: INSTANCE }),
    ).toEqual([expect.objectContaining({ elementId: 'Review', state: 'active', endedAt: null })]);

    const done = [
      record(TASK, 'USER_TASK', 'Review', 'ELEMENT_COMPLETED', now + 3),
      record(INSTANCE, 'PROCESS', 'test-projection', 'ELEMENT_COMPLETED', now + 4),
    ];
    await projector.apply(done);
    // An old batch delivered again after newer ones never takes a row back.
    await projector.apply(batch);
    const task = await dataSource
      .getRepository(ElementInstanceEntity)
      .findOneByOrFail({ elementInstanceKey: TASK });
    expect(task.state).toBe('completed');
    expect(task.endedAt?.getTime()).toBe(now + 3);
    const instance = await dataSource
      .getRepository(ProcessInstanceEntity)
      .findOneByOrFail({ processInstanceKey: INSTANCE });
    expect(instance).toMatchObject({
      state: 'completed',
      version: 1,
      bpmnProcessId: 'test-projection',
    });
  });

  it('takes a version number again from a broker whose data was wiped (the new key wins)', async () => {
    const definition = (key: string): StreamEntry => ({
      stream: 'test',
      id: `${position}-0`,
      record: {
        valueType: 'PROCESS',
        recordType: 'EVENT',
        intent: 'CREATED',
        key,
        position: position++,
        timestamp: Date.now(),
        value: {
          processDefinitionKey: key,
          bpmnProcessId: `test-wiped-${INSTANCE}`,
          version: 1,
          resourceName: 'wiped.bpmn',
          resource: Buffer.from('<definitions/>').toString('base64'),
        },
      },
    });
    await projector.apply([definition('101')]);
    await projector.apply([definition('202')]);
    const rows = await dataSource
      .getRepository(ProcessDefinitionEntity)
      .findBy({ bpmnProcessId: `test-wiped-${INSTANCE}` });
    expect(rows.map((row) => [row.processDefinitionKey, row.bpmnXml])).toEqual([
      ['202', '<definitions/>'],
    ]);
  });
});
