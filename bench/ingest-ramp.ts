// The ramp shared by both targets: steps of offered load, each held for a warm-up and then
// `repeats` measured windows; a step passes when the delivered rate is ≥ 95 % of offered and the
// p99 publish-to-PUBACK is ≤ 100 ms (medians over its windows).
import type { IpcChild } from './ipc-child.ts';
import { cpuMs, machineBusyMs, selfCpuMs } from './child-processes.ts';
import type { WindowResult } from './load-generator.ts';

export const P99_LIMIT_MS = 100;
export const DELIVERED_MIN_FRACTION = 0.95;
/** Generator CPU (% of one core) at which it counts as the bottleneck. */
const GEN_SATURATED_PCT = 85;

export interface RampOptions {
  steps: number[];
  warmupS: number;
  windowS: number;
  repeats: number;
  drainS: number;
  /** Stop after this many failing steps in a row. */
  failStop: number;
  /** No new step starts after this (performance.now() ms). */
  deadlineMs: number;
  /** Before each step, wait up to this long for other processes to use < QUIET_OTHERS_PCT of a core. */
  quietWaitS: number;
}

/** Other processes' CPU (% of one core) below which the machine counts as quiet enough to measure. */
export const QUIET_OTHERS_PCT = 25;

/** Other processes' CPU over `sampleMs`, % of one core. */
export async function othersPct(ourPids: number[], sampleMs: number): Promise<number> {
  const ours = (): number => ourPids.reduce((a, pid) => a + safeCpuMs(pid), 0) + selfCpuMs();
  const m0 = machineBusyMs();
  const o0 = ours();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, sampleMs));
  const s = (performance.now() - t0) / 1000;
  return Math.max(0, ((machineBusyMs() - m0 - (ours() - o0)) / 1000 / s) * 100);
}

function safeCpuMs(pid: number): number {
  try {
    return cpuMs(pid);
  } catch {
    return 0; // exited
  }
}

/** Waits (bounded) for a quiet machine; returns the seconds waited and the last reading. */
export async function waitForQuiet(ourPids: number[], maxS: number): Promise<{ waitedS: number; othersPct: number }> {
  const t0 = performance.now();
  let last = await othersPct(ourPids, 1000);
  while (last >= QUIET_OTHERS_PCT && performance.now() - t0 < maxS * 1000) last = await othersPct(ourPids, 1000);
  return { waitedS: Math.round((performance.now() - t0) / 1000), othersPct: Math.round(last) };
}

export interface Probe {
  /** PID whose CPU is the system under test (our server, or mosquitto). */
  cpuPid: number;
  /** Delivered messages so far, when delivery is seen elsewhere than in PUBACKs (mosquitto's subscriber). */
  delivered?: () => number;
  /** The delivery side (the wildcard subscriber) runs in this process: count its CPU with the system under test. */
  includeSelfCpu?: boolean;
  onWindowStart?: (rate: number, window: number) => void;
  onWindowEnd?: (rate: number, window: number) => Promise<void> | void;
  /** Called after each step; returns figures to show beside it. */
  afterStep?: () => Promise<Record<string, unknown>>;
}

export interface WindowFigures extends WindowResult {
  deliveredPerSec: number;
  serverCpuPct: number;
  /** CPU used by processes other than the benchmark's, % of one core: a noisy machine shows here. */
  otherCpuPct: number;
}

export interface StepResult {
  ratePerSec: number;
  deliveredPerSec: number;
  p50Ms: number | null;
  p99Ms: number | null;
  serverCpuPct: number;
  genCpuPct: number;
  otherCpuPct: number;
  /** CPU of the system under test per delivered reading, µs: robust on a shared machine, where rates are not. */
  cpuUsPerReading: number | null;
  blocked: number;
  behind: number;
  lost: number;
  disconnects: number;
  pass: boolean;
  /** The generator could not offer this rate: the figure is a floor, not a ceiling. */
  generatorLimited: boolean;
  extra: Record<string, unknown>;
  windows: WindowFigures[];
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function medianWindow(ws: WindowFigures[]): WindowFigures | null {
  const v = ws.filter((w) => w.latency.p99Ms !== null).sort((a, b) => a.latency.p99Ms! - b.latency.p99Ms!);
  return v.length === 0 ? null : v[Math.floor((v.length - 1) / 2)]!;
}

export async function runRamp(gen: IpcChild, probe: Probe, opts: RampOptions, print: (line: string) => void): Promise<StepResult[]> {
  const out: StepResult[] = [];
  let failsInARow = 0;
  for (const rate of opts.steps) {
    if (performance.now() > opts.deadlineMs) {
      print(`  (time budget reached: steps from ${rate}/s on were not run)`);
      break;
    }
    if (opts.quietWaitS > 0) {
      const q = await waitForQuiet([probe.cpuPid, gen.pid], opts.quietWaitS);
      if (q.waitedS > 1) print(`  (waited ${q.waitedS} s for a quieter machine; others at ${q.othersPct} % of a core)`);
    }
    type Mark = { cpu0: number; self0: number; machine0: number; del0: number; t0: number; cpuPct?: number; otherPct?: number; delPerSec?: number };
    const marks: Mark[] = [];
    const onStart = (m: { window: number }): void => {
      marks[m.window] = { cpu0: cpuMs(probe.cpuPid), self0: selfCpuMs(), machine0: machineBusyMs(), del0: probe.delivered?.() ?? 0, t0: performance.now() };
      probe.onWindowStart?.(rate, m.window);
    };
    const onEnd = (m: { window: number; genCpuMs: number }): void => {
      const mk = marks[m.window];
      if (!mk) return;
      const s = (performance.now() - mk.t0) / 1000;
      const pct = (msUsed: number): number => Math.round((msUsed / 1000 / s) * 100);
      const sut = cpuMs(probe.cpuPid) - mk.cpu0;
      const self = selfCpuMs() - mk.self0;
      mk.cpuPct = pct(sut + (probe.includeSelfCpu ? self : 0));
      mk.otherPct = Math.max(0, pct(machineBusyMs() - mk.machine0 - sut - self - m.genCpuMs));
      mk.delPerSec = probe.delivered ? Math.round((probe.delivered() - mk.del0) / s) : undefined;
      void probe.onWindowEnd?.(rate, m.window);
    };
    gen.events.on('window-start', onStart);
    gen.events.on('window-end', onEnd);
    let res: { windows: WindowResult[]; reconnected?: number; stillDown?: number };
    try {
      const stepS = opts.warmupS + opts.windowS * opts.repeats + opts.drainS;
      res = await gen.request<{ windows: WindowResult[]; reconnected?: number; stillDown?: number }>('step', { ratePerSec: rate, warmupS: opts.warmupS, windows: opts.repeats, windowS: opts.windowS, drainS: opts.drainS }, (stepS + 240) * 1000);
    } finally {
      gen.events.off('window-start', onStart);
      gen.events.off('window-end', onEnd);
    }
    const windows: WindowFigures[] = res.windows.map((w, i) => ({
      ...w,
      deliveredPerSec: marks[i]?.delPerSec ?? w.ackedPerSec,
      serverCpuPct: marks[i]?.cpuPct ?? NaN,
      otherCpuPct: marks[i]?.otherPct ?? NaN,
    }));
    const step: StepResult = {
      ratePerSec: rate,
      deliveredPerSec: Math.round(median(windows.map((w) => w.deliveredPerSec))),
      // Latency from one window, the one with the median p99, so p50 and p99 belong together.
      p50Ms: medianWindow(windows)?.latency.p50Ms ?? null,
      p99Ms: medianWindow(windows)?.latency.p99Ms ?? null,
      serverCpuPct: Math.round(median(windows.map((w) => w.serverCpuPct))),
      genCpuPct: Math.round(median(windows.map((w) => w.genCpuPct))),
      otherCpuPct: Math.round(median(windows.map((w) => w.otherCpuPct))),
      cpuUsPerReading: null,
      blocked: windows.reduce((a, w) => a + w.blocked, 0),
      behind: windows.reduce((a, w) => a + w.behind, 0),
      lost: windows.reduce((a, w) => a + w.latency.lost, 0),
      disconnects: windows.reduce((a, w) => a + w.disconnects, 0),
      pass: false,
      generatorLimited: false,
      extra: {
        ...(res.reconnected ? { reconnectedBefore: res.reconnected } : {}),
        ...(res.stillDown ? { devicesDown: res.stillDown } : {}),
        ...(probe.afterStep ? await probe.afterStep() : {}),
      },
      windows,
    };
    step.cpuUsPerReading = step.deliveredPerSec > 0 ? Math.round((step.serverCpuPct / 100) * 1e6 / step.deliveredPerSec) : null;
    const offered = windows.reduce((a, w) => a + w.offeredPerSec, 0) / Math.max(1, windows.length);
    // Behind schedule: the rate was not fully offered (the generator was starved of CPU, by the system
    // under test or others). That fails the step; only a saturated generator ends the ramp.
    const wasBehind = step.behind > 0.01 * offered * opts.windowS * windows.length;
    step.generatorLimited = wasBehind && step.genCpuPct >= GEN_SATURATED_PCT;
    step.pass = !wasBehind && step.deliveredPerSec >= DELIVERED_MIN_FRACTION * rate && step.p99Ms !== null && step.p99Ms <= P99_LIMIT_MS;
    out.push(step);
    print(formatStep(step));
    if (step.generatorLimited) {
      print('  (the generator could not offer this rate: stopping the ramp here)');
      break;
    }
    failsInARow = step.pass ? 0 : failsInARow + 1;
    if (failsInARow >= opts.failStop) break;
  }
  return out;
}

const num = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number | null): string => (n === null ? '-' : n === Infinity ? 'lost' : n.toFixed(1));

export function formatStepHeader(): string {
  return `  ${'offered/s'.padStart(9)} ${'delivered/s'.padStart(11)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'sut cpu'.padStart(7)} ${'µs/rdg'.padStart(6)} ${'gen cpu'.padStart(7)} ${'others'.padStart(6)} ${'blocked'.padStart(8)} ${'lost'.padStart(6)}  verdict  notes`;
}

export function formatStep(s: StepResult): string {
  const verdict = s.generatorLimited ? 'GEN-LIM' : s.pass ? 'pass' : 'FAIL';
  const notes = Object.entries(s.extra)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? (Number.isInteger(v) ? num(v) : v.toFixed(1)) : String(v)}`)
    .concat(s.disconnects > 0 ? [`disconnects=${s.disconnects}`] : [])
    .concat(s.behind > 0 ? [`behind=${num(s.behind)}`] : [])
    .join(' ');
  return `  ${num(s.ratePerSec).padStart(9)} ${num(s.deliveredPerSec).padStart(11)} ${ms(s.p50Ms).padStart(8)} ${ms(s.p99Ms).padStart(8)} ${`${s.serverCpuPct}%`.padStart(7)} ${(s.cpuUsPerReading === null ? '-' : String(s.cpuUsPerReading)).padStart(6)} ${`${s.genCpuPct}%`.padStart(7)} ${`${s.otherCpuPct}%`.padStart(6)} ${num(s.blocked).padStart(8)} ${num(s.lost).padStart(6)}  ${verdict.padEnd(7)}  ${notes}`;
}

/** The highest passing step (the sustained figure), or null. */
export function sustained(steps: StepResult[]): StepResult | null {
  let best: StepResult | null = null;
  for (const s of steps) if (s.pass && (!best || s.ratePerSec > best.ratePerSec)) best = s;
  return best;
}
