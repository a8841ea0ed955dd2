/**
 * The inbox under load:
 *  1. GET /api/tasks latency with 100,000 open tasks in MySQL (goal: p95 under 50 ms);
 *  2. time from a user task's creation in the engine to its row in the inbox.
 *
 *   npm run bench   (TASKS=100000 REQUESTS=2000 CONCURRENCY=8 USER_TASKS=200)
 */
import 'reflect-metadata';
import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { ApiModule } from '../apps/api/src/api.module';
import { configureHttp } from '../apps/api/src/http/configure-http';
import { loadConfig } from '@loanflow/config';
import { DEMO_PASSWORD, seedDemoBank } from '@loanflow/identity';
import { RuntimeModule } from '@loanflow/platform';
import { buildDataSourceOptions, onlyRow } from '@loanflow/persistence';
import { TasksWorkersModule } from '@loanflow/tasks';
import { createZeebeClient, decodeStreamEntry, streamName } from '@loanflow/workflow';
import { describeLatency } from './percentiles';
import { itemAt } from '@loanflow/domain';

const TASKS = Number(process.env.TASKS ?? 100_000);
const REQUESTS = Number(process.env.REQUESTS ?? 1000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const USER_TASKS = Number(process.env.USER_TASKS ?? 200);
const PORT = 3900;

const FORMS = [
  'loanflow:investigation-report',
  'loanflow:review-opinion',
  'loanflow:approval-decision',
];
const ROLE_OF_FORM: Record<string, string> = {
  'loanflow:investigation-report': 'customer-manager',
  'loanflow:review-opinion': 'reviewer',
  'loanflow:approval-decision': 'approver',
};
/**
 * 100,000 open tasks spread as in a bank of ~200 sub-branches: the demo bank's units plus synthetic
 * sub-branches under a synthetic branch, so a branch reviewer sees her branch's share while a
 * head-office approver sees every approval task (the worst case).
 */
const SYNTHETIC_UNITS = Array.from({ length: 194 }, (_, i) => `SB-X-${String(i).padStart(3, '0')}`);
const UNITS = ['SB-HZ-XH', 'SB-HZ-BJ', 'BR-HZ', 'SB-NB-YZ', 'BR-NB', 'HO', ...SYNTHETIC_UNITS];

async function seedOpenTasks(dataSource: DataSource): Promise<void> {
  const { n } = onlyRow(
    await dataSource.query<{ n: string }[]>(
      `SELECT COUNT(*) AS n FROM user_task_candidate WHERE group_key LIKE 'g:%:SB-X-%' AND branch_code IS NOT NULL`,
    ),
    'seeded inbox rows',
  );
  if (Number(n) > 0) return;
  await dataSource.query(`DELETE FROM user_task WHERE id LIKE 'B%'`);
  await dataSource.query(
    `INSERT IGNORE INTO org_unit (code, name, kind, parent_code, path) VALUES ('BR-X', 'Synthetic branch', 'branch', 'HO', '/HO/BR-X/')`,
  );
  await dataSource.query(
    'INSERT IGNORE INTO org_unit (code, name, kind, parent_code, path) VALUES ?',
    [SYNTHETIC_UNITS.map((code) => [code, code, 'sub-branch', 'BR-X', `/HO/BR-X/${code}/`])],
  );
  const loan = JSON.stringify({
    applicantName: 'Bench',
    applicantIdNumber: '33010619900101123X',
    product: 'consumer',
    amount: '100000.00',
    termMonths: 12,
    riskGrade: 'A',
    branchCode: 'SB-HZ-XH',
  });
  const started = Date.now();
  const now = new Date();
  for (let offset = 0; offset < TASKS; offset += 1000) {
    const tasks: unknown[] = [];
    const candidates: unknown[] = [];
    for (let i = offset; i < Math.min(TASKS, offset + 1000); i++) {
      const id = `B${String(i).padStart(12, '0')}`;
      const form = itemAt(FORMS, i % FORMS.length, 'the forms');
      // Each task's loan belongs to the unit its group names: the branch the access policy filters by.
      const unit = itemAt(UNITS, (i >> 2) % UNITS.length, 'the units');
      const group = `${ROLE_OF_FORM[form] ?? 'unknown'}:${unit}`;
      const assigned = i % 10 === 0 ? 'someone.else' : null;
      const due = new Date(Date.now() + ((i * 7919) % (30 * 24 * 3600)) * 1000);
      tasks.push([
        id,
        String(i),
        'bench',
        1,
        'Task',
        String(i),
        form,
        `BL-${i}`,
        JSON.stringify([group]),
        '[]',
        assigned,
        due,
        'open',
        loan,
        now,
        unit,
      ]);
      if (!assigned) candidates.push([id, `g:${group}`, form, due, now, unit]);
    }
    await dataSource.query(
      `INSERT INTO user_task (id, process_instance_key, bpmn_process_id, process_version, element_id, element_instance_key,
        form_key, business_key, candidate_groups, candidate_users, assignee, due_at, state, loan_summary, created_at,
        branch_code) VALUES ?`,
      [tasks],
    );
    if (candidates.length) {
      await dataSource.query(
        'INSERT INTO user_task_candidate (task_id, group_key, form_key, due_at, created_at, branch_code) VALUES ?',
        [candidates],
      );
    }
  }
  await dataSource.query('ANALYZE TABLE user_task, user_task_candidate');
  console.log(`seeded ${TASKS} open tasks in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function login(username: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${PORT}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function measureList(
  label: string,
  token: string,
  query: string,
  concurrency: number,
): Promise<void> {
  const samples: number[] = [];
  let next = 0;
  let total = '';
  const run = async () => {
    while (next++ < REQUESTS) {
      const started = process.hrtime.bigint();
      const response = await fetch(`http://127.0.0.1:${PORT}/api/tasks${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await response.json()) as { total: number; totalCapped?: boolean };
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (!response.ok) throw new Error(`GET /api/tasks answered ${response.status}`);
      total = `${body.total}${body.totalCapped ? '+' : ''}`;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, run));
  console.log(`${describeLatency(label, samples)}  (${total} tasks match)`);
}

async function measureIntake(dataSource: DataSource): Promise<void> {
  const config = loadConfig();
  const client = createZeebeClient(config.ZEEBE_GRPC_ADDRESS);
  const redis = new Redis(config.REDIS_URL);
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D" targetNamespace="https://loanflow.example/bench">
  <bpmn:process id="bench-user-task" isExecutable="true">
    <bpmn:startEvent id="S" /><bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Review" />
    <bpmn:userTask id="Review"><bpmn:extensionElements>
      <zeebe:formDefinition formKey="loanflow:review-opinion" />
      <zeebe:assignmentDefinition candidateGroups="reviewer:BR-HZ" />
    </bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="E" /><bpmn:endEvent id="E" />
  </bpmn:process>
</bpmn:definitions>`;
  await client.deployResources([{ process: Buffer.from(xml), name: 'bench-user-task.bpmn' }]);
  const loan = {
    applicantName: 'Bench',
    applicantIdNumber: '33010619900101123X',
    product: 'consumer',
    amount: '100000.00',
    termMonths: 12,
    riskGrade: 'A',
    branchCode: 'BR-HZ',
  };
  const keys = new Set<string>();
  for (let i = 0; i < USER_TASKS; i++) {
    const instance = await client.createProcessInstance({
      bpmnProcessId: 'bench-user-task',
      variables: { businessKey: `BI-${i}`, loan },
    });
    keys.add(String(instance.processInstanceKey));
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // Wait until every task is in the inbox.
  for (let i = 0; i < 300; i++) {
    const { n } = onlyRow(
      await dataSource.query<{ n: string }[]>(
        `SELECT COUNT(*) AS n FROM user_task WHERE bpmn_process_id = 'bench-user-task'`,
      ),
      'bench tasks in the inbox',
    );
    if (Number(n) >= USER_TASKS) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const created = new Map<string, number>();
  for (const [, fields] of await redis.xrange(
    streamName(config.EXPORTER_STREAM_PREFIX, 'JOB'),
    '-',
    '+',
  )) {
    const record = decodeStreamEntry(fields);
    if (record?.intent === 'CREATED' && keys.has(String(record.value.processInstanceKey)))
      created.set(String(record.key), record.timestamp);
  }
  const rows: { id: string; created_at: Date }[] = await dataSource.query(
    `SELECT id, created_at FROM user_task WHERE bpmn_process_id = 'bench-user-task'`,
  );
  const latencies = rows
    .filter((row) => created.has(row.id))
    .map((row) => row.created_at.getTime() - created.get(row.id)!);
  console.log(describeLatency('user task created -> in the inbox', latencies));
  redis.disconnect();
  await client.close();
}

async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = new DataSource(buildDataSourceOptions(config.DATABASE_URL));
  await dataSource.initialize();
  await seedDemoBank(dataSource);
  await seedOpenTasks(dataSource);

  @Module({ imports: [RuntimeModule, TasksWorkersModule] })
  class BenchInboxWorkers {}
  const workers = await NestFactory.createApplicationContext(BenchInboxWorkers, {
    logger: ['error'],
  });
  await workers.init();
  const api: INestApplication = configureHttp(
    await NestFactory.create(ApiModule, { logger: ['error'], bodyParser: false }),
  );
  await api.listen(PORT, '127.0.0.1');

  const reviewer = await login('wang.reviewer');
  const committee = await login('xu.committee');
  for (const concurrency of [1, CONCURRENCY]) {
    console.log(
      `GET /api/tasks with ${TASKS} open tasks, ${REQUESTS} requests, ${concurrency} concurrent`,
    );
    await measureList('branch reviewer, page 1', reviewer, '', concurrency);
    await measureList('branch reviewer, one loan', reviewer, '?loan=BL-4001', concurrency);
    await measureList(
      'head-office approver, page 3 (worst)',
      committee,
      '?sort=-due&page=3',
      concurrency,
    );
  }
  await measureIntake(dataSource);

  await api.close();
  await workers.close();
  await dataSource.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
