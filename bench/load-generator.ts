// The load generator, run as a child process (forked with IPC): the fleet's connections
// (bench/fleet-connections.ts) publish pre-built QoS 1 PackTelemetry frames at a steady total rate,
// in measured windows with publish-to-PUBACK latency per window. Commands arrive as IPC messages
// (see GeneratorCommand); every reply carries the command's id.
import { Fleet, type ConnectOptions } from './fleet-connections.ts';
import { LatencyHistogram, type LatencySummary } from './latency-histogram.ts';

export type { ConnectResult, DeviceCredential } from './fleet-connections.ts';

export type GeneratorCommand =
  | ({ cmd: 'connect'; id: number } & ConnectOptions)
  | { cmd: 'step'; id: number; ratePerSec: number; warmupS: number; windows: number; windowS: number; drainS: number }
  | { cmd: 'close'; id: number };

export interface WindowResult {
  /** Offered load: messages due by the schedule in this window, per second. */
  offeredPerSec: number;
  /** Messages due in this window (each is sent at once, or as soon as its device's window allows). */
  sent: number;
  /** Due while the device's in-flight window was full (or it was reconnecting): they waited in its outbox, and their latency includes the wait. */
  blocked: number;
  /** Due, but the generator itself fell over 250 ms behind: not offered at all (generator-limited). */
  behind: number;
  /** PUBACKs received in this window, per second: the acknowledged (for us: committed) rate. */
  ackedPerSec: number;
  latency: LatencySummary;
  /** Generator CPU, % of one core. */
  genCpuPct: number;
  /** Largest delay of the generator's send timer beyond its period. */
  genLagMaxMs: number;
  startEpochMs: number;
  endEpochMs: number;
  disconnects: number;
}

const TICK_MS = 2;
const MAX_BEHIND_S = 0.25;

function reply(msg: object): void {
  process.send?.(msg);
}

const fleet = new Fleet((m) => reply({ event: 'progress', ...m }));

let tagCounter = 0;
function nextTag(): number {
  tagCounter = (tagCounter % 255) + 1;
  return tagCounter;
}

async function runStep(opts: Extract<GeneratorCommand, { cmd: 'step' }>): Promise<WindowResult[]> {
  const { conns, hists } = fleet;
  const n = conns.length;
  const rate = opts.ratePerSec;
  const maxBurst = Math.max(1, Math.floor(rate * MAX_BEHIND_S));
  const windowMs = opts.windowS * 1000;
  const t0 = performance.now();
  const warmEnd = t0 + opts.warmupS * 1000;
  const endAt = warmEnd + opts.windows * windowMs;
  let scheduled = 0;
  let cursor = 0;
  let tag = 0;
  let w = -1;
  type Acc = { tag: number; due: number; sent: number; blocked0: number; behind: number; ackedAt0: number; cpu0: NodeJS.CpuUsage; t0: number; epoch0: number; lagMax: number; disc0: number; result?: WindowResult };
  const accs: Acc[] = [];
  let acc: Acc | null = null;

  const closeWindow = (now: number): void => {
    if (!acc) return;
    const cpu = process.cpuUsage(acc.cpu0);
    const s = (now - acc.t0) / 1000;
    acc.result = {
      offeredPerSec: Math.round(acc.due / s),
      sent: acc.sent,
      blocked: fleet.queuedBehindWindow - acc.blocked0,
      behind: acc.behind,
      ackedPerSec: Math.round((fleet.ackedTotal - acc.ackedAt0) / s),
      latency: { count: 0, lost: 0, p50Ms: null, p90Ms: null, p99Ms: null, maxMs: null },
      genCpuPct: Math.round(((cpu.user + cpu.system) / 1000 / (now - acc.t0)) * 100),
      genLagMaxMs: Math.round(acc.lagMax),
      startEpochMs: acc.epoch0,
      endEpochMs: Date.now(),
      disconnects: fleet.disconnects - acc.disc0,
    };
    reply({ event: 'window-end', window: w, epochMs: acc.result.endEpochMs, genCpuMs: (cpu.user + cpu.system) / 1000 });
    acc = null;
    tag = 0;
  };

  fleet.stepping = true;
  await new Promise<void>((resolve) => {
    let expectedAt = t0;
    const tick = (): void => {
      const now = performance.now();
      const lag = now - expectedAt;
      expectedAt = now + TICK_MS;
      // Window boundaries: warm-up, then `windows` measured windows back to back.
      const wantW = now < warmEnd ? -1 : Math.min(opts.windows, Math.floor((now - warmEnd) / windowMs));
      if (wantW !== w) {
        closeWindow(now);
        w = wantW;
        if (w >= 0 && w < opts.windows) {
          tag = nextTag();
          hists.set(tag, new LatencyHistogram());
          acc = { tag, due: 0, sent: 0, blocked0: fleet.queuedBehindWindow, behind: 0, ackedAt0: fleet.ackedTotal, cpu0: process.cpuUsage(), t0: now, epoch0: Date.now(), lagMax: 0, disc0: fleet.disconnects };
          accs.push(acc);
          reply({ event: 'window-start', window: w, epochMs: acc.epoch0 });
        }
      }
      if (w >= opts.windows) return resolve();
      if (acc && lag > acc.lagMax) acc.lagMax = lag;
      let due = Math.floor(((now - t0) * rate) / 1000) - scheduled;
      if (acc) acc.due += due;
      if (due > maxBurst) {
        if (acc) acc.behind += due - maxBurst;
        scheduled += due - maxBurst;
        due = maxBurst;
      }
      for (let k = 0; k < due; k++) {
        // Message number `scheduled` is due at t0 + scheduled / rate: its latency counts from then,
        // whenever this timer got to it and whenever its device's window let it out.
        const atMs = t0 + (scheduled * 1000) / rate;
        scheduled++;
        const c = conns[cursor]!;
        cursor = cursor + 1 === n ? 0 : cursor + 1;
        fleet.offer(c, { atMs, seq: ++c.seq, tag });
        if (acc) acc.sent++;
      }
      setTimeout(tick, TICK_MS);
    };
    tick();
  });
  if (endAt > performance.now()) await new Promise((r) => setTimeout(r, endAt - performance.now()));

  // Wait for the measured messages' PUBACKs (bounded; outboxes keep draining), then count the rest as lost.
  const deadline = performance.now() + opts.drainS * 1000;
  while (fleet.outstanding(true) > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  fleet.stepping = false;
  fleet.settleLost();
  const results: WindowResult[] = [];
  for (const a of accs) {
    const r = a.result!;
    r.latency = hists.get(a.tag)!.summary();
    hists.delete(a.tag);
    results.push(r);
  }
  return results;
}

process.on('message', (raw: unknown) => {
  const m = raw as GeneratorCommand;
  const fail = (err: unknown): void => reply({ reply: m.id, error: err instanceof Error ? err.stack ?? err.message : String(err) });
  if (m.cmd === 'connect') fleet.connectAll(m).then((r) => reply({ reply: m.id, ...r }), fail);
  else if (m.cmd === 'step') {
    fleet
      .reconnectDropped()
      .then(async (re) => ({ re, windows: await runStep(m) }))
      .then(({ re, windows }) => reply({ reply: m.id, windows, ...re }), fail);
  } else if (m.cmd === 'close') {
    fleet.close();
    reply({ reply: m.id });
    setTimeout(() => process.exit(0), 100);
  }
});
// The parent is gone: stop at once rather than keep thousands of sockets open.
process.on('disconnect', () => {
  fleet.close();
  process.exit(0);
});
reply({ event: 'ready' });
