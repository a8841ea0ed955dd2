import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds each part of the machine has used so far, and the machine's own busy and total. A
 * key `part: what` is a share of `part` (the broker's JIT compilers), shown inside it.
 */
export interface CpuSample {
  parts: Map<string, number>;
  busy: number;
  total: number;
}

/** Names a process's part from its pid and command line, or undefined to count it as other. */
export type PartOf = (pid: number, cmdline: string) => string | undefined;

/** Clock ticks per second of /proc's counters (USER_HZ, 100 on every common Linux). */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * The parts a bench on this machine runs: the broker (Java with Zeebe on its class path), MySQL or
 * MariaDB, Redis, and the Node processes the caller names by pid (the product's api and workers,
 * the bench's own bots). Everything else is "other".
 */
export function benchParts(named: Record<string, number | undefined>): PartOf {
  const byPid = new Map(
    Object.entries(named).flatMap(([name, pid]) =>
      pid === undefined ? [] : [[pid, name] as const],
    ),
  );
  return (pid, cmdline) => {
    const known = byPid.get(pid);
    if (known) return known;
    if (/\bjava\b/.test(cmdline) && cmdline.includes('zeebe')) return 'broker';
    if (/(mariadbd|mysqld)/.test(cmdline)) return 'MySQL';
    if (cmdline.includes('redis-server')) return 'Redis';
    return undefined;
  };
}

const JIT = 'JIT compilers';

/**
 * CPU seconds of a JVM's compiler threads (HotSpot names them `C1 CompilerThread0`, `C2 ...`): a
 * broker started for the run compiles its hot code for minutes under load, and that is warm-up,
 * not the work the run measures.
 */
function jitSeconds(pid: string): number {
  let seconds = 0;
  for (const thread of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!/^C\d CompilerThre/.test(name)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seconds += (Number(fields[11]) + Number(fields[12])) / TICKS;
    } catch {
      // The thread ended while being read.
    }
  }
  return seconds;
}

/** Reads every process's CPU time from /proc (Linux); an empty sample elsewhere. */
export function sampleCpu(partOf: PartOf): CpuSample {
  const parts = new Map<string, number>();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return { parts, busy: 0, total: 0 };
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS;
      const part = partOf(Number(pid), cmdline) ?? 'other';
      parts.set(part, (parts.get(part) ?? 0) + seconds);
      if (part === 'broker') {
        const jit = `${part}: ${JIT}`;
        parts.set(jit, (parts.get(jit) ?? 0) + jitSeconds(pid));
      }
    } catch {
      // The process ended while being read.
    }
  }
  const [cpuLine = ''] = readFileSync('/proc/stat', 'utf8').split('\n');
  const [, ...ticks] = cpuLine.trim().split(/\s+/);
  const counts = ticks.map(Number);
  const idle = (counts[3] ?? 0) + (counts[4] ?? 0);
  const total = counts.reduce((sum, count) => sum + count, 0) / TICKS;
  return { parts, busy: total - idle / TICKS, total };
}

/**
 * What each part used between two samples, per unit of work (a loan, an instance), largest first,
 * and how busy the machine's cores were. A process that ended between the samples is not counted.
 */
export function describeCpu(
  before: CpuSample,
  after: CpuSample,
  units: number,
  unit: string,
): string {
  const spent = (part: string) => (after.parts.get(part) ?? 0) - (before.parts.get(part) ?? 0);
  const per = (seconds: number) => (seconds / Math.max(units, 1)).toFixed(3);
  const used = [...after.parts.keys()]
    .filter((part) => !part.includes(': ') && spent(part) > 0.05)
    .sort((a, b) => spent(b) - spent(a));
  const busy = after.busy - before.busy;
  const share = after.total > before.total ? busy / (after.total - before.total) : 0;
  const perUnit = used
    .map((part) => {
      const shares = [...after.parts.keys()]
        .filter((key) => key.startsWith(`${part}: `))
        .map((key) => `of it ${key.slice(part.length + 2)} ${per(spent(key))}`);
      return `${part} ${per(spent(part))}${shares.length ? ` (${shares.join(', ')})` : ''}`;
    })
    .join(', ');
  return `CPU per ${unit} (core-seconds): ${perUnit}; all ${(busy / Math.max(units, 1)).toFixed(3)}, the cores ${(share * 100).toFixed(0)}% busy`;
}
