/**
 * The monitoring projection at scale: how fast the projector applies exported records to MySQL,
 * and how fast the manager API lists instances once 100,000 of them are projected.
 *
 * 1. INSTANCES synthetic instances (default 100,000) as the exporter would write them (process and
 *    task element events, business-key variables) go through the projector's own apply in batches
 *    of 1,000, as its stream reader hands them over: records per second.
 * 2. The API lists them with the filters a manager uses: p50/p95/p99 per query.
 *
 *   BENCH=monitoring npm run bench      (INSTANCES=20000 REQUESTS=50 to change the load)
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ApiModule } from '../apps/api/src/api.module';
import { configureHttp } from '../apps/api/src/http/configure-http';
import { loadConfig } from '@loanflow/config';
import { DEMO_PASSWORD, seedDemoBank } from '@loanflow/identity';
import { EngineProjector, MonitoringWorkersModule } from '@loanflow/monitoring';
import { RuntimeModule } from '@loanflow/platform';
import type { ExportedRecord, StreamEntry } from '@loanflow/workflow';
import { Module } from '@nestjs/common';
import { describeLatency } from './percentiles';

const INSTANCES = Number(process.env.INSTANCES ?? 100_000);
const REQUESTS = Number(process.env.REQUESTS ?? 100);
const PORT = Number(process.env.BENCH_API_PORT ?? 3950);
const BATCH = 1000;
const BASE_KEY = 7_000_000_000_000_000;
const DAY = 86_400_000;

let position = 1;

function entry(
  valueType: string,
  intent: string,
  key: number,
  at: number,
  value: Record<string, unknown>,
): StreamEntry {
  const record: ExportedRecord = {
    valueType,
    recordType: 'EVENT',
    intent,
    key,
    position: position++,
    timestamp: at,
    value,
  };
  return { stream: 'bench', id: `${record.position}-0`, record };
}

/** The records one instance leaves: started, a task reached, for most of them completed. */
function recordsOf(i: number, began: number): StreamEntry[] {
  const key = BASE_KEY + i * 10;
  const process = i % 3 === 0 ? 'bench-list-collection' : 'bench-list-origination';
  const version = 1 + (Math.floor(i / 3) % 3);
  const definition = 9_000 + version;
  const at = began - (i % 365) * DAY - i;
  const state = i % 50 === 0 ? 'terminated' : i % 5 === 0 ? 'active' : 'completed';
  const element = (
    elementKey: number,
    elementId: string,
    type: string,
    intent: string,
    when: number,
  ) =>
    entry('PROCESS_INSTANCE', intent, elementKey, when, {
      processInstanceKey: key,
      processDefinitionKey: definition,
      bpmnProcessId: process,
      version,
      elementId,
      bpmnElementType: type,
      flowScopeKey: type === 'PROCESS' ? -1 : key,
    });
  const records = [
    element(key, process, 'PROCESS', 'ELEMENT_ACTIVATING', at),
    element(key, process, 'PROCESS', 'ELEMENT_ACTIVATED', at),
    entry('VARIABLE', 'CREATED', key + 1, at, {
      name: 'businessKey',
      value: JSON.stringify(`LNBENCH-${i}`),
      scopeKey: key,
      processInstanceKey: key,
      processDefinitionKey: definition,
      bpmnProcessId: process,
    }),
    element(key + 2, 'Review', 'USER_TASK', 'ELEMENT_ACTIVATING', at + 1),
    element(key + 2, 'Review', 'USER_TASK', 'ELEMENT_ACTIVATED', at + 1),
  ];
  if (state === 'active' && i % 100 === 5)
    records.push(
      entry('INCIDENT', 'CREATED', key + 3, at + 2, {
        processInstanceKey: key,
        processDefinitionKey: definition,
        bpmnProcessId: process,
        elementId: 'Review',
        elementInstanceKey: key + 2,
        jobKey: -1,
        errorType: 'EXTRACT_VALUE_ERROR',
        errorMessage: 'bench incident',
      }),
    );
  if (state !== 'active') {
    const end = state === 'completed' ? 'ELEMENT_COMPLETED' : 'ELEMENT_TERMINATED';
    records.push(element(key + 2, 'Review', 'USER_TASK', end, at + 3));
    records.push(element(key, process, 'PROCESS', end, at + 4));
  }
  return records;
}

async function project(projector: EngineProjector): Promise<void> {
  const began = Date.now();
  let pending: StreamEntry[] = [];
  let records = 0;
  const started = Date.now();
  for (let i = 0; i < INSTANCES; i++) {
    pending.push(...recordsOf(i, began));
    if (pending.length >= BATCH) {
      await projector.apply(pending);
      records += pending.length;
      pending = [];
    }
    if ((i + 1) % 20_000 === 0)
      process.stdout.write(`  ${i + 1}/${INSTANCES} instances projected\n`);
  }
  if (pending.length) {
    await projector.apply(pending);
    records += pending.length;
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `projector apply: ${records} records (${INSTANCES} instances) in ${seconds.toFixed(1)} s = ${(records / seconds).toFixed(0)} records/s, batches of ${BATCH}`,
  );
}

async function listLatencies(): Promise<void> {
  const base = `http://127.0.0.1:${PORT}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // A head-office reader: the bench's instances carry no loan, hence no branch, so a branch
    // reader would be shown none of them and the figures would time empty answers.
    body: JSON.stringify({ username: 'xu.committee', password: DEMO_PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const queries: [string, (n: number) => string][] = [
    ['newest first, page 1', () => ''],
    ['one process and state', () => 'process=bench-list-origination&state=active'],
    ['process, version, page 50', () => 'process=bench-list-collection&version=2&page=50'],
    ['by business key', (n) => `businessKey=LNBENCH-${(n * 997) % INSTANCES}`],
    ['with an open incident', () => 'hasIncident=true'],
    ['token at an element', () => 'activeElement=Review&process=bench-list-origination'],
    [
      'started in a 30-day window',
      () =>
        `startedFrom=${new Date(Date.now() - 60 * DAY).toISOString()}&startedTo=${new Date(Date.now() - 30 * DAY).toISOString()}`,
    ],
  ];
  console.log(
    `GET /api/monitor/instances over ${INSTANCES} projected instances, ${REQUESTS} requests per query:`,
  );
  for (const [label, query] of queries) {
    const samples: number[] = [];
    let total = 0;
    for (let n = 0; n < REQUESTS; n++) {
      const t0 = performance.now();
      const response = await fetch(`${base}/api/monitor/instances?pageSize=50&${query(n)}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      const body = (await response.json()) as { total: number };
      samples.push(performance.now() - t0);
      if (!response.ok) throw new Error(`${label}: ${response.status} ${JSON.stringify(body)}`);
      total = body.total;
    }
    console.log(`  ${describeLatency(label, samples)}  (${total} match)`);
  }
}

async function main(): Promise<void> {
  // The projector's stream reader stays off (no type matches): the bench feeds apply itself.
  process.env.WORKER_TYPES = 'bench.none';
  loadConfig();
  @Module({ imports: [RuntimeModule, MonitoringWorkersModule] })
  class ProjectorOnly {}
  const workers = await NestFactory.createApplicationContext(ProjectorOnly, { logger: ['error'] });
  const dataSource = workers.get(DataSource);
  await seedDemoBank(dataSource);
  // A rerun on the same database starts from nothing: positions start at 1 again.
  for (const table of ['current_token', 'element_instance', 'incident', 'process_instance'])
    await dataSource.query(`DELETE FROM ${table} WHERE process_instance_key BETWEEN ? AND ?`, [
      String(BASE_KEY),
      String(BASE_KEY + INSTANCES * 10 + 9),
    ]);
  await project(workers.get(EngineProjector));
  const api = configureHttp(
    await NestFactory.create(ApiModule, { logger: ['error'], bodyParser: false }),
  );
  await api.listen(PORT, '127.0.0.1');
  await listLatencies();
  await api.close();
  await workers.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
