// The load generator's device connections: one raw-TCP MQTT 3.1.1 client per pack, each bound to
// its own source address in 127.0.0.0/8, connected in waves, with a 64-slot in-flight window per
// device. A message waits in its device's outbox while the window is full (or the device is
// reconnecting), as firmware would, and its latency is timed from when it was SCHEDULED, not sent:
// a server that stalls a device's window is charged for the whole wait (no coordinated omission).
import { readFileSync } from 'node:fs';
import net from 'node:net';
import type { LatencyHistogram } from './latency-histogram.ts';
import { CONNACK, FrameReader, PINGREQ_FRAME, PUBACK, connectFrame } from './mqtt-wire.ts';
import { TelemetryFrames } from './telemetry-frames.ts';

export interface DeviceCredential {
  id: string;
  password: string;
}

export interface ConnectOptions {
  host: string;
  port: number;
  /** JSON array of DeviceCredential. */
  credsFile: string;
  count: number;
  /** Connects in flight at once. */
  concurrency: number;
  /** Connections per source address. */
  perAddress: number;
  keepaliveS: number;
}

export interface ConnectResult {
  connected: number;
  failed: number;
  errors: Record<string, number>;
  ms: number;
  sourceAddresses: number;
}

/** In-flight publishes per device at most: a packet id slot each. */
export const RING = 64;
const PING_EVERY_MS = 60_000;
const CONNECT_TIMEOUT_MS = 60_000;
/** Shared by every socket's reads: callbacks run one at a time and copy nothing they keep. */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

/** A message due by the schedule and not yet written: its scheduled time, seq and window tag. */
export interface Due {
  atMs: number;
  seq: number;
  tag: number;
}

export interface Conn {
  idx: number;
  sock: net.Socket | null;
  frames: TelemetryFrames;
  up: boolean;
  seq: number;
  nextPid: number;
  inflight: number;
  lastWriteMs: number;
  /** The device's outbox: due messages not yet written, oldest first (from `head`). */
  outbox: Due[];
  head: number;
  /** A reconnect is scheduled (the broker cut the device off during a step). */
  reconnecting: boolean;
}

/** 127.1.0.1, 127.1.0.2, ...: each source address has its own ephemeral port range. */
export function localAddress(i: number, perAddress: number): string {
  const a = Math.floor(i / perAddress);
  return `127.${1 + Math.floor(a / 65_024)}.${Math.floor((a % 65_024) / 254)}.${(a % 254) + 1}`;
}

export class Fleet {
  readonly conns: Conn[] = [];
  /** Per (device, slot): when the PUBLISH was scheduled, its packet id (0 = free), its window tag (0 = not measured), its seq. */
  sentAtMs = new Float64Array(0);
  slotPid = new Uint16Array(0);
  slotTag = new Uint8Array(0);
  slotSeq = new Float64Array(0);
  /** While a step runs, devices the broker cuts off reconnect after a delay and resend, as real ones would. */
  stepping = false;
  /** Messages that waited in an outbox because the window was full or the device was down. */
  queuedBehindWindow = 0;
  reconnects = 0;
  /** Window tag -> its histogram. */
  readonly hists = new Map<number, LatencyHistogram>();
  ackedTotal = 0;
  disconnects = 0;
  private creds: DeviceCredential[] = [];
  private opts: ConnectOptions | null = null;
  private pingTimer: NodeJS.Timeout | null = null;

  constructor(private readonly progress: (m: { connected: number; failed: number; of: number }) => void) {}

  async connectAll(opts: ConnectOptions): Promise<ConnectResult> {
    this.creds = JSON.parse(readFileSync(opts.credsFile, 'utf8')) as DeviceCredential[];
    this.opts = opts;
    const n = Math.min(opts.count, this.creds.length);
    this.sentAtMs = new Float64Array(n * RING);
    this.slotPid = new Uint16Array(n * RING);
    this.slotTag = new Uint8Array(n * RING);
    this.slotSeq = new Float64Array(n * RING);
    for (let i = 0; i < n; i++) {
      const cred = this.creds[i]!;
      const bootId = 1 + ((i * 2_654_435_761) % 4_000_000_000);
      this.conns.push({ idx: i, sock: null, frames: new TelemetryFrames(cred.id, bootId, i), up: false, seq: 0, nextPid: 1, inflight: 0, lastWriteMs: 0, outbox: [], head: 0, reconnecting: false });
    }
    const t0 = performance.now();
    const { connected, errors } = await this.connectMany(Array.from({ length: n }, (_, i) => i));
    this.pingTimer ??= setInterval(() => this.ping(), PING_EVERY_MS / 2);
    return { connected, failed: n - connected, errors, ms: Math.round(performance.now() - t0), sourceAddresses: Math.ceil(n / opts.perAddress) };
  }

  /** Devices the broker cut off (backpressure, overload) reconnect before the next step, as real ones would. */
  async reconnectDropped(): Promise<{ reconnected: number; stillDown: number }> {
    const down = this.conns.filter((c) => !c.up && !c.reconnecting).map((c) => c.idx);
    if (down.length === 0 || !this.opts) return { reconnected: 0, stillDown: 0 };
    const { connected } = await this.connectMany(down);
    return { reconnected: connected, stillDown: down.length - connected };
  }

  close(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    for (const c of this.conns) c.sock?.destroy();
  }

  /** Keep-alive for devices that have sent nothing for a while (between steps). */
  private ping(): void {
    const now = performance.now();
    for (const c of this.conns) {
      if (c.up && now - c.lastWriteMs > PING_EVERY_MS) {
        c.sock!.write(PINGREQ_FRAME);
        c.lastWriteMs = now;
      }
    }
  }

  private onPuback(c: Conn, buf: Buffer, bodyStart: number): void {
    const pid = (buf[bodyStart]! << 8) | buf[bodyStart + 1]!;
    const slot = c.idx * RING + (pid & (RING - 1));
    if (this.slotPid[slot] !== pid) return;
    this.slotPid[slot] = 0;
    c.inflight--;
    this.ackedTotal++;
    const tag = this.slotTag[slot]!;
    if (tag !== 0) this.hists.get(tag)?.record(performance.now() - this.sentAtMs[slot]!);
    if (c.head < c.outbox.length) this.pump(c);
  }

  /** Queues a due message in its device's outbox and writes what the window allows. */
  offer(c: Conn, d: Due): void {
    c.outbox.push(d);
    if (!this.pump(c)) this.queuedBehindWindow++;
  }

  /** Writes queued messages while the device is up, its window has room and its socket drains; true when the outbox emptied. */
  pump(c: Conn): boolean {
    const epochMs = Date.now();
    while (c.head < c.outbox.length) {
      if (!c.up || c.sock!.writableLength > 65_536) return false;
      const pid = c.nextPid;
      const slot = c.idx * RING + (pid & (RING - 1));
      if (this.slotPid[slot] !== 0) return false;
      const d = c.outbox[c.head]!;
      c.outbox[c.head++] = undefined as never;
      c.nextPid = pid === 65_535 ? 1 : pid + 1;
      this.slotPid[slot] = pid;
      this.slotTag[slot] = d.tag;
      this.slotSeq[slot] = d.seq;
      this.sentAtMs[slot] = d.atMs;
      c.inflight++;
      c.sock!.write(c.frames.frame(d.seq, epochMs, pid));
      c.lastWriteMs = performance.now();
    }
    c.outbox.length = 0;
    c.head = 0;
    return true;
  }

  /** Messages of window `tag` (any non-zero tag when 0) still in flight or queued. */
  outstanding(measuredOnly: boolean): number {
    let k = 0;
    for (let i = 0; i < this.slotPid.length; i++) if (this.slotPid[i] !== 0 && (!measuredOnly || this.slotTag[i] !== 0)) k++;
    for (const c of this.conns) for (let i = c.head; i < c.outbox.length; i++) if (!measuredOnly || c.outbox[i]!.tag !== 0) k++;
    return k;
  }

  /** After the drain: what is still unacknowledged counts as lost in its window; outboxes are emptied. */
  settleLost(): void {
    for (let i = 0; i < this.slotPid.length; i++) {
      if (this.slotPid[i] !== 0 && this.slotTag[i] !== 0) {
        this.hists.get(this.slotTag[i]!)?.recordLost();
        this.slotTag[i] = 0; // a late ack no longer counts
      }
    }
    for (const c of this.conns) {
      for (let i = c.head; i < c.outbox.length; i++) {
        const tag = c.outbox[i]!.tag;
        if (tag !== 0) this.hists.get(tag)?.recordLost();
      }
      c.outbox.length = 0;
      c.head = 0;
    }
  }

  /** A device the broker cut off during a step: back after 1-2 s, resending what was never acknowledged. */
  private scheduleReconnect(c: Conn): void {
    if (c.reconnecting || !this.opts) return;
    c.reconnecting = true;
    setTimeout(() => {
      // What was in flight on the old session goes first again, with its original schedule time.
      const resend: Due[] = [];
      for (let s = c.idx * RING; s < (c.idx + 1) * RING; s++) {
        if (this.slotPid[s] !== 0) resend.push({ atMs: this.sentAtMs[s]!, seq: this.slotSeq[s]!, tag: this.slotTag[s]! });
        this.slotPid[s] = 0;
      }
      c.inflight = 0;
      resend.sort((a, b) => a.seq - b.seq);
      c.outbox = [...resend, ...c.outbox.slice(c.head)];
      c.head = 0;
      void this.connectOne(c, this.creds[c.idx]!, this.opts!).then((err) => {
        c.reconnecting = false;
        if (err === null) {
          this.reconnects++;
          this.pump(c);
        } else if (this.stepping) this.scheduleReconnect(c);
      });
    }, 1000 + Math.random() * 1000);
  }

  /** Connects the given devices, `concurrency` at a time; reports progress every 5 s. */
  private async connectMany(indices: number[]): Promise<{ connected: number; errors: Record<string, number> }> {
    const opts = this.opts!;
    const errors: Record<string, number> = {};
    let next = 0;
    let connected = 0;
    let failed = 0;
    let lastReport = performance.now();
    const worker = async (): Promise<void> => {
      while (next < indices.length) {
        const i = indices[next++]!;
        const c = this.conns[i]!;
        // A fresh session between steps: what the old socket had in flight was settled (acked or lost).
        c.sock?.destroy();
        this.slotPid.fill(0, i * RING, (i + 1) * RING);
        c.inflight = 0;
        c.outbox.length = 0;
        c.head = 0;
        const err = await this.connectOne(c, this.creds[i]!, opts);
        if (err === null) connected++;
        else {
          failed++;
          errors[err] = (errors[err] ?? 0) + 1;
        }
        const now = performance.now();
        if (now - lastReport > 5000) {
          lastReport = now;
          this.progress({ connected, failed, of: indices.length });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, indices.length)) }, worker));
    return { connected, errors };
  }

  private connectOne(c: Conn, cred: DeviceCredential, opts: ConnectOptions): Promise<string | null> {
    return new Promise((resolve) => {
      let settled = false;
      const done = (err: string | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(err);
      };
      const reader = new FrameReader((type, _flags, buf, s) => {
        if (type === PUBACK) this.onPuback(c, buf, s);
        else if (type === CONNACK) {
          const rc = buf[s + 1]!;
          if (rc === 0) {
            c.up = true;
            done(null);
          } else {
            sock.destroy();
            done(`CONNACK_${rc}`);
          }
        }
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
      }, CONNECT_TIMEOUT_MS);
      c.sock = sock;
      sock.on('connect', () => {
        sock.setNoDelay(true);
        sock.write(connectFrame(cred.id, cred.id, cred.password, opts.keepaliveS));
        c.lastWriteMs = performance.now();
      });
      sock.on('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
      sock.on('drain', () => {
        if (c.sock === sock && c.head < c.outbox.length) this.pump(c);
      });
      sock.on('close', () => {
        done('CLOSED');
        if (c.sock !== sock) return; // an old session's socket; the device has moved on
        if (c.up) this.disconnects++;
        const wasUp = c.up;
        c.up = false;
        if (wasUp && this.stepping) this.scheduleReconnect(c);
      });
    });
  }
}
