import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds each part of the machine has used so far, and the machine's own busy and total. */
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
  const used = [...after.parts]
    .map(([part, seconds]) => [part, seconds - (before.parts.get(part) ?? 0)] as const)
    .filter(([, seconds]) => seconds > 0.05)
    .sort((a, b) => b[1] - a[1]);
  const busy = after.busy - before.busy;
  const share = after.total > before.total ? busy / (after.total - before.total) : 0;
  const perUnit = used
    .map(([part, seconds]) => `${part} ${(seconds / Math.max(units, 1)).toFixed(3)}`)
    .join(', ');
  return `CPU per ${unit} (core-seconds): ${perUnit}; all ${(busy / Math.max(units, 1)).toFixed(3)}, the cores ${(share * 100).toFixed(0)}% busy`;
}
