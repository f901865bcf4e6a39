// `npm run bench -- swaps`: swap decision latency over MQTT (SwapRequest published → SwapDecision
// received, matched by request id) at 1,000 requests/s from 100 kiosks, with no background load
// and while the ingest bench's pack fleet publishes 20k readings/s. Target: p99 ≤ 10 ms.
// Kiosks are raw MQTT clients in this process; the server and the pack fleet are children.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { topics } from '../domain/topics.ts';
import { DoorState, SlotState, SwapReason, decodeKioskCommand, decodeSwapDecision, encodeKioskEvent, encodeKioskStatus, encodeSwapRequest } from '../proto/codec.ts';
import { cpuMs, machineBusyMs, onExit, selfCpuMs, stopChild } from './child-processes.ts';
import { formatProfileSummary, summariseProfile } from './cpu-profile-summary.ts';
import { forkChild, type IpcChild } from './ipc-child.ts';
import { median } from './ingest-ramp.ts';
import { LatencyHistogram, type LatencySummary } from './latency-histogram.ts';
import type { ConnectResult, WindowResult } from './load-generator.ts';
import { CONNACK, FrameReader, PINGREQ_FRAME, PUBACK, PUBLISH, SUBACK, connectFrame, remainingLengthBytes, subscribeFrame, writePuback, writeRemainingLength } from './mqtt-wire.ts';
// Types only: the server module pulls in the whole system, which this process does not need.
import type { KioskPlan, ServerTimings, SwapFleetPlan } from './swaps-server.ts';

const here = (f: string): string => fileURLToPath(new URL(f, import.meta.url));
const print = (line: string): void => void process.stdout.write(line + '\n');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const TARGET_P99_MS = 10;
const DRAIN_MAX_MS = 60_000;
/** Other processes' CPU (% of a core) under which the machine counts as quiet enough to start a run. */
const QUIET_OTHERS_PCT = 25;
const REASON_NAME = new Map<number, string>(Object.entries(SwapReason).map(([k, v]) => [v as number, k.replace('SWAP_REASON_', '')]));

interface Args { rate: number; kiosks: number; customersPerKiosk: number; seconds: number; warmup: number; repeats: number; ingestRate: number; connections: number; statusEveryMs: number; quietWaitS: number; profile: boolean; profileDir: string | null }

function parse(argv: string[]): Args {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      rate: { type: 'string' }, kiosks: { type: 'string' }, 'customers-per-kiosk': { type: 'string' }, seconds: { type: 'string' }, warmup: { type: 'string' },
      repeats: { type: 'string' }, 'ingest-rate': { type: 'string' }, connections: { type: 'string' }, 'status-every-ms': { type: 'string' }, 'quiet-wait-s': { type: 'string' },
      quick: { type: 'boolean', default: false }, profile: { type: 'boolean', default: false }, 'profile-dir': { type: 'string' },
    },
  });
  const q = v.quick === true;
  const int = (s: string | undefined, def: number, min: number, max: number, name: string): number => {
    const n = s === undefined ? def : Number(s.replace(/k$/i, '000'));
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer in ${min}..${max}`);
    return n;
  };
  return {
    rate: int(v.rate, 1000, 1, 20_000, 'rate'),
    kiosks: int(v.kiosks, 100, 1, 5000, 'kiosks'),
    customersPerKiosk: int(v['customers-per-kiosk'], 200, 20, 5000, 'customers-per-kiosk'),
    seconds: int(v.seconds, q ? 3 : 10, 1, 600, 'seconds'),
    warmup: int(v.warmup, q ? 1 : 2, 0, 60, 'warmup'),
    repeats: int(v.repeats, q ? 1 : 3, 1, 20, 'repeats'),
    ingestRate: int(v['ingest-rate'], 20_000, 0, 200_000, 'ingest-rate'),
    connections: int(v.connections, q ? 1000 : 2000, 1, 19_000, 'connections'),
    statusEveryMs: int(v['status-every-ms'], 250, 0, 30_000, 'status-every-ms'),
    quietWaitS: int(v['quiet-wait-s'], q ? 5 : 20, 0, 600, 'quiet-wait-s'),
    profile: v.profile === true,
    profileDir: v['profile-dir'] ?? null,
  };
}

// ---------- the kiosks: raw MQTT 3.1.1 clients playing cabinet firmware ----------

type Kind = 'swap' | 'first' | 'unknown' | 'suspended' | 'limited' | 'stray';
interface Customer { token: string; packId: string | null }
interface Pending { kiosk: KioskSim; kind: Kind; sentAt: number; measured: boolean; customer: Customer | null }

/** What every kiosk shares: the open requests and the current window's figures. */
class SwapLoad {
  readonly pending = new Map<string, Pending>();
  hist = new LatencyHistogram();
  reasons = new Map<string, number>();
  counts = { sent: 0, decided: 0, unmatched: 0, releases: 0, releaseMismatch: 0, restocked: 0, skipped: 0, disconnects: 0 };
  private nextRequest = 1;
  newRequestId(): string {
    return `rq-${this.nextRequest++}`;
  }
  resetWindow(): void {
    this.hist = new LatencyHistogram();
    this.reasons = new Map();
    this.counts = { ...this.counts, sent: 0, decided: 0, unmatched: 0, releaseMismatch: 0, restocked: 0, skipped: 0 };
  }
}

function publishFrame(topic: Buffer, packetId: number, payload: Uint8Array): Buffer {
  const remaining = 2 + topic.length + 2 + payload.length;
  const buf = Buffer.allocUnsafe(1 + remainingLengthBytes(remaining) + remaining);
  buf[0] = 0x32; // PUBLISH, QoS 1
  let at = writeRemainingLength(buf, 1, remaining);
  buf.writeUInt16BE(topic.length, at);
  at += 2;
  at += topic.copy(buf, at);
  buf.writeUInt16BE(packetId, at);
  buf.set(payload, at + 2);
  return buf;
}

/** Returned packs charge at once in this model (so stock stays steady); every pack reads 91.5–99.5 %. */
function socOf(packId: string): number {
  let h = 0;
  for (let i = 0; i < packId.length; i++) h = (h * 31 + packId.charCodeAt(i)) >>> 0;
  return 91.5 + (h % 9);
}

class KioskSim {
  private sock: net.Socket | null = null;
  private seq = 0;
  private nextPid = 1;
  private n = 0;
  private lastWriteMs = 0;
  private lastStatusMs = 0;
  private statusTimer: NodeJS.Timeout | null = null;
  private readonly slots: (string | null)[];
  private readonly holding: Customer[] = [];
  private readonly noPack: Customer[] = [];
  private readonly reserve: string[];
  /** Packs the kiosk holds at the start, and what restocking tops it up to. */
  private readonly fillTarget: number;
  private readonly bootId = 1 + Math.floor(Math.random() * 2 ** 30);
  private readonly t: { status: Buffer; events: Buffer; requests: Buffer; decisions: string; commands: string };
  up = false;

  constructor(readonly plan: KioskPlan, private readonly index: number, private readonly load: SwapLoad, private readonly statusEveryMs: number) {
    this.slots = [...plan.slots];
    this.reserve = [...plan.reserve];
    this.fillTarget = plan.slots.filter((p) => p !== null).length;
    for (const c of plan.customers) (c.packId ? this.holding : this.noPack).push({ ...c });
    const id = plan.id;
    this.t = { status: Buffer.from(topics.kioskStatus(id)), events: Buffer.from(topics.kioskEvents(id)), requests: Buffer.from(topics.swapRequests(id)), decisions: topics.swapDecisions(id), commands: topics.kioskCommands(id) };
  }

  connect(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`${this.plan.id}: no CONNACK/SUBACK within 30 s`)), 30_000);
      const fail = (err: Error): void => (clearTimeout(timer), reject(err));
      let subacks = 0;
      const reader = new FrameReader((type, flags, buf, s, e) => {
        if (type === PUBLISH) return this.onPublish(flags, buf, s, e);
        if (type === CONNACK) {
          if (buf[s + 1] !== 0) return fail(new Error(`${this.plan.id}: CONNACK ${buf[s + 1]}`));
          this.write(subscribeFrame(1, this.t.decisions, 1));
          this.write(subscribeFrame(2, this.t.commands, 1));
        } else if (type === SUBACK) {
          if (buf[s + 2] === 0x80) return fail(new Error(`${this.plan.id}: subscription refused`));
          if (++subacks === 2) {
            this.up = true;
            clearTimeout(timer);
            resolve();
          }
        } else if (type !== PUBACK) return; // PUBACKs of our publishes, PINGRESP: nothing to do
      });
      const sock = net.connect({ host, port });
      this.sock = sock;
      sock.setNoDelay(true);
      sock.on('connect', () => this.write(connectFrame(this.plan.id, this.plan.id, this.plan.password, 300)));
      sock.on('data', (chunk: Buffer) => reader.feed(chunk));
      sock.on('error', (err) => fail(err));
      sock.on('close', () => {
        if (this.up) this.load.counts.disconnects++;
        this.up = false;
      });
    });
  }

  private write(frame: Buffer): void {
    this.sock!.write(frame);
    this.lastWriteMs = performance.now();
  }

  private publish(topic: Buffer, payload: Uint8Array): void {
    const pid = this.nextPid;
    this.nextPid = pid === 65_535 ? 1 : pid + 1;
    this.write(publishFrame(topic, pid, payload));
  }

  private header() {
    return { bootId: this.bootId, seq: ++this.seq, sentAtMs: Date.now(), firmware: 'kiosk-bench 1.0' };
  }

  pingIfIdle(): void {
    if (this.up && performance.now() - this.lastWriteMs > 60_000) this.write(PINGREQ_FRAME);
  }

  /** The cabinet's truth about its slots; sent at most every statusEveryMs when something changed. */
  publishStatus(): void {
    this.lastStatusMs = performance.now();
    this.publish(this.t.status, encodeKioskStatus({
      header: this.header(), mainsPower: true, door: DoorState.DOOR_STATE_CLOSED, signalDbm: -70,
      slots: this.slots.map((p, index) => (p ? { index, state: SlotState.SLOT_STATE_READY, packId: p, socPct: socOf(p), tempC: 24, chargeCurrentMa: 0 } : { index, state: SlotState.SLOT_STATE_EMPTY, packId: '', socPct: 0, tempC: 22 })),
    }));
  }

  private statusChanged(): void {
    if (this.statusTimer) return;
    const wait = Math.max(0, this.lastStatusMs + this.statusEveryMs - performance.now());
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      if (this.up) this.publishStatus();
    }, wait);
  }

  private event(e: object): void {
    this.publish(this.t.events, encodeKioskEvent({ header: this.header(), ...e }));
  }

  private emptySlot(): number {
    return this.slots.indexOf(null);
  }

  /** One customer at the kiosk: a cycle of 100 gives 85 % swaps, 10 % first issues, 5 % that must be refused. */
  request(measured: boolean): void {
    if (!this.up) return void this.load.counts.skipped++;
    // 37 is prime to 100, and each kiosk starts elsewhere: even a short run sees the whole mix.
    const pos = (this.n++ * 37 + this.index * 11) % 100;
    let kind: Kind = pos < 2 ? 'unknown' : pos === 2 ? 'suspended' : pos === 3 ? 'limited' : pos === 4 ? 'stray' : pos % 10 === 5 ? 'first' : 'swap';
    if (kind === 'first' && this.noPack.length === 0) kind = 'swap';
    if (kind === 'swap' && (this.holding.length === 0 || this.emptySlot() < 0)) kind = 'first';
    if (kind === 'first' && this.noPack.length === 0) return void this.load.counts.skipped++;
    const requestId = this.load.newRequestId();
    let customer: Customer | null = null;
    let token: string;
    let returned: { returnedPackId: string; returnedSlot?: number } = { returnedPackId: '' };
    const pick = <T>(xs: readonly T[]): T => xs[this.n % xs.length]!;
    switch (kind) {
      case 'swap': {
        // The customer puts the flat pack into a free slot first; the request names it and the slot.
        customer = this.holding.shift()!;
        const slot = this.emptySlot();
        this.slots[slot] = customer.packId;
        this.event({ packInserted: { slot, packId: customer.packId, requestId } });
        returned = { returnedPackId: customer.packId!, returnedSlot: slot };
        token = customer.token;
        break;
      }
      case 'first':
        customer = this.noPack.shift()!;
        token = customer.token;
        break;
      case 'unknown':
        token = `card-nobody-${requestId}`;
        break;
      case 'suspended':
        token = pick(this.plan.suspendedTokens);
        break;
      case 'limited':
        token = pick(this.plan.limitedTokens);
        break;
      case 'stray':
        // A known customer names a pack that is not theirs (nothing goes in): PACK_NOT_IN_CUSTODY.
        token = pick(this.plan.customers).token;
        returned = { returnedPackId: this.plan.strayPackId };
        break;
    }
    const payload = encodeSwapRequest({ header: this.header(), requestId, customerToken: token, ...returned });
    this.load.pending.set(requestId, { kiosk: this, kind, sentAt: performance.now(), measured, customer });
    this.publish(this.t.requests, payload);
    if (measured) this.load.counts.sent++;
  }

  private onPublish(flags: number, buf: Buffer, s: number, e: number): void {
    const now = performance.now();
    const qos = (flags >> 1) & 3;
    const topicLen = buf.readUInt16BE(s);
    const topic = buf.toString('utf8', s + 2, s + 2 + topicLen);
    let at = s + 2 + topicLen;
    if (qos > 0) {
      const ack = Buffer.allocUnsafe(4);
      writePuback(ack, 0, buf.readUInt16BE(at));
      this.write(ack);
      at += 2;
    }
    const payload = buf.subarray(at, e);
    if (topic === this.t.decisions) this.onDecision(now, payload);
    else if (topic === this.t.commands) this.onCommand(payload);
  }

  private onDecision(now: number, payload: Buffer): void {
    const d = decodeSwapDecision(payload);
    const p = this.load.pending.get(d.requestId);
    if (!p || p.kiosk !== this) return void this.load.counts.unmatched++;
    this.load.counts.decided++;
    if (p.measured) {
      this.load.hist.record(now - p.sentAt);
      const key = d.allowed ? `allowed ${p.kind === 'swap' ? 'swap' : 'first issue'}` : `denied ${REASON_NAME.get(d.reasons[0] ?? 0) ?? '?'}`;
      this.load.reasons.set(key, (this.load.reasons.get(key) ?? 0) + 1);
    }
    p.measured = false; // decided: no longer outstanding
    if (d.allowed) return; // the release command follows on .../commands
    this.load.pending.delete(d.requestId);
    const c = p.customer;
    if (c) {
      // Refused after putting the flat pack in: the kiosk keeps it; next time is a first issue.
      c.packId = null;
      this.noPack.push(c);
    }
  }

  /** Cabinet firmware: open the slot, report PackReleased with the command id, restock, report status. */
  private onCommand(payload: Buffer): void {
    const cmd = decodeKioskCommand(payload);
    const r = cmd.release;
    if (!r) return;
    const slot = r.slot ?? 0;
    const packId = r.packId ?? '';
    if (this.slots[slot] !== packId) this.load.counts.releaseMismatch++;
    this.slots[slot] = null;
    this.event({ packReleased: { slot, packId, commandId: cmd.commandId } });
    this.load.counts.releases++;
    const p = this.load.pending.get(r.requestId ?? '');
    this.load.pending.delete(r.requestId ?? '');
    if (p?.customer) {
      p.customer.packId = packId;
      this.holding.push(p.customer);
    }
    // Staff top the kiosk up from the warehouse when first issues have thinned it out.
    while (this.slots.filter((x) => x !== null).length < this.fillTarget && this.reserve.length > 0) {
      const free = this.emptySlot();
      const packId2 = this.reserve.shift()!;
      this.slots[free] = packId2;
      this.event({ packInserted: { slot: free, packId: packId2, requestId: '' } });
      this.load.counts.restocked++;
    }
    this.statusChanged();
  }

  /** After a run: requests never answered go back to their pools, so the next run starts whole. */
  forget(requestId: string, p: Pending): void {
    this.load.pending.delete(requestId);
    if (p.customer) {
      p.customer.packId = null; // a swap's flat pack is in the kiosk already
      this.noPack.push(p.customer);
    }
  }

  close(): void {
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.up = false;
    this.sock?.destroy();
  }
}

// ---------- the runs ----------

type Mode = 'quiet' | 'loaded';
interface RunFigures {
  mode: Mode;
  /** Requests still unanswered DRAIN_MAX_MS after the run: the server fell behind for good. */
  undecided: number;
  /** Other processes' CPU just before the run, % of a core (the machine is shared). */
  othersBeforePct: number;
  /** Measured window, s (server counts cover it and the drain after it). */
  windowS: number;
  latency: LatencySummary;
  sentPerSec: number;
  decidedPerSec: number;
  reasons: Record<string, number>;
  behind: number;
  skipped: number;
  unmatched: number;
  releaseMismatch: number;
  ingest: { offeredPerSec: number; ackedPerSec: number; p50Ms: number | null; p99Ms: number | null; lost: number; blocked: number; behind: number } | null;
  cpuPct: { server: number; generator: number; kiosks: number; others: number };
  /** Server CPU (all threads, DuckDB's included) per decision received in the window, ms. */
  serverCpuMsPerDecision: number | null;
  server: ServerTimings;
}

interface Rig { a: Args; server: IpcChild; gen: IpcChild | null; sims: KioskSim[]; load: SwapLoad; profileFile: string | null }

/** CPU other processes used over sampleMs, % of one core. */
async function othersPct(pids: number[], sampleMs: number): Promise<number> {
  const ours = (): number => pids.reduce((x, pid) => x + cpuMs(pid), 0) + selfCpuMs();
  const m0 = machineBusyMs();
  const o0 = ours();
  const t0 = performance.now();
  await sleep(sampleMs);
  return Math.max(0, Math.round(((machineBusyMs() - m0 - (ours() - o0)) / (performance.now() - t0)) * 100));
}

const ms = (v: number | null | undefined): string => (v === null || v === undefined ? '-' : Number.isFinite(v) ? v.toFixed(1) : 'inf');

/** Open loop: requests go out on schedule, round-robin over the kiosks, whatever is still unanswered. */
async function drive(rig: Rig, onWindowStart: () => void): Promise<{ behind: number; windowMs: number }> {
  const { a, sims } = rig;
  const warmMs = a.warmup * 1000;
  const endMs = warmMs + a.seconds * 1000;
  const maxBurst = Math.max(1, Math.floor(a.rate * 0.25));
  const t0 = performance.now();
  let scheduled = 0;
  let cursor = 0;
  let behind = 0;
  let windowStart = -1;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const el = performance.now() - t0;
      const inWindow = el >= warmMs;
      if (inWindow && windowStart < 0) {
        windowStart = performance.now();
        onWindowStart();
      }
      let due = Math.floor((Math.min(el, endMs) * a.rate) / 1000) - scheduled;
      if (due > maxBurst) {
        behind += due - maxBurst; // the kiosks' own loop fell behind: not offered
        scheduled += due - maxBurst;
        due = maxBurst;
      }
      for (let k = 0; k < due; k++) {
        scheduled++;
        sims[cursor]!.request(inWindow);
        cursor = cursor + 1 === sims.length ? 0 : cursor + 1;
      }
      if (el >= endMs) return resolve();
      setTimeout(tick, 1);
    };
    tick();
  });
  return { behind, windowMs: performance.now() - windowStart };
}

async function oneRun(rig: Rig, mode: Mode, profile: boolean): Promise<RunFigures> {
  const { a, server, gen, load } = rig;
  const ours = [server.pid, ...(gen ? [gen.pid] : [])];
  let othersBeforePct = await othersPct(ours, 1000);
  for (const deadline = performance.now() + a.quietWaitS * 1000; othersBeforePct >= QUIET_OTHERS_PCT && performance.now() < deadline; ) othersBeforePct = await othersPct(ours, 1000);
  const step = mode === 'loaded' && gen ? gen.request<{ windows: WindowResult[] }>('step', { ratePerSec: a.ingestRate, warmupS: a.warmup, windows: 1, windowS: a.seconds, drainS: 5 }) : null;
  let cpu0 = { server: 0, gen: 0, self: 0, machine: 0 };
  const sampleCpu = () => ({ server: cpuMs(server.pid), gen: gen ? cpuMs(gen.pid) : 0, self: selfCpuMs(), machine: machineBusyMs() });
  const { behind, windowMs } = await drive(rig, () => {
    load.resetWindow();
    cpu0 = sampleCpu();
    void server.request('timings-reset');
    if (profile) void server.request('profile-start').catch((e: Error) => print(`  profile: ${e.message}`));
  });
  const cpu1 = sampleCpu();
  const s = load.counts;
  const sent = s.sent;
  const decidedInWindow = s.decided;
  // Measured requests still unanswered get up to 5 s, then count as lost (infinitely late).
  const outstanding = (): number => [...load.pending.values()].filter((p) => p.measured).length;
  for (const deadline = performance.now() + 5000; outstanding() > 0 && performance.now() < deadline; ) await sleep(20);
  load.hist.recordLost(outstanding());
  for (const p of load.pending.values()) p.measured = false; // a late answer is not counted twice
  // Everything sent (warm-up included) is answered before the next run, or the rate is past capacity.
  for (const deadline = performance.now() + DRAIN_MAX_MS; load.pending.size > 0 && performance.now() < deadline; ) await sleep(50);
  const undecided = load.pending.size;
  for (const [id, p] of [...load.pending]) p.kiosk.forget(id, p);
  if (profile && rig.profileFile) await server.request('profile-stop', { file: rig.profileFile }).catch((e: Error) => print(`  profile: ${e.message}`));
  const stats = await server.request<{ timings: ServerTimings }>('stats');
  const w = step ? (await step).windows[0] : undefined;
  const pct = (x: number): number => Math.round((x / windowMs) * 100);
  const used = { server: cpu1.server - cpu0.server, generator: cpu1.gen - cpu0.gen, kiosks: cpu1.self - cpu0.self };
  await sleep(a.statusEveryMs + 200); // the last status reports land before the next run
  return {
    mode,
    undecided,
    othersBeforePct,
    windowS: windowMs / 1000,
    latency: load.hist.summary(),
    sentPerSec: Math.round(sent / (windowMs / 1000)),
    decidedPerSec: Math.round(decidedInWindow / (windowMs / 1000)),
    reasons: Object.fromEntries(load.reasons),
    behind,
    skipped: s.skipped,
    unmatched: s.unmatched,
    releaseMismatch: s.releaseMismatch,
    ingest: w ? { offeredPerSec: w.offeredPerSec, ackedPerSec: w.ackedPerSec, p50Ms: w.latency.p50Ms, p99Ms: w.latency.p99Ms, lost: w.latency.lost, blocked: w.blocked, behind: w.behind } : null,
    serverCpuMsPerDecision: decidedInWindow > 0 ? Math.round((used.server / decidedInWindow) * 10) / 10 : null,
    cpuPct: { server: pct(used.server), generator: pct(used.generator), kiosks: pct(used.kiosks), others: Math.max(0, pct(cpu1.machine - cpu0.machine - used.server - used.generator - used.kiosks)) },
    server: stats.timings,
  };
}

function formatRun(r: RunFigures, run: number, n: number): string {
  const l = r.latency;
  const i = r.ingest;
  const ing = i ? `ingest ${i.ackedPerSec}/s acknowledged of ${i.offeredPerSec}/s offered, PUBACK p50 ${ms(i.p50Ms)} p99 ${ms(i.p99Ms)} ms${i.lost ? `, ${i.lost} never acknowledged` : ''}${i.blocked ? `, ${i.blocked} blocked` : ''}` : 'no ingest';
  const t = r.server;
  return [
    `  ${r.mode === 'quiet' ? 'no ingest ' : 'with ingest'} ${run}/${n}  sent ${r.sentPerSec}/s decided ${r.decidedPerSec}/s  p50 ${ms(l.p50Ms)}  p90 ${ms(l.p90Ms)}  p99 ${ms(l.p99Ms)}  max ${ms(l.maxMs)} ms  (n ${l.count}, lost ${l.lost}${r.behind ? `, behind ${r.behind}` : ''})${r.skipped ? `\n      ${r.skipped} not sent: the kiosk was busy (every free slot or waiting customer tied up by unanswered requests)` : ''}`,
    `      ${ing}; cpu % of a core: server ${r.cpuPct.server}${r.mode === 'quiet' && r.serverCpuMsPerDecision !== null ? ` (${r.serverCpuMsPerDecision} ms per decision)` : ''}, generator ${r.cpuPct.generator}, kiosks ${r.cpuPct.kiosks}, others ${r.cpuPct.others} (${r.othersBeforePct} before the run)`,
    `      server: decide p50 ${ms(t.decide.p50Ms)} p99 ${ms(t.decide.p99Ms)}; recordDecision p50 ${ms(t.recordDecision.p50Ms)} p99 ${ms(t.recordDecision.p99Ms)} max ${ms(t.recordDecision.maxMs)}; event/status writes p50 ${ms(t.otherLedgerWrites.p50Ms)} p99 ${ms(t.otherLedgerWrites.p99Ms)} (n ${t.otherLedgerWrites.count}) ms`,
    `      registry writes on its one connection: ${Object.entries(t.registryTx).map(([k, h]) => `${k} ${h.count} (wait p50 ${ms(t.registryWait[k]?.p50Ms)} p99 ${ms(t.registryWait[k]?.p99Ms)}, then BEGIN..COMMIT p50 ${ms(h.p50Ms)} p99 ${ms(h.p99Ms)} ms)`).join(', ')}; ${Math.round(Object.values(t.registryTx).reduce((x, h) => x + h.count, 0) / (t.sinceResetMs / 1000))}/s`,
    `      server event-loop delay p50 ${ms(t.loopDelay.p50Ms)} p99 ${ms(t.loopDelay.p99Ms)} max ${ms(t.loopDelay.maxMs)} ms${r.undecided ? `; ${r.undecided} requests still undecided ${DRAIN_MAX_MS / 1000} s after the run` : ''}`,
  ].join('\n');
}

interface ModeSummary { runs: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number; decidedPerSec: number; recordP50Ms: number; recordP99Ms: number; decideP99Ms: number; ingestAckedPerSec: number | null; ingestP99Ms: number | null; serverCpuPct: number; reasons: Record<string, number> }

function summarise(rs: RunFigures[]): ModeSummary {
  const med = (f: (r: RunFigures) => number | null): number => median(rs.map((r) => f(r) ?? NaN).map((x) => (Number.isNaN(x) ? Infinity : x)));
  const reasons: Record<string, number> = {};
  for (const r of rs) for (const [k, v] of Object.entries(r.reasons)) reasons[k] = (reasons[k] ?? 0) + v;
  return {
    runs: rs.length,
    p50Ms: med((r) => r.latency.p50Ms), p90Ms: med((r) => r.latency.p90Ms), p99Ms: med((r) => r.latency.p99Ms), maxMs: med((r) => r.latency.maxMs),
    decidedPerSec: med((r) => r.decidedPerSec), recordP50Ms: med((r) => r.server.recordDecision.p50Ms), recordP99Ms: med((r) => r.server.recordDecision.p99Ms), decideP99Ms: med((r) => r.server.decide.p99Ms),
    ingestAckedPerSec: rs[0]?.ingest ? med((r) => r.ingest?.ackedPerSec ?? null) : null, ingestP99Ms: rs[0]?.ingest ? med((r) => r.ingest?.p99Ms ?? null) : null,
    serverCpuPct: med((r) => r.cpuPct.server), reasons,
  };
}

async function startRig(a: Args, dir: string): Promise<Rig> {
  const packCreds = join(dir, 'packs.json');
  const planFile = join(dir, 'plan.json');
  const server = forkChild(here('./swaps-server.ts'), ['--data-dir', join(dir, 'data'), '--pack-creds', packCreds, '--plan', planFile, '--packs', String(a.ingestRate > 0 ? a.connections : 0), '--kiosks', String(a.kiosks), '--customers-per-kiosk', String(a.customersPerKiosk)], { name: 'swap bench server' });
  const rig: Rig = { a, server, gen: null, sims: [], load: new SwapLoad(), profileFile: a.profile ? join(a.profileDir ?? dir, 'swaps-server.cpuprofile') : null };
  const ready = await Promise.race([
    server.once<{ mqttPort: number; setupMs: number; imported: Record<string, number> }>('ready', 600_000),
    server.once<{ message: string }>('error', 600_000).then((m) => Promise.reject(new Error(m.message))),
  ]);
  const plan = JSON.parse(readFileSync(planFile, 'utf8')) as SwapFleetPlan;
  const cp = plan.commitProbe;
  print(`  server pid ${server.pid} on 127.0.0.1:${ready.mqttPort}; setup ${(ready.setupMs / 1000).toFixed(1)} s; imported ${JSON.stringify(ready.imported)}`);
  print(`  one-row DuckDB commit on this disk, nothing else running: p50 ${ms(cp.p50Ms)} p99 ${ms(cp.p99Ms)} max ${ms(cp.maxMs)} ms (n ${cp.n}): the floor under recordDecision`);
  if (a.ingestRate > 0) {
    rig.gen = forkChild(here('./load-generator.ts'), [], { name: 'load generator' });
    await rig.gen.once('ready', 30_000);
    const c = await rig.gen.request<ConnectResult>('connect', { host: '127.0.0.1', port: ready.mqttPort, credsFile: packCreds, count: a.connections, concurrency: 256, perAddress: 100, keepaliveS: 300 }, 900_000);
    print(`  background fleet: ${c.connected} pack connections up in ${(c.ms / 1000).toFixed(1)} s${c.failed ? `; ${c.failed} failed ${JSON.stringify(c.errors)}` : ''}`);
  }
  rig.sims = plan.kiosks.map((k, i) => new KioskSim(k, i, rig.load, a.statusEveryMs));
  await Promise.all(rig.sims.map((s) => s.connect('127.0.0.1', ready.mqttPort)));
  for (const s of rig.sims) s.publishStatus();
  const ids = rig.sims.map((s) => s.plan.id);
  let online = 0;
  for (const deadline = performance.now() + 30_000; online < ids.length && performance.now() < deadline; await sleep(100)) {
    online = (await server.request<{ ready: number }>('kiosks-ready', { kioskIds: ids })).ready;
  }
  if (online < ids.length) throw new Error(`only ${online} of ${ids.length} kiosks are online with a status after 30 s`);
  print(`  ${ids.length} kiosks connected, subscribed to their decisions and commands, status reported (${plan.kiosks[0]?.slots.filter((p) => p !== null).length} of ${plan.kiosks[0]?.slotCount} slots full)`);
  return rig;
}

export async function run(argv: string[]): Promise<number> {
  const a = parse(argv);
  const dir = mkdtempSync(join(tmpdir(), 'cf-bench-swaps-'));
  if (a.profileDir) mkdirSync(a.profileDir, { recursive: true });
  onExit(() => rmSync(dir, { recursive: true, force: true }));
  const startedAt = new Date();
  print(`swaps benchmark ${startedAt.toISOString()}: ${a.rate} requests/s from ${a.kiosks} kiosks (${a.customersPerKiosk} customers each), ${a.repeats} x (warm-up ${a.warmup} s + ${a.seconds} s) per mode; background ${a.ingestRate} readings/s from ${a.connections} pack connections; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  let rig: Rig | null = null;
  const ping = setInterval(() => rig?.sims.forEach((s) => s.pingIfIdle()), 30_000);
  const runs: RunFigures[] = [];
  try {
    rig = await startRig(a, dir);
    const modes: Mode[] = a.ingestRate > 0 ? ['quiet', 'loaded'] : ['quiet'];
    for (let r = 1; r <= a.repeats; r++) {
      // Interleaved, so a ledger that grows over the runs weighs on both modes alike.
      for (const mode of modes) {
        const fig = await oneRun(rig, mode, a.profile && r === 1 && mode === modes[modes.length - 1]); // with ingest when there is some
        runs.push(fig);
        print(formatRun(fig, r, a.repeats));
        if (rig.load.counts.disconnects > 0) throw new Error(`${rig.load.counts.disconnects} kiosk connection(s) dropped`);
        if (fig.undecided > 0) break;
      }
      if (runs.some((x) => x.undecided > 0)) {
        print(`  the server could not keep up with ${a.rate} requests/s (decided/s above): no further runs`);
        break;
      }
    }
    const stats = await rig.server.request<{ swaps: Record<string, number>; custody: Record<string, number>; ingest: { quarantined: number; commitFailures: number } }>('stats');
    print(`  sanity: server swaps ${JSON.stringify(stats.swaps)}; custody ${JSON.stringify(stats.custody)}; quarantined ${stats.ingest.quarantined}; commit failures ${stats.ingest.commitFailures}; releases ${rig.load.counts.releases}, restocked ${rig.load.counts.restocked}, release/slot mismatches ${runs.reduce((x, r) => x + r.releaseMismatch, 0)}, unmatched decisions ${runs.reduce((x, r) => x + r.unmatched, 0)}`);
    if (rig.profileFile && existsSync(rig.profileFile)) {
      print(`\n  CPU profile of the server, first measured window${a.ingestRate > 0 ? ' with ingest' : ''} (${rig.profileFile}):`);
      print(formatProfileSummary(summariseProfile(rig.profileFile), 25));
    }
  } finally {
    clearInterval(ping);
    if (rig) {
      for (const s of rig.sims) s.close();
      if (rig.gen) {
        await rig.gen.request('close', {}, 10_000).catch(() => {});
        await stopChild(rig.gen.child, 5000);
      }
      await rig.server.request('stop', {}, 60_000).catch(() => {});
      await stopChild(rig.server.child, 10_000);
    }
    if (!a.profile || a.profileDir) rmSync(dir, { recursive: true, force: true });
  }
  const quiet = summarise(runs.filter((r) => r.mode === 'quiet'));
  const loaded = runs.some((r) => r.mode === 'loaded') ? summarise(runs.filter((r) => r.mode === 'loaded')) : null;
  const row = (name: string, m: ModeSummary): string =>
    `  ${name.padEnd(22)} ${ms(m.p50Ms).padStart(6)} ${ms(m.p90Ms).padStart(6)} ${ms(m.p99Ms).padStart(6)} ${ms(m.maxMs).padStart(7)}  ${String(m.decidedPerSec).padStart(9)}  ${ms(m.recordP50Ms).padStart(5)}/${ms(m.recordP99Ms).padEnd(6)}  ${m.ingestAckedPerSec === null ? '-' : `${m.ingestAckedPerSec}/s, p99 ${ms(m.ingestP99Ms)} ms`}`;
  print(`\nswap decision latency over MQTT (SwapRequest published -> SwapDecision received), ms, median of ${a.repeats} run(s):`);
  print(`  ${''.padEnd(22)} ${'p50'.padStart(6)} ${'p90'.padStart(6)} ${'p99'.padStart(6)} ${'max'.padStart(7)}  decided/s  recordDecision p50/p99  ingest meanwhile`);
  print(row('no background ingest', quiet));
  if (loaded) print(row(`with ${a.ingestRate} readings/s`, loaded));
  const total = (m: ModeSummary): number => Object.values(m.reasons).reduce((x, y) => x + y, 0);
  for (const [name, m] of [['no ingest', quiet], ['with ingest', loaded]] as const) {
    if (!m) continue;
    const parts = Object.entries(m.reasons).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${((v / total(m)) * 100).toFixed(1)}%`);
    print(`  decisions (${name}, ${total(m)}): ${parts.join(', ')}`);
  }
  const judged = loaded ?? quiet;
  const pass = judged.p99Ms <= TARGET_P99_MS;
  print(`  target p99 <= ${TARGET_P99_MS} ms ${loaded ? `while ingesting ${a.ingestRate} readings/s` : '(no ingest: not the target condition)'}: ${pass ? 'PASS' : 'FAIL'} (p99 ${ms(judged.p99Ms)} ms)${loaded ? `; p99 with ingest / without: ${(loaded.p99Ms / quiet.p99Ms).toFixed(2)}` : ''}`);
  if (Number.isFinite(judged.p50Ms)) print(`  the ledger commit (recordDecision, server side, with its wait for the connection) at the median: ${ms(judged.recordP50Ms)} of ${ms(judged.p50Ms)} ms end to end (${((judged.recordP50Ms / judged.p50Ms) * 100).toFixed(0)} %); at p99 ${ms(judged.recordP99Ms)} of ${ms(judged.p99Ms)} ms`);
  else print(`  most requests of the measured windows were not answered within 5 s: the server's figures per run above say where they waited`);
  print(`SWAPS_BENCH_JSON ${JSON.stringify({ startedAt: startedAt.toISOString(), args: a, quiet, loaded, pass, runs })}`);
  return 0;
}
