/**
 * The chaos suite's processes: its own MariaDB and Redis (so killing them never touches the
 * machine's shared servers), the local cluster (deploy/local/stack.sh --profile cluster) and the
 * 2+2 app processes (deploy/local/cluster-apps.sh). Every process is known by a pid file, killed by
 * SIGKILL and restarted by the same command that started it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
// scripts/chaos.sh moves the suite's ports 500 past the checkout's and gives its cluster the folder
// var/chaos/cluster, so it runs beside a cluster of the same checkout.
const offset = Number(process.env.LOANFLOW_PORT_OFFSET ?? 0);
export const CHAOS_DIR = join(ROOT, 'var/chaos');
const CLUSTER_DIR = process.env.CLUSTER_VAR_DIR ?? join(ROOT, 'var/cluster');
export const MARIADB_PORT = 3390 + offset;
export const REDIS_PORT = 6390 + offset;
export const DATABASE_URL = `mysql://root@127.0.0.1:${MARIADB_PORT}/loanflow_chaos`;
export const REDIS_URL = `redis://127.0.0.1:${REDIS_PORT}`;
export const STREAM_PREFIX = 'zeebe-chaos';
export const API_PORTS = [3800 + offset, 3801 + offset];
export const WORKER_PORTS = [3810 + offset, 3811 + offset];
export const GATEWAY_REST = `http://127.0.0.1:${8388 + offset}`;
export const GATEWAY_GRPC = `127.0.0.1:${26800 + offset}`;
export const BROKER_MANAGEMENT = [0, 1, 2].map((n) => `http://127.0.0.1:${9910 + n + offset}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The environment the stack scripts and the apps get: this suite's database, Redis and streams. */
export function stackEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    REDIS_URL,
    DATABASE_URL,
    CLUSTER_DATABASE_URL: DATABASE_URL,
    EXPORTER_STREAM_PREFIX: STREAM_PREFIX,
    LOG_LEVEL: 'warn',
  };
}

export function tcpOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // A check that throws, at once or later, counts as not yet.
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    await sleep(250);
  }
  throw new Error(`${what}: not within ${ms / 1000} s`);
}

function pidFile(name: string): string {
  return join(CHAOS_DIR, 'pids', `${name}.pid`);
}

/** Starts a detached daemon whose pid goes to var/chaos/pids/NAME.pid (the shell trap's list). */
function daemon(name: string, command: string, args: string[]): void {
  mkdirSync(join(CHAOS_DIR, 'pids'), { recursive: true });
  mkdirSync(join(CHAOS_DIR, 'log'), { recursive: true });
  const log = join(CHAOS_DIR, 'log', `${name}.log`);
  const child = spawn('bash', ['-c', `exec "$0" "$@" >>"${log}" 2>&1`, command, ...args], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  writeFileSync(pidFile(name), String(child.pid));
}

export function mariadbArgs(): string[] {
  const dir = join(CHAOS_DIR, 'mysql');
  return [
    '--no-defaults',
    `--datadir=${dir}`,
    `--port=${MARIADB_PORT}`,
    `--socket=${join(CHAOS_DIR, 'mysqld.sock')}`,
    `--pid-file=${join(CHAOS_DIR, 'mysqld.pid')}`,
    '--bind-address=127.0.0.1',
    '--user=' + (process.getuid?.() === 0 ? 'root' : (process.env.USER ?? 'root')),
    '--innodb-buffer-pool-size=256M',
    '--max-connections=400',
    '--skip-log-bin',
  ];
}

export async function startMariadb(): Promise<void> {
  const dir = join(CHAOS_DIR, 'mysql');
  if (!existsSync(join(dir, 'mysql'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync(
      'mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${dir}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        ...(process.getuid?.() === 0 ? ['--user=root'] : []),
      ],
      { stdio: 'ignore' },
    );
  }
  daemon('mariadb', '/usr/sbin/mariadbd', mariadbArgs());
  await waitFor('MariaDB answers', () => tcpOpen(MARIADB_PORT), 60_000);
}

export async function startRedis(): Promise<void> {
  // An append-only file: a SIGKILLed Redis comes back with every entry it acknowledged, as a
  // production Redis holding the exporter's streams must. It listens on a local socket only until
  // its data is loaded, then opens its TCP port (deploy/redis/redis-start.sh says why: a loading
  // Redis refuses the exporter's writes with LOADING and the exporter never sends them again).
  const socket = join(CHAOS_DIR, 'redis-loading.sock');
  daemon('redis', 'redis-server', [
    '--port',
    '0',
    '--unixsocket',
    socket,
    '--unixsocketperm',
    '700',
    '--bind',
    '127.0.0.1',
    '--dir',
    CHAOS_DIR,
    '--appendonly',
    'yes',
    // Every write on disk before it is acknowledged, as the streams' Redis must run: the exporter
    // never sends a record again once Redis took it (docs/operations/cluster.md).
    '--appendfsync',
    'always',
    '--save',
    '',
  ]);
  await waitFor('Redis has loaded its data', () => redisCli(socket, ['ping']) === 'PONG', 60_000);
  redisCli(socket, ['config', 'set', 'port', String(REDIS_PORT)]);
  await waitFor('Redis answers', () => tcpOpen(REDIS_PORT), 30_000);
}

function redisCli(socket: string, args: string[]): string {
  try {
    return execFileSync('redis-cli', ['-s', socket, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return '';
  }
}

export function pidOf(name: string): number | undefined {
  const file = name.startsWith('broker-')
    ? join(CLUSTER_DIR, `${name}.pid`)
    : name.startsWith('api-') || name.startsWith('workers-')
      ? join(CLUSTER_DIR, 'apps', `${name}.pid`)
      : pidFile(name);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function alive(name: string): boolean {
  const pid = pidOf(name);
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function kill9(name: string): number {
  return signal(name, 'SIGKILL');
}

/** Sends a signal to a process the suite knows by name (SIGTERM: the orderly stop of a rollout). */
export function signal(name: string, sig: NodeJS.Signals): number {
  const pid = pidOf(name);
  if (!pid) throw new Error(`no pid for ${name}`);
  process.kill(pid, sig);
  return pid;
}

export async function waitGone(pid: number): Promise<void> {
  await waitFor(
    `pid ${pid} gone`,
    () => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    },
    30_000,
  );
}

export function sh(script: string, args: string[]): void {
  execFileSync('bash', [join(ROOT, script), ...args], { env: stackEnv(), stdio: 'inherit' });
}

/** Restarts what a fault killed, by the command that started it. */
export async function restart(name: string): Promise<void> {
  if (name === 'mariadb') return startMariadb();
  if (name === 'redis') return startRedis();
  if (name.startsWith('broker-'))
    return sh('deploy/local/stack.sh', ['start-member', name.slice(7), '--profile', 'cluster']);
  sh('deploy/local/cluster-apps.sh', ['start', name]);
}
