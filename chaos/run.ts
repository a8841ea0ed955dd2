/**
 * npm run chaos: faults on a real cluster while loans go from application to disbursement and
 * disbursed loans are repaid and pass due dates. One at a time, at seeded random moments, it
 * SIGKILLs the broker leading a partition, a workers process during a disbursement, an api process
 * during a task completion, MariaDB and Redis, a workers process during a burst of user-task
 * creation, and restarts both workers processes in turn (SIGTERM, a rollout) during a burst;
 * restarts each and times the recovery; after a workers fault it counts, a minute on, the tasks the
 * engine has open that the inbox does not show; then checks the invariants (see checks.ts) and
 * prints them. The exit code is 0 only when every invariant holds.
 *
 *   CHAOS_SEED (random, printed)  CHAOS_LOANS (16)  CHAOS_ROUNDS (faults of each kind, 2)
 *   CHAOS_SERVICING (loans disbursed before the faults and then serviced, 3)  CHAOS_CONCURRENCY (3)
 *   CHAOS_STAGE_TIMEOUT_MS (240000): how long a loan may wait at one stage before the driver gives up
 *   CHAOS_RESULTS: a file to write the invariants to as a jest result (the test command counts it)
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@loanflow/persistence';
import { BrokerClock, createZeebeClient } from '@loanflow/workflow';
import { FailoverApi } from './api';
import { BrokerProbe, checkAll, tasksMissingFromInbox, Verdict } from './checks';
import {
  API_PORTS,
  BROKER_MANAGEMENT,
  DATABASE_URL,
  GATEWAY_GRPC,
  GATEWAY_REST,
  alive,
  kill9,
  REDIS_URL,
  restart,
  sh,
  signal,
  startMariadb,
  startRedis,
  STREAM_PREFIX,
  waitFor,
  waitGone,
  WORKER_PORTS,
} from './infra';
import { LoanDriver } from './loans';
import { itemAt, messageOf } from '@loanflow/domain';

const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const LOANS = Number(process.env.CHAOS_LOANS ?? 16);
const ROUNDS = Number(process.env.CHAOS_ROUNDS ?? 2);
const SERVICING = Number(process.env.CHAOS_SERVICING ?? 3);
const CONCURRENCY = Number(process.env.CHAOS_CONCURRENCY ?? 3);
const STAGE_TIMEOUT_MS = Number(process.env.CHAOS_STAGE_TIMEOUT_MS ?? 240_000);
const DAY = 86_400_000;
const MOMENT_WAIT_MS = 30_000;
/** Applications sent at once for a burst of user-task creation. */
const BURST = Number(process.env.CHAOS_BURST ?? 4);
/** A workers fault must leave no task older than this out of the inbox, one minute after it. */
const INBOX_GRACE_MS = 30_000;
const KINDS = [
  'broker-leader',
  'workers-disbursement',
  'api-completion',
  'mariadb',
  'redis',
  'workers-burst',
  'workers-rolling',
] as const;
type Kind = (typeof KINDS)[number];
/** CHAOS_KINDS (comma list) picks the kinds of fault; all of them unless it is set. */
const CHOSEN: readonly Kind[] = process.env.CHAOS_KINDS
  ? process.env.CHAOS_KINDS.split(',').map((kind) => {
      if (!(KINDS as readonly string[]).includes(kind))
        throw new Error(`CHAOS_KINDS: no fault kind "${kind}" (kinds: ${KINDS.join(', ')})`);
      return kind as Kind;
    })
  : KINDS;

/** mulberry32: the same seed, the same faults at the same moments of the workload. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(SEED);
const between = (lo: number, hi: number) => Math.floor(lo + random() * (hi - lo));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (message: string) =>
  console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${message}`);

interface Topology {
  brokers: { nodeId: number; partitions: { partitionId: number; role: string }[] }[];
}
async function topology(): Promise<Topology> {
  const response = await fetch(`${GATEWAY_REST}/v1/topology`, {
    signal: AbortSignal.timeout(3000),
  });
  return (await response.json()) as Topology;
}
async function topologyComplete(): Promise<boolean> {
  const roles = new Map<number, string[]>();
  for (const b of (await topology()).brokers ?? [])
    for (const p of b.partitions ?? [])
      roles.set(p.partitionId, [...(roles.get(p.partitionId) ?? []), p.role]);
  return (
    roles.size === 3 &&
    [...roles.values()].every(
      (r) =>
        r.filter((x) => x === 'leader').length === 1 &&
        r.filter((x) => x === 'follower').length === 2,
    )
  );
}
async function healthy(port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/health`, {
    signal: AbortSignal.timeout(3000),
  });
  return response.ok;
}

async function main(): Promise<void> {
  log(
    `seed ${SEED} (CHAOS_SEED=${SEED} repeats this run): ${LOANS} loans, ${SERVICING} serviced, ${ROUNDS} fault(s) of each kind`,
  );
  await startMariadb();
  await startRedis();
  sh('deploy/local/stack.sh', ['up', '--profile', 'cluster', '--fresh']);
  sh('deploy/local/cluster-apps.sh', ['up']);
  const dataSource = new DataSource(buildDataSourceOptions(DATABASE_URL));
  await dataSource.initialize();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  // Redis is one of the targets: its outage is expected here, the checks read it afterwards.
  redis.on('error', () => undefined);
  const clock = new BrokerClock(BROKER_MANAGEMENT.join(','));
  const zeebe = createZeebeClient(GATEWAY_GRPC);
  const broker = new BrokerProbe(zeebe);
  const api = new FailoverApi(API_PORTS.map((port) => `http://127.0.0.1:${port}`));

  // The faults wait on moments of the workload: a release (a disbursement job follows) and a completion.
  let onRelease: (() => void) | undefined;
  let onCompletion: (() => void) | undefined;
  const driver = new LoanDriver(
    api,
    {
      released: () => {
        const fire = onRelease;
        onRelease = undefined;
        fire?.();
      },
      beforeCompletion: () => {
        const fire = onCompletion;
        onCompletion = undefined;
        fire?.();
      },
    },
    STAGE_TIMEOUT_MS,
  );

  log(`warm-up: ${SERVICING} loan(s) to disbursement before any fault`);
  await Promise.all(Array.from({ length: SERVICING }, () => driver.originate()));
  const serviced = [...driver.disbursed];

  const faults: Kind[] = [];
  for (let r = 0; r < ROUNDS; r++) faults.push(...CHOSEN);
  for (let i = faults.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [faults[i], faults[j]] = [itemAt(faults, j, 'the faults'), itemAt(faults, i, 'the faults')];
  }
  // The clock moves (due dates pass) between faults at seeded places.
  const clockMoves = new Set(Array.from({ length: ROUNDS }, () => between(0, faults.length)));
  const recoveries: { kind: Kind; target: string; ms: number | null }[] = [];
  // The suite stands in for a supervisor (Kubernetes restarts a pod whose process exits): an app
  // process that died on its own is restarted, and counted, for no process should die of a fault
  // it was not the target of.
  const crashes: string[] = [];
  let lastFault = 'none yet';
  let expected = '';
  const supervise = () => {
    for (const name of ['api-1', 'api-2', 'workers-1', 'workers-2']) {
      if (name === expected || alive(name)) continue;
      crashes.push(`${name} (after ${lastFault})`);
      log(`  ${name} died on its own (after ${lastFault}): restarting it`);
      restart(name).catch(() => undefined);
    }
  };
  const watchdog = setInterval(supervise, 2000);
  let faultsDone = false;

  // A fault that waits for a moment of the workload never waits on the workload alone: when the
  // moment has not come for a while (the loans in flight are past it, or the load has stopped at
  // its cap), the suite starts a loan of its own, which passes every moment on its way.
  const momentOf = async (what: string, arm: (fire: () => void) => void) => {
    for (;;) {
      const came = await Promise.race([
        new Promise<boolean>((fire) => arm(() => fire(true))),
        sleep(MOMENT_WAIT_MS).then(() => false),
      ]);
      if (came) return;
      log(
        `  ${what} did not come for ${MOMENT_WAIT_MS / 1000} s: the suite starts a loan to make one`,
      );
      void driver.originate().catch((error) => log(`a loan could not start: ${messageOf(error)}`));
    }
  };
  const burst = () => {
    for (let i = 0; i < BURST; i++)
      void driver.originate().catch((error) => log(`a loan could not start: ${messageOf(error)}`));
  };
  const workersPort = (name: string) =>
    itemAt(WORKER_PORTS, Number(name.slice(-1)) - 1, 'the workers ports');
  /** A rollout: each workers process stopped in an orderly way and started again, one at a time. */
  const rollWorkers = async () => {
    for (const name of ['workers-1', 'workers-2']) {
      expected = name;
      const pid = signal(name, 'SIGTERM');
      await waitGone(pid);
      await restart(name);
      await waitFor(`${name} back`, () => healthy(workersPort(name)).catch(() => false), 120_000);
    }
  };
  const strandings: { kind: Kind; missing: number; open: number }[] = [];

  const injectAll = async () => {
    for (const [i, kind] of faults.entries()) {
      await sleep(between(2000, 8000));
      if (clockMoves.has(i)) {
        const now = await clock.advance(31 * DAY);
        log(`clock moved 31 days: ${now.toISOString()} (due dates pass)`);
      }
      let target = '';
      let pid = 0;
      let rolled: () => void = () => undefined;
      const rollout = new Promise<void>((r) => (rolled = r));
      const killedAt = await new Promise<number>((done) => {
        const strike = async () => {
          if (kind === 'broker-leader') {
            const partition = between(1, 4);
            const leader = (await topology()).brokers.find((b) =>
              b.partitions.some((p) => p.partitionId === partition && p.role === 'leader'),
            );
            target = `broker-${leader?.nodeId ?? 0}`;
          } else if (kind === 'workers-disbursement') {
            await momentOf('a release', (fire) => (onRelease = fire));
            await sleep(between(0, 400));
            target = `workers-${between(1, 3)}`;
          } else if (kind === 'api-completion') {
            await momentOf('a completion', (fire) => (onCompletion = fire));
            // The completion goes to this api; it dies while the call is in flight.
            target = `api-${api.peek() + 1}`;
            await sleep(between(5, 60));
          } else if (kind === 'workers-burst') {
            burst();
            await sleep(between(300, 1500));
            target = `workers-${between(1, 3)}`;
          } else if (kind === 'workers-rolling') {
            burst();
            await sleep(between(300, 1500));
            target = 'workers-1,2';
            done(Date.now());
            try {
              await rollWorkers();
            } catch (error) {
              log(`  the rollout did not finish: ${messageOf(error)}`);
            } finally {
              expected = '';
              rolled();
            }
            return;
          } else target = kind;
          expected = target;
          pid = kill9(target);
          done(Date.now());
        };
        // A strike that fails (no such process) must end the run loudly, never leave it waiting.
        void strike().catch((error) => {
          log(`  the fault could not be struck: ${messageOf(error)}`);
          done(Date.now());
        });
      });
      lastFault = `${kind} ${target}`;
      if (kind === 'workers-rolling') {
        log(`fault ${i + 1}/${faults.length}: ${kind}: SIGTERM and restart ${target} in turn`);
        await rollout;
      } else {
        log(`fault ${i + 1}/${faults.length}: ${kind}: SIGKILL ${target} (pid ${pid})`);
        await waitGone(pid);
        await sleep(
          kind === 'mariadb' || kind === 'redis' ? between(2000, 5000) : between(1000, 3000),
        );
        await restart(target);
        expected = '';
      }
      // Recovered: what was killed answers again (an app its /health once, a broker the topology
      // complete), and an api call is answered. The other workers' connection checks are not
      // waited on: on a loaded machine they flap while jobs flow.
      const port = [...API_PORTS, ...WORKER_PORTS][
        ['api-1', 'api-2', 'workers-1', 'workers-2'].indexOf(target)
      ];
      let targetBack = port === undefined;
      const recovered = await waitFor(
        `recovery from ${kind}`,
        async () => {
          if (!targetBack && port !== undefined)
            targetBack = await healthy(port).catch(() => false);
          if (!targetBack) return false;
          if (!(await topologyComplete())) return false;
          // A restarted broker's clock is back at the system time: in line with the others again.
          if (kind === 'broker-leader') await clock.align();
          const probe = await api.call('li.cm', 'GET', '/api/tasks');
          return probe.status === 200;
        },
        240_000,
      )
        .then(() => Date.now() - killedAt)
        .catch(() => null);
      recoveries.push({ kind, target, ms: recovered });
      log(
        `  recovered in ${recovered === null ? 'NOT RECOVERED' : `${(recovered / 1000).toFixed(1)} s`}`,
      );
      if (kind.startsWith('workers-')) {
        // A minute after the fault: every task the engine has had open for 30 s is in the inbox.
        await sleep(Math.max(0, killedAt + 60_000 - Date.now()));
        const brokerNow = (await clock.now()).getTime();
        const seen = await tasksMissingFromInbox(
          dataSource,
          redis,
          STREAM_PREFIX,
          brokerNow,
          INBOX_GRACE_MS,
        );
        strandings.push({ kind, ...seen });
        log(
          `  a minute on: ${seen.missing} of ${seen.open} open user tasks missing from the inbox`,
        );
      }
    }
    faultsDone = true;
    clearInterval(watchdog);
  };

  const load = async () => {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (!faultsDone || driver.started.length < LOANS + SERVICING) {
          if (driver.started.length >= LOANS + SERVICING + 30) break;
          await driver
            .originate()
            .catch((error) => log(`a loan could not start: ${messageOf(error)}`));
        }
      }),
    );
  };
  const repayments = async () => {
    let n = 0;
    while (!faultsDone) {
      for (const loanId of serviced) {
        if (faultsDone) break;
        await driver.repay(loanId, ++n, new Date()).catch(() => undefined);
        await sleep(1500);
      }
      if (serviced.length === 0) await sleep(1000);
    }
    return n;
  };
  const [, , paid] = await Promise.all([injectAll(), load(), repayments()]);

  log('faults done; waiting for the projection and the inbox to settle');
  let verdicts: Verdict[] = [];
  const settleUntil = Date.now() + 120_000;
  do {
    await sleep(5000);
    verdicts = await checkAll(dataSource, redis, STREAM_PREFIX, driver.started, broker);
  } while (verdicts.some((v) => v.value !== 0) && Date.now() < settleUntil);

  const times = recoveries
    .filter((r) => r.ms !== null)
    .map((r) => r.ms!)
    .sort((a, b) => a - b);
  const p50 = times[Math.floor((times.length - 1) / 2)] ?? 0;
  console.log('\n== chaos: results (seed ' + SEED + ')');
  console.log(
    `loans started ${driver.started.length}, disbursed ${driver.disbursed.length}, driver gave up on ${driver.failed.size}; repayments sent ${paid}; api failovers ${api.failovers}`,
  );
  for (const [loanId, why] of driver.failed) console.log(`  gave up on ${loanId}: ${why}`);
  const byKind = KINDS.map((k) => `${k} ${recoveries.filter((r) => r.kind === k).length}`).join(
    ', ',
  );
  console.log(`faults injected: ${byKind}`);
  for (const kind of KINDS) {
    const mine = recoveries.filter((r) => r.kind === kind);
    const ok = mine
      .filter((r) => r.ms !== null)
      .map((r) => r.ms!)
      .sort((a, b) => a - b);
    if (mine.length)
      console.log(
        `  recovery ${kind}: ${mine.map((r) => `${r.target} ${r.ms === null ? 'NOT RECOVERED' : (r.ms / 1000).toFixed(1) + ' s'}`).join(', ')}${ok.length ? ` (max ${((ok.at(-1) ?? 0) / 1000).toFixed(1)} s)` : ''}`,
      );
  }
  console.log(
    `recovery over all faults: p50 ${(p50 / 1000).toFixed(1)} s, max ${((times[times.length - 1] ?? 0) / 1000).toFixed(1)} s`,
  );
  verdicts.push({
    name: 'tasks missing from the inbox a minute after a workers fault',
    value: strandings.reduce((sum, s) => sum + s.missing, 0),
    detail:
      strandings.map((s) => `${s.kind}: ${s.missing} of ${s.open}`).join(', ') ||
      'no workers fault',
  });
  const unrecovered = recoveries.filter((r) => r.ms === null).length;
  verdicts.push({
    name: 'faults not recovered from',
    value: unrecovered,
    detail: `${recoveries.length} faults`,
  });
  verdicts.push({
    name: 'loans the driver could not finish',
    value: driver.failed.size,
    detail: `${driver.started.length} started`,
  });
  for (const v of verdicts)
    console.log(`${v.value === 0 ? 'ok  ' : 'FAIL'} ${v.name}: ${v.value} (${v.detail})`);

  if (process.env.CHAOS_RESULTS) {
    const failed = verdicts.filter((v) => v.value !== 0);
    writeFileSync(
      process.env.CHAOS_RESULTS,
      JSON.stringify({
        numPassedTests: verdicts.length - failed.length,
        numFailedTests: failed.length,
        numPendingTests: 0,
        numTodoTests: 0,
        numTotalTests: verdicts.length,
        success: failed.length === 0,
        testResults: [],
      }),
    );
  }
  process.exitCode = verdicts.every((v) => v.value === 0) ? 0 : 1;
  redis.disconnect();
  await zeebe.close();
  await dataSource.destroy().catch(() => undefined);
}

main().catch((error) => {
  console.error(error);
  if (process.env.CHAOS_RESULTS)
    writeFileSync(
      process.env.CHAOS_RESULTS,
      JSON.stringify({
        numPassedTests: 0,
        numFailedTests: 1,
        numPendingTests: 0,
        numTodoTests: 0,
        numTotalTests: 1,
        success: false,
        testResults: [],
      }),
    );
  process.exit(1);
});
