/**
 * The invariants after the faults, read from the database and from the engine's own exported
 * records (the Redis streams every broker's exporter writes): nothing lost, nothing paid twice,
 * the ledger exact, every completion audited once, the inbox and the projection equal to the engine.
 */
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { verifyLedger } from '@loanflow/servicing';
import { keptPositionsDisagreeing } from '@loanflow/monitoring';
import { decodeStreamEntry, ExportedRecord, streamName, ZeebeClient } from '@loanflow/workflow';
import { itemAt, textOf } from '@loanflow/domain';
import { onlyRow } from '@loanflow/persistence';

const USER_TASK_JOB = 'io.camunda.zeebe:userTask';
/** The inbox's own hold: what the probe of a task the inbox has sets its job's hold to, as the inbox would. */
const INBOX_HOLD_MS = 14 * 24 * 3600 * 1000;
/**
 * What the probe of a task the inbox does not have sets its job's hold to: a second, so that the
 * job comes back to the intake at once (the intake dropped it, say while MariaDB was away, and
 * left it to its short activation hold). A longer hold here would keep the job from ever coming
 * back while the suite waits for the inbox to settle, probing it every few seconds.
 */
const GIVE_BACK_MS = 1000;

/**
 * The broker's answer where the records leave a doubt (a record the exporter lost when Redis died):
 * false when it has no such job or instance, true when it has, null when it could not be asked.
 * Probing an instance sets no variable (an empty document); probing a user-task job the inbox has
 * extends its hold, which is what the inbox does itself, and one it lacks gives it back to the
 * intake.
 */
export class BrokerProbe {
  constructor(private readonly zeebe: ZeebeClient) {}

  /** `held`: the inbox has the task (its hold is set as the inbox sets it); else it is given back. */
  hasJob(jobKey: string, held: boolean): Promise<boolean | null> {
    return this.answer(() =>
      this.zeebe.updateJobTimeout({ jobKey, timeout: held ? INBOX_HOLD_MS : GIVE_BACK_MS }),
    );
  }

  hasInstance(processInstanceKey: string): Promise<boolean | null> {
    return this.answer(() =>
      this.zeebe.setVariables({
        elementInstanceKey: processInstanceKey,
        variables: {},
        local: false,
      }),
    );
  }

  private async answer(call: () => Promise<unknown>): Promise<boolean | null> {
    try {
      await call();
      return true;
    } catch (error) {
      const { code, message } = error as { code?: number | string; message?: string };
      if (code === 5 || code === 'NOT_FOUND' || /NOT_FOUND/.test(message ?? '')) return false;
      // FAILED_PRECONDITION: a job that exists but is not activated just now.
      if (code === 9 || code === 'FAILED_PRECONDITION') return true;
      return null;
    }
  }
}

export interface Verdict {
  name: string;
  value: number;
  detail: string;
}

async function records(redis: Redis, prefix: string, valueType: string): Promise<ExportedRecord[]> {
  const out: ExportedRecord[] = [];
  let from = '-';
  for (;;) {
    const batch = await redis.xrange(streamName(prefix, valueType), from, '+', 'COUNT', 5000);
    for (const [, fields] of batch) {
      const record = decodeStreamEntry(fields);
      if (record && record.recordType === 'EVENT') out.push(record);
    }
    if (batch.length < 5000) return out;
    from = `(${itemAt(batch, -1, 'the batch')[0]}`;
  }
}

/** What the engine's records say: instance states, open user-task jobs, open wait points. */
export interface EngineView {
  instances: Map<string, { process: string; state: 'active' | 'completed' | 'terminated' }>;
  openUserTasks: Set<string>;
  /** When each open user-task job was created, on the broker's clock. */
  userTaskCreatedAt: Map<string, number>;
  /** Process instance keys with an open user task, timer or message subscription. */
  waiting: Set<string>;
  /** What each instance is at (for the report of one found lost): open elements, jobs, incidents. */
  whereAt: Map<string, string[]>;
}

export async function engineView(redis: Redis, prefix: string): Promise<EngineView> {
  const instances: EngineView['instances'] = new Map();
  const whereAt = new WhereAt();
  for (const r of await records(redis, prefix, 'PROCESS_INSTANCE')) {
    whereAt.element(r);
    if (r.value.bpmnElementType !== 'PROCESS') continue;
    const key = String(r.key);
    const known = instances.get(key);
    const process = String(r.value.bpmnProcessId);
    // An ended instance stays ended, whatever order a re-export delivers its records in.
    if (r.intent === 'ELEMENT_COMPLETED') instances.set(key, { process, state: 'completed' });
    else if (r.intent === 'ELEMENT_TERMINATED')
      instances.set(key, { process, state: 'terminated' });
    else if (!known) instances.set(key, { process, state: 'active' });
  }
  const open = new Map<string, string>();
  const closed = new Set<string>();
  const track = (key: string, instance: string, opens: boolean, closes: boolean) => {
    if (closes) closed.add(key);
    else if (opens) open.set(key, instance);
  };
  const openUserTasks = new Set<string>();
  const userTaskCreatedAt = new Map<string, number>();
  const userTaskClosed = new Set<string>();
  for (const r of await records(redis, prefix, 'JOB')) {
    const key = String(r.key);
    const instance = String(r.value.processInstanceKey);
    whereAt.job(r);
    if (r.value.type === USER_TASK_JOB) {
      if (['COMPLETED', 'CANCELED', 'ERROR_THROWN'].includes(r.intent)) userTaskClosed.add(key);
      else if (r.intent === 'CREATED') {
        openUserTasks.add(key);
        userTaskCreatedAt.set(key, r.timestamp);
      }
      track(
        `job:${key}`,
        instance,
        r.intent === 'CREATED',
        ['COMPLETED', 'CANCELED', 'ERROR_THROWN'].includes(r.intent),
      );
    }
  }
  for (const key of userTaskClosed) openUserTasks.delete(key);
  for (const r of await records(redis, prefix, 'TIMER'))
    track(
      `timer:${r.key}`,
      String(r.value.processInstanceKey),
      r.intent === 'CREATED',
      ['TRIGGERED', 'CANCELED'].includes(r.intent),
    );
  for (const r of await records(redis, prefix, 'PROCESS_MESSAGE_SUBSCRIPTION'))
    track(
      `msg:${r.key}`,
      String(r.value.processInstanceKey),
      r.intent === 'CREATED',
      ['CORRELATED', 'DELETED'].includes(r.intent) && r.value.interrupting !== false,
    );
  for (const r of await records(redis, prefix, 'INCIDENT')) whereAt.incident(r);
  const waiting = new Set<string>();
  for (const [key, instance] of open) if (!closed.has(key)) waiting.add(instance);
  return { instances, openUserTasks, userTaskCreatedAt, waiting, whereAt: whereAt.byInstance() };
}

/**
 * Follows each instance's open element instances, service-task jobs and incidents, so that an
 * instance found lost is reported with where it stopped and why (not only its key).
 */
class WhereAt {
  private readonly elements = new Map<string, { instance: string; text: string }>();
  private readonly jobs = new Map<string, { instance: string; text: string }>();
  private readonly incidents = new Map<string, { instance: string; text: string }>();

  element(r: ExportedRecord): void {
    if (r.value.bpmnElementType === 'PROCESS') return;
    const key = String(r.key);
    if (r.intent === 'ELEMENT_ACTIVATING' || r.intent === 'ELEMENT_ACTIVATED')
      this.elements.set(key, {
        instance: String(r.value.processInstanceKey),
        text: `at ${String(r.value.elementId)}`,
      });
    else if (r.intent === 'ELEMENT_COMPLETED' || r.intent === 'ELEMENT_TERMINATED')
      this.elements.delete(key);
  }

  job(r: ExportedRecord): void {
    if (r.value.type === USER_TASK_JOB) return;
    const key = String(r.key);
    if (['COMPLETED', 'CANCELED', 'ERROR_THROWN'].includes(r.intent)) {
      this.jobs.delete(key);
      return;
    }
    const error = r.value.errorMessage ? `: ${textOf(r.value.errorMessage).slice(0, 160)}` : '';
    this.jobs.set(key, {
      instance: String(r.value.processInstanceKey),
      text: `job ${String(r.value.type)} ${r.intent.toLowerCase()}, retries ${String(r.value.retries)}${error}`,
    });
  }

  incident(r: ExportedRecord): void {
    const key = String(r.key);
    if (r.intent === 'RESOLVED') this.incidents.delete(key);
    else if (r.intent === 'CREATED')
      this.incidents.set(key, {
        instance: String(r.value.processInstanceKey),
        text: `incident ${String(r.value.errorType)}: ${textOf(r.value.errorMessage).slice(0, 160)}`,
      });
  }

  byInstance(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const open of [this.elements, this.jobs, this.incidents])
      for (const { instance, text } of open.values())
        out.set(instance, [...(out.get(instance) ?? []), text]);
    return out;
  }
}

export async function checkAll(
  dataSource: DataSource,
  redis: Redis,
  prefix: string,
  startedLoans: string[],
  broker: BrokerProbe,
): Promise<Verdict[]> {
  const engine = await engineView(redis, prefix);
  const out: Verdict[] = [];
  // Records the exporter never delivered, found by asking the broker (each names what it is).
  const unexported: string[] = [];

  const openInInbox = await dataSource.query<{ id: string; instance: string }[]>(
    `SELECT id, process_instance_key AS instance FROM user_task WHERE state = 'open'`,
  );
  // An instance with a task open in the inbox waits on a person, even when the records of that
  // task were lost (the inbox is checked against the broker in 5).
  const waitsOnPerson = new Set(openInInbox.map((t) => String(t.instance)));

  // 1. Lost: an origination instance neither ended nor waiting on a person, a timer or a message.
  // One the broker no longer has ended; only its records are missing (counted in 7).
  const lost: string[] = [];
  for (const [key, i] of engine.instances) {
    if (i.state !== 'active' || engine.waiting.has(key) || waitsOnPerson.has(key)) continue;
    if ((await broker.hasInstance(key)) === false) {
      unexported.push(`instance ${key} ended`);
      continue;
    }
    lost.push(
      `${i.process}/${key} (${(engine.whereAt.get(key) ?? ['no open element']).join('; ')})`,
    );
  }
  const registered = onlyRow(
    await dataSource.query<{ n: string }[]>(`SELECT COUNT(*) AS n FROM loan WHERE id IN (?)`, [
      startedLoans.length ? startedLoans : ['-'],
    ]),
    'started loans on file',
  );
  const unregistered = startedLoans.length - Number(registered.n);
  out.push({
    name: 'instances lost',
    value: lost.length + unregistered,
    detail: `${engine.instances.size} instances in the records; ${lost.slice(0, 5).join(', ')}${unregistered ? `; ${unregistered} started loans not in the register` : ''}`,
  });

  // 2. Payouts: one disbursement row, one payout audit entry and one balanced pair of entries each.
  const payouts = await dataSource.query<
    { id: string; rows_: string; audits: string; entries: string }[]
  >(
    `SELECT l.id,
       (SELECT COUNT(*) FROM disbursement d WHERE d.loan_id = l.id) AS rows_,
       (SELECT COUNT(*) FROM audit_entry a WHERE a.loan_key = l.id AND a.action = 'loan.disburse') AS audits,
       (SELECT COUNT(*) FROM ledger_entry e JOIN disbursement d ON d.txn_id = e.txn_id WHERE d.loan_id = l.id) AS entries
     FROM loan l WHERE l.status = 'disbursed' OR EXISTS (SELECT 1 FROM disbursement d WHERE d.loan_id = l.id)`,
  );
  const wrong = payouts.filter(
    (p) => Number(p.rows_) !== 1 || Number(p.audits) !== 1 || Number(p.entries) !== 2,
  );
  out.push({
    name: 'loans not paid exactly once',
    value: wrong.length,
    detail: `${payouts.length} disbursed loans; ${wrong
      .slice(0, 5)
      .map((p) => `${p.id}: ${p.rows_} payout(s), ${p.audits} audit(s), ${p.entries} entries`)
      .join('; ')}`,
  });

  // 3. The ledger's trial balance.
  const ledger = await verifyLedger(dataSource);
  out.push({
    name: 'ledger problems',
    value: ledger.problems.length,
    detail: `${ledger.transactions} transactions, ${ledger.accounts} accounts; ${ledger.problems
      .slice(0, 3)
      .map((p) => `${p.check}: ${p.message}`)
      .join('; ')}`,
  });

  // 3b. The kept positions the figures read agree with the installments they are kept from.
  const disagreeing = await keptPositionsDisagreeing(dataSource);
  out.push({
    name: 'kept loan positions differing from the installments',
    value: disagreeing.length,
    detail:
      disagreeing.length === 0
        ? 'every loan with installments'
        : disagreeing.slice(0, 5).join(', '),
  });

  // 4. Every completion through the inbox audited exactly once (its 'ok' entry; a person's attempts
  // refused meanwhile, while the completion was pending, are audited as refusals of their own).
  const audits = await dataSource.query<{ id: string; n: string }[]>(
    `SELECT t.id, (SELECT COUNT(*) FROM audit_entry a WHERE a.task_id = t.id AND a.action = 'task.complete' AND a.outcome = 'ok') AS n
     FROM user_task t WHERE t.state = 'completed' AND t.completed_by IS NOT NULL`,
  );
  const gaps = audits.filter((a) => Number(a.n) === 0);
  const doubles = audits.filter((a) => Number(a.n) > 1);
  out.push({
    name: 'task completions not audited exactly once',
    value: gaps.length + doubles.length,
    detail: `${audits.length} completed tasks; ${gaps.length} without an audit row, ${doubles.length} with more than one`,
  });

  // 5. The inbox's open tasks are the engine's open user-task jobs. The broker decides for every
  // task the inbox shows open: one it no longer has should have been ended (the hold pass finds
  // those whose ending was never exported); one it has that the records never showed created is a
  // creation the exporter lost, not a difference.
  const inbox = new Set(openInInbox.map((t) => String(t.id)));
  const missing: string[] = [];
  for (const id of engine.openUserTasks) {
    if (inbox.has(id)) continue;
    if ((await broker.hasJob(id, false)) === false) unexported.push(`user task ${id} ended`);
    else missing.push(id);
  }
  const extra: string[] = [];
  for (const id of inbox) {
    const has = await broker.hasJob(id, true);
    if (has === false || (has === null && !engine.openUserTasks.has(id))) extra.push(id);
    else if (has && !engine.openUserTasks.has(id)) unexported.push(`user task ${id} created`);
  }
  out.push({
    name: 'inbox differences from the engine',
    value: missing.length + extra.length,
    detail: `${engine.openUserTasks.size} open user-task jobs; ${missing.length} missing from the inbox, ${extra.length} open in the inbox only`,
  });

  // 6. The projection's instances are the engine's.
  const projected = new Map(
    (
      await dataSource.query<
        {
          k: string;
          state: string;
        }[]
      >(`SELECT process_instance_key AS k, state FROM process_instance`)
    ).map((r) => [r.k, r.state]),
  );
  const differ = [...engine.instances].filter(([key, i]) => projected.get(key) !== i.state);
  out.push({
    name: 'projection differences from the engine',
    value: differ.length,
    detail: `${engine.instances.size} instances; ${differ
      .slice(0, 5)
      .map(([k, i]) => `${k}: engine ${i.state}, projection ${projected.get(k) ?? 'absent'}`)
      .join('; ')}`,
  });

  // 7. What the exporter never delivered (records in flight when Redis died): the projection shows
  // these as the records left them, so monitoring is stale for them (docs/operations/cluster.md).
  out.push({
    name: 'records the exporter never delivered',
    value: unexported.length,
    detail: unexported.length ? unexported.slice(0, 5).join(', ') : 'none',
  });
  return out;
}

/**
 * User tasks the engine has had open for longer than `olderThanMs` (broker clock) that have no row
 * in the inbox at all: after a workers process dies or is restarted, this must be 0 within a
 * minute. (A task the inbox already shows as completed while the engine's record of it has not
 * reached the stream yet is not missing; the settled checks at the end compare states.)
 */
export async function tasksMissingFromInbox(
  dataSource: DataSource,
  redis: Redis,
  prefix: string,
  brokerNow: number,
  olderThanMs: number,
): Promise<{ missing: number; open: number }> {
  const engine = await engineView(redis, prefix);
  const settled = [...engine.openUserTasks].filter(
    (id) => (engine.userTaskCreatedAt.get(id) ?? 0) <= brokerNow - olderThanMs,
  );
  if (settled.length === 0) return { missing: 0, open: 0 };
  const filed = new Set(
    (
      await dataSource.query<
        {
          id: string;
        }[]
      >(`SELECT id FROM user_task WHERE id IN (?)`, [settled])
    ).map((r) => String(r.id)),
  );
  return { missing: settled.filter((id) => !filed.has(id)).length, open: settled.length };
}
