// The load generator, run as a child process (forked with IPC): thousands of raw-TCP MQTT 3.1.1
// pack connections spread over 127.0.0.0/8 source addresses, publishing pre-built QoS 1
// PackTelemetry frames at a steady total rate, timing publish-to-PUBACK per packet id.
// Commands arrive as IPC messages (see GeneratorCommand); every reply carries the command's id.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { LatencyHistogram, type LatencySummary } from './latency-histogram.ts';
import { CONNACK, FrameReader, PINGREQ_FRAME, PUBACK, connectFrame } from './mqtt-wire.ts';
import { TelemetryFrames } from './telemetry-frames.ts';

export interface DeviceCredential {
  id: string;
  password: string;
}

export type GeneratorCommand =
  | { cmd: 'connect'; id: number; host: string; port: number; credsFile: string; count: number; concurrency: number; perAddress: number; keepaliveS: number }
  | { cmd: 'step'; id: number; ratePerSec: number; warmupS: number; windows: number; windowS: number; drainS: number }
  | { cmd: 'close'; id: number };

export interface ConnectResult {
  connected: number;
  failed: number;
  errors: Record<string, number>;
  ms: number;
  sourceAddresses: number;
}

export interface WindowResult {
  /** Offered load: messages due by the schedule in this window, per second. */
  offeredPerSec: number;
  /** Messages written to sockets in this window. */
  sent: number;
  /** Due, but the device's in-flight window (unacknowledged publishes) was full, so not sent. */
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

const RING = 64; // in-flight publishes per device at most (a packet id slot each)
const TICK_MS = 2;
const MAX_BEHIND_S = 0.25;
const PING_EVERY_MS = 60_000;
/** Shared by every socket's reads: callbacks run one at a time and copy nothing they keep. */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

interface Conn {
  idx: number;
  sock: net.Socket | null;
  frames: TelemetryFrames;
  up: boolean;
  seq: number;
  nextPid: number;
  inflight: number;
  lastWriteMs: number;
}

const conns: Conn[] = [];
let sentAtMs = new Float64Array(0);
let slotPid = new Uint16Array(0);
let slotTag = new Uint8Array(0);
/** Window tag -> its histogram; tag 0 = not measured (warm-up). */
const hists = new Map<number, LatencyHistogram>();
let ackedTotal = 0;
let disconnects = 0;
let pingTimer: NodeJS.Timeout | null = null;

function reply(msg: object): void {
  process.send?.(msg);
}

function onPacket(c: Conn, type: number, buf: Buffer, bodyStart: number): void {
  if (type !== PUBACK) return;
  const pid = (buf[bodyStart]! << 8) | buf[bodyStart + 1]!;
  const slot = c.idx * RING + (pid & (RING - 1));
  if (slotPid[slot] !== pid) return;
  slotPid[slot] = 0;
  c.inflight--;
  ackedTotal++;
  const tag = slotTag[slot]!;
  if (tag !== 0) hists.get(tag)?.record(performance.now() - sentAtMs[slot]!);
}

function localAddress(i: number, perAddress: number): string {
  // 127.1.0.1, 127.1.0.2, ... : each source address has its own ephemeral port range.
  const a = Math.floor(i / perAddress);
  return `127.${1 + Math.floor(a / 65_024)}.${Math.floor((a % 65_024) / 254)}.${(a % 254) + 1}`;
}

function connectOne(c: Conn, cred: DeviceCredential, opts: Extract<GeneratorCommand, { cmd: 'connect' }>): Promise<string | null> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (err: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(err);
    };
    const reader = new FrameReader((type, _flags, buf, s) => {
      if (type === CONNACK) {
        const rc = buf[s + 1]!;
        if (rc === 0) {
          c.up = true;
          done(null);
        } else {
          c.sock?.destroy();
          done(`CONNACK_${rc}`);
        }
      } else onPacket(c, type, buf, s);
    });
    // onread: the socket reads into one shared buffer and calls us directly, with no stream,
    // 'data' event or Buffer per read: a PUBACK then costs the generator little more than the syscall.
    const sock = net.connect({
      host: opts.host,
      port: opts.port,
      localAddress: localAddress(c.idx, opts.perAddress),
      onread: {
        buffer: READ_BUFFER,
        callback: (nread: number, buf: Uint8Array): boolean => {
          reader.feed(Buffer.from(buf.buffer, buf.byteOffset, nread));
          return true;
        },
      },
    });
    const timer = setTimeout(() => {
      sock.destroy();
      done('TIMEOUT');
    }, 60_000);
    c.sock = sock;
    sock.on('connect', () => {
      sock.setNoDelay(true);
      sock.write(connectFrame(cred.id, cred.id, cred.password, opts.keepaliveS));
      c.lastWriteMs = performance.now();
    });
    sock.on('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
    sock.on('close', () => {
      if (c.up) disconnects++;
      c.up = false;
      done('CLOSED');
    });
  });
}

async function connectAll(opts: Extract<GeneratorCommand, { cmd: 'connect' }>): Promise<ConnectResult> {
  const creds = JSON.parse(readFileSync(opts.credsFile, 'utf8')) as DeviceCredential[];
  const n = Math.min(opts.count, creds.length);
  sentAtMs = new Float64Array(n * RING);
  slotPid = new Uint16Array(n * RING);
  slotTag = new Uint8Array(n * RING);
  for (let i = 0; i < n; i++) {
    const cred = creds[i]!;
    conns.push({ idx: i, sock: null, frames: new TelemetryFrames(cred.id, 1 + ((i * 2_654_435_761) % 4_000_000_000), i), up: false, seq: 0, nextPid: 1, inflight: 0, lastWriteMs: 0 });
  }
  const t0 = performance.now();
  const errors: Record<string, number> = {};
  let next = 0;
  let connected = 0;
  let failedSoFar = 0;
  let lastReport = t0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      const i = next++;
      const err = await connectOne(conns[i]!, creds[i]!, opts);
      if (err === null) connected++;
      else {
        failedSoFar++;
        errors[err] = (errors[err] ?? 0) + 1;
      }
      const now = performance.now();
      if (now - lastReport > 5000) {
        lastReport = now;
        reply({ event: 'progress', connected, failed: failedSoFar, of: n });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, n)) }, worker));
  pingTimer = setInterval(() => {
    const now = performance.now();
    for (const c of conns) {
      if (c.up && now - c.lastWriteMs > PING_EVERY_MS) {
        c.sock!.write(PINGREQ_FRAME);
        c.lastWriteMs = now;
      }
    }
  }, PING_EVERY_MS / 2);
  const failed = n - connected;
  return { connected, failed, errors, ms: Math.round(performance.now() - t0), sourceAddresses: Math.ceil(n / opts.perAddress) };
}

let tagCounter = 0;
function nextTag(): number {
  tagCounter = (tagCounter % 255) + 1;
  return tagCounter;
}

async function runStep(opts: Extract<GeneratorCommand, { cmd: 'step' }>): Promise<WindowResult[]> {
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
  type Acc = { tag: number; due: number; sent: number; blocked: number; behind: number; ackedAt0: number; cpu0: NodeJS.CpuUsage; t0: number; epoch0: number; lagMax: number; disc0: number; result?: WindowResult };
  const accs: Acc[] = [];
  let acc: Acc | null = null;

  const closeWindow = (now: number): void => {
    if (!acc) return;
    const cpu = process.cpuUsage(acc.cpu0);
    const s = (now - acc.t0) / 1000;
    acc.result = {
      offeredPerSec: Math.round(acc.due / s),
      sent: acc.sent,
      blocked: acc.blocked,
      behind: acc.behind,
      ackedPerSec: Math.round((ackedTotal - acc.ackedAt0) / s),
      latency: { count: 0, lost: 0, p50Ms: null, p90Ms: null, p99Ms: null, maxMs: null },
      genCpuPct: Math.round(((cpu.user + cpu.system) / 1000 / (now - acc.t0)) * 100),
      genLagMaxMs: Math.round(acc.lagMax),
      startEpochMs: acc.epoch0,
      endEpochMs: Date.now(),
      disconnects: disconnects - acc.disc0,
    };
    reply({ event: 'window-end', window: w, epochMs: acc.result.endEpochMs, genCpuMs: (cpu.user + cpu.system) / 1000 });
    acc = null;
    tag = 0;
  };

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
          acc = { tag, due: 0, sent: 0, blocked: 0, behind: 0, ackedAt0: ackedTotal, cpu0: process.cpuUsage(), t0: now, epoch0: Date.now(), lagMax: 0, disc0: disconnects };
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
      const epochMs = Date.now();
      for (let k = 0; k < due; k++) {
        scheduled++;
        const c = conns[cursor]!;
        cursor = cursor + 1 === n ? 0 : cursor + 1;
        const pid = c.nextPid;
        const slot = c.idx * RING + (pid & (RING - 1));
        if (!c.up || slotPid[slot] !== 0 || c.sock!.writableLength > 65_536) {
          if (acc) acc.blocked++;
          continue;
        }
        c.nextPid = pid === 65_535 ? 1 : pid + 1;
        slotPid[slot] = pid;
        slotTag[slot] = tag;
        sentAtMs[slot] = now;
        c.inflight++;
        c.sock!.write(c.frames.frame(++c.seq, epochMs, pid));
        c.lastWriteMs = now;
        if (acc) acc.sent++;
      }
      setTimeout(tick, TICK_MS);
    };
    tick();
  });
  if (endAt > performance.now()) await new Promise((r) => setTimeout(r, endAt - performance.now()));

  // Wait for the measured messages' PUBACKs (bounded), then count the rest as lost.
  const deadline = performance.now() + opts.drainS * 1000;
  const measuredOutstanding = (): number => {
    let k = 0;
    for (let i = 0; i < slotPid.length; i++) if (slotPid[i] !== 0 && slotTag[i] !== 0) k++;
    return k;
  };
  while (measuredOutstanding() > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (let i = 0; i < slotPid.length; i++) {
    if (slotPid[i] !== 0 && slotTag[i] !== 0) {
      hists.get(slotTag[i]!)?.recordLost();
      slotTag[i] = 0; // a late ack no longer counts
    }
  }
  const results: WindowResult[] = [];
  for (const a of accs) {
    const r = a.result!;
    r.latency = hists.get(a.tag)!.summary();
    hists.delete(a.tag);
    results.push(r);
  }
  return results;
}

function closeAll(): void {
  if (pingTimer) clearInterval(pingTimer);
  for (const c of conns) c.sock?.destroy();
}

process.on('message', (raw: unknown) => {
  const m = raw as GeneratorCommand;
  const fail = (err: unknown): void => reply({ reply: m.id, error: err instanceof Error ? err.stack ?? err.message : String(err) });
  if (m.cmd === 'connect') connectAll(m).then((r) => reply({ reply: m.id, ...r }), fail);
  else if (m.cmd === 'step') runStep(m).then((windows) => reply({ reply: m.id, windows }), fail);
  else if (m.cmd === 'close') {
    closeAll();
    reply({ reply: m.id });
    setTimeout(() => process.exit(0), 100);
  }
});
// The parent is gone: stop at once rather than keep thousands of sockets open.
process.on('disconnect', () => {
  closeAll();
  process.exit(0);
});
reply({ event: 'ready' });
