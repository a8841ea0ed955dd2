import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One of the product's processes (api or workers) started from the build, as it is deployed: its
 * own Node process, its own event loop and memory. The bench reads its resident memory from /proc
 * and its metrics from its /metrics endpoint.
 */
export class ProductProcess {
  private peakRss = 0;
  private readonly sampler: NodeJS.Timeout;

  private constructor(
    readonly name: string,
    readonly baseUrl: string,
    private readonly child: ChildProcess,
  ) {
    this.sampler = setInterval(() => (this.peakRss = Math.max(this.peakRss, this.rss())), 500);
  }

  /** Starts dist/apps/<app>/src/main.js with the bench's environment and waits for /health. */
  static async start(
    app: 'api' | 'workers',
    port: number,
    env: NodeJS.ProcessEnv,
  ): Promise<ProductProcess> {
    // BENCH_NODE_FLAGS: flags for the product's processes only (a profiler: `--cpu-prof
    // --cpu-prof-dir=/tmp/prof`, which Node does not take from NODE_OPTIONS).
    const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...flags, `dist/apps/${app}/src/main.js`], {
      env: { ...nodeRuntimeEnv(), ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    // A bench that fails half-way must not leave the product running on its ports.
    process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
    const started = new ProductProcess(app, `http://127.0.0.1:${port}`, child);
    for (const until = Date.now() + 60_000; ;) {
      if (child.exitCode !== null) throw new Error(`${app} exited with ${child.exitCode} at boot`);
      const up = await fetch(`${started.baseUrl}/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (up) return started;
      if (Date.now() > until) throw new Error(`${app} did not answer /health within 60 s`);
      await sleep(250);
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resident memory now, in bytes (0 once the process is gone). */
  rss(): number {
    return this.child.pid === undefined ? 0 : residentBytes(this.child.pid);
  }

  peak(): number {
    return Math.max(this.peakRss, this.rss());
  }

  /** The process's Prometheus text. */
  async metrics(): Promise<string> {
    return (await fetch(`${this.baseUrl}/metrics`)).text();
  }

  /** SIGTERM, as an orchestrator stops it: it drains its jobs and closes. */
  async stop(): Promise<void> {
    clearInterval(this.sampler);
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await Promise.race([exited, sleep(30_000)]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/**
 * How the product's processes run Node as deployed (deploy/node-runtime.env: the young generation's
 * size, malloc arenas); a value set in the bench's environment wins, to measure another.
 */
export function nodeRuntimeEnv(file = 'deploy/node-runtime.env'): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const setting = /^([A-Z_]+)=(.*)$/.exec(line);
    if (setting?.[1] && setting[2] !== undefined) settings[setting[1]] = setting[2];
  }
  return settings;
}

/** A process's resident memory now, in bytes, from /proc (0 once it is gone). */
export function residentBytes(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
    return line ? Number(line[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples of one metric from Prometheus text: labels and value. */
export function samplesOf(
  text: string,
  metric: string,
): { labels: Record<string, string>; value: number }[] {
  const samples: { labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric)) continue;
    const match = line.match(/^([a-zA-Z_:]+)(?:\{(.*)\})?\s+(\S+)$/);
    if (!match || match[1] !== metric) continue;
    const labels: Record<string, string> = {};
    for (const [, name = '', value = ''] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[name] = value;
    samples.push({ labels, value: Number(match[3]) });
  }
  return samples;
}
