// The child processes a benchmark started, tracked by PID so that they, and only they, are
// stopped on success, on error and on Ctrl-C. Also per-process figures read from /proc.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

const children = new Map<number, { child: ChildProcess; name: string }>();
const cleanups: (() => void)[] = [];
let installed = false;

export function track<T extends ChildProcess>(child: T, name: string): T {
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name} did not start`);
  children.set(pid, { child, name });
  child.once('exit', () => children.delete(pid));
  return child;
}

/** SIGTERM to one child by PID, SIGKILL if it has not exited within `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

function killAllNow(): void {
  for (const pid of children.keys()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
  for (const fn of cleanups.splice(0)) {
    try {
      fn();
    } catch {
      // best effort at exit
    }
  }
}

/** Registers synchronous cleanup (temp dirs) and kills tracked children on exit, SIGINT and SIGTERM. */
export function onExit(fn: () => void): void {
  cleanups.push(fn);
  if (installed) return;
  installed = true;
  process.once('exit', killAllNow);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      process.stderr.write(`\n${sig}: stopping ${children.size} child process(es)\n`);
      killAllNow();
      process.exit(130);
    });
  }
}

/** Resident set size of a process, bytes (VmRSS). */
export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** CPU time (user + system) a process has used, ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
  return ticks * 10; // CLK_TCK is 100 on Linux
}

/** The soft limit on open files of this process. */
export function openFileLimit(): number {
  const m = /Max open files\s+(\d+|unlimited)/.exec(readFileSync('/proc/self/limits', 'utf8'));
  return !m || m[1] === 'unlimited' ? Infinity : Number(m[1]);
}

/** CPU time all cores have been busy (not idle, not iowait) since boot, ms: for the share other processes took. */
export function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  return ((f[0] ?? 0) + (f[1] ?? 0) + (f[2] ?? 0) + (f[5] ?? 0) + (f[6] ?? 0) + (f[7] ?? 0)) * 10;
}

/** This process's own CPU time, ms. */
export function selfCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
