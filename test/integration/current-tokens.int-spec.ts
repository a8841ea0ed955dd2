import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { EngineProjector, MonitoringWorkersModule } from '@loanflow/monitoring';
import { RuntimeModule } from '@loanflow/platform';
import type { ExportedRecord, StreamEntry } from '@loanflow/workflow';
import { InstanceQuery } from '../../libs/monitoring/src/monitor/monitor.requests';
import { SqlMonitorReads } from '../../libs/monitoring/src/monitor/monitor-reads';
import { MonitorService } from '../../libs/monitoring/src/monitor/monitor.service';

const BASE = 8_100_000_000_000_000 + (Date.now() % 1_000_000_000) * 100;
const PROCESS = `test-tokens-${BASE}`;
const OTHER = `test-tokens-other-${BASE}`;
const INSTANCES = 40;
let position = 5_000_000;

function element(
  instance: number,
  key: number,
  process: string,
  elementId: string,
  type: string,
  intent: string,
  at: number,
): StreamEntry {
  const record: ExportedRecord = {
    valueType: 'PROCESS_INSTANCE',
    recordType: 'EVENT',
    intent,
    key,
    position: position++,
    timestamp: at,
    value: {
      processInstanceKey: instance,
      processDefinitionKey: 77,
      bpmnProcessId: process,
      version: 1,
      elementId,
      bpmnElementType: type,
      flowScopeKey: type === 'PROCESS' ? -1 : instance,
    },
  };
  return { stream: 'test', id: `${record.position}-0`, record };
}

/** Instance i: waits at Review, or has passed it; every seventh waits there twice (a loop). */
function started(i: number, at: number): StreamEntry[] {
  const key = BASE + i * 10;
  const process = i % 4 === 3 ? OTHER : PROCESS;
  const records = [
    element(key, key, process, process, 'PROCESS', 'ELEMENT_ACTIVATED', at),
    element(key, key + 1, process, 'Review', 'USER_TASK', 'ELEMENT_ACTIVATED', at + 1),
  ];
  if (i % 7 === 0)
    records.push(
      element(key, key + 2, process, 'Review', 'USER_TASK', 'ELEMENT_ACTIVATED', at + 2),
    );
  return records;
}

function passed(i: number, at: number): StreamEntry[] {
  const key = BASE + i * 10;
  const process = i % 4 === 3 ? OTHER : PROCESS;
  return [
    element(key, key + 1, process, 'Review', 'USER_TASK', 'ELEMENT_COMPLETED', at),
    element(key, key + 3, process, 'Decide', 'SERVICE_TASK', 'ELEMENT_ACTIVATED', at + 1),
  ];
}

/**
 * The monitor's "token at element X of process P" read from current_token gives exactly what the
 * general list (element rows joined to instances) gives, page by page, and the projector keeps that
 * table right when batches come twice or out of date.
 */
describe('current tokens: kept by the projector, answering token-at-element exactly', () => {
  let app: INestApplicationContext;
  let projector: EngineProjector;
  let dataSource: DataSource;
  let monitor: MonitorService;

  beforeAll(async () => {
    process.env.WORKER_TYPES = 'test.none';
    const moduleRef = await Test.createTestingModule({
      imports: [RuntimeModule, MonitoringWorkersModule],
    }).compile();
    app = await moduleRef.createNestApplication({ logger: false }).init();
    projector = app.get(EngineProjector);
    dataSource = app.get(DataSource);
    // The list reads the projection only: the audit trail, the broker and the clock are not used.
    monitor = new MonitorService(
      new SqlMonitorReads(dataSource),
      undefined as never,
      undefined as never,
      undefined as never,
    );
  });

  afterAll(async () => {
    for (const table of ['current_token', 'element_instance', 'process_instance'])
      await dataSource.query(`DELETE FROM ${table} WHERE process_instance_key BETWEEN ? AND ?`, [
        String(BASE),
        String(BASE + INSTANCES * 10 + 9),
      ]);
    await app.close();
  });

  const all = { all: true, unitCodes: [] };
  const query = (extra: Partial<InstanceQuery>): InstanceQuery =>
    Object.assign(new InstanceQuery(), { pageSize: 7, ...extra });
  /** The instances waiting at Review of PROCESS, newest first, from the element rows themselves. */
  const recomputed = async (): Promise<string[]> =>
    (
      await dataSource.query<{ k: string }[]>(
        `SELECT DISTINCT p.process_instance_key AS k, p.started_at FROM process_instance p
           JOIN element_instance e ON e.process_instance_key = p.process_instance_key
          WHERE p.bpmn_process_id = ? AND e.element_id = 'Review' AND e.state = 'active'
          ORDER BY p.started_at DESC, p.process_instance_key DESC`,
        [PROCESS],
      )
    ).map((row) => row.k);

  async function expectSameAsGeneralList(): Promise<void> {
    const expected = await recomputed();
    expect(expected.length).toBeGreaterThan(7);
    for (let page = 1; page <= Math.ceil(expected.length / 7) + 1; page++) {
      const fast = await monitor.instances(
        query({ process: PROCESS, activeElement: 'Review', page }),
        all,
      );
      // Any other filter takes the general list (a start window that holds every instance).
      const general = await monitor.instances(
        query({
          process: PROCESS,
          activeElement: 'Review',
          page,
          startedFrom: new Date(0).toISOString(),
        }),
        all,
      );
      expect(fast.total).toBe(expected.length);
      expect(general.total).toBe(expected.length);
      expect(fast.items.map((row) => row.processInstanceKey)).toEqual(
        expected.slice((page - 1) * 7, page * 7),
      );
      expect(fast.items).toEqual(general.items);
    }
    // Another branch's reader sees none of them (these instances carry no loan's branch).
    expect(
      await monitor.instances(query({ process: PROCESS, activeElement: 'Review' }), {
        all: false,
        unitCodes: ['BR-HZ'],
      }),
    ).toMatchObject({ total: 0, items: [] });
  }

  it('lists the same instances, in the same order and count, as the general list', async () => {
    const now = Date.now();
    const starts: StreamEntry[] = [];
    for (let i = 0; i < INSTANCES; i++) starts.push(...started(i, now - i * 60_000));
    await projector.apply(starts);
    await expectSameAsGeneralList();
    expect((await recomputed()).length).toBe(30);

    // A third of them move on; the batch comes twice, then the old starts come again.
    const moves: StreamEntry[] = [];
    for (let i = 0; i < INSTANCES; i += 3) moves.push(...passed(i, now + 1000));
    await projector.apply(moves);
    await projector.apply(moves);
    await projector.apply(starts);
    await expectSameAsGeneralList();
    const [{ n }] = await dataSource.query<{ n: string }[]>(
      `SELECT COUNT(*) AS n FROM current_token WHERE process_instance_key BETWEEN ? AND ?`,
      [String(BASE), String(BASE + INSTANCES * 10 + 9)],
    );
    const [{ active }] = await dataSource.query<{ active: string }[]>(
      `SELECT COUNT(*) AS active FROM element_instance WHERE state = 'active'
         AND process_instance_key BETWEEN ? AND ?`,
      [String(BASE), String(BASE + INSTANCES * 10 + 9)],
    );
    expect(Number(n)).toBe(Number(active));
  });
});
