// One simulated device's MQTT connection, with its own credentials (user name = client id = device
// id): CONNECT, SUBSCRIBE, QoS 1 publishes tracked by packet id until PUBACK, downlinks acknowledged,
// and on a lost connection the unacknowledged messages go back to the device's outbox, which hands
// them (same boot id and seq) to the next connection. Owned and driven by a LinkPool.
import net from 'node:net';
import type { DeviceOutbox, OutboxMessage } from './device-outbox.ts';
import { CONNACK, FrameReader, PUBACK, PUBLISH, SUBACK, connectFrame, parsePublish, pubackFrame, publishFrame, subscribeFrame, utf8Field } from './mqtt-wire.ts';

export type UplinkKind = 'telemetry' | 'status' | 'event' | 'request';

/** What a simulated device publishes: the encoded protobuf, and what the simulator knows about it. */
export interface Uplink {
  bytes: Uint8Array;
  kind: UplinkKind;
  /** The bytes were damaged on purpose (bad-network): the server must quarantine them. */
  corrupt: boolean;
  /** A second copy of a message, sent on purpose (bad-network). */
  duplicate: boolean;
  /** PUBLISH packets written for this message so far (more than one: resent after a lost connection). */
  sends: number;
}
export type UplinkMessage = OutboxMessage<Uplink>;

/** What a link needs from the pool that owns it. */
export interface LinkHost {
  readonly host: string;
  readonly port: number;
  readonly keepaliveS: number;
  readonly maxInflight: number;
  readonly publishRatePerSec: number;
  readonly publishBurst: number;
  readonly connectTimeoutMs: number;
  readonly readBuffer: Buffer;
  readonly counters: LinkCounters;
  /** Backoff before reconnect attempt `attempt` (0-based) after a failure, ms of wall time. */
  backoffMs(attempt: number): number;
  /** A link that should be connected went down (+1) or came back or stopped wanting to (-1). */
  wantedDownDelta(d: number): void;
  /** The link has messages waiting for tokens or socket space: pump it again on the next tick. */
  throttle(link: DeviceLink): void;
  onAck(link: DeviceLink, msg: UplinkMessage): void;
  onDownlink(link: DeviceLink, topic: string, payload: Buffer): void;
  onUp(link: DeviceLink): void;
  onDown(link: DeviceLink): void;
}

export interface LinkCounters {
  connects: number;
  connectFailures: number;
  /** CONNACK refused the credentials: the link gives up. */
  refused: number;
  disconnects: number;
  sent: number;
  acked: number;
  /** Written, then handed back to the outbox unacknowledged when the connection was lost. */
  requeued: number;
  resent: number;
  downlinks: number;
}

export function newLinkCounters(): LinkCounters {
  return { connects: 0, connectFailures: 0, refused: 0, disconnects: 0, sent: 0, acked: 0, requeued: 0, resent: 0, downlinks: 0 };
}

const DOWN = 0;
const CONNECTING = 1;
const UP = 2;
const MAX_WRITABLE_BYTES = 64 * 1024;

export class DeviceLink {
  /** The connection should be up (false while the scenario keeps the device offline). */
  wanted = false;
  /** Gave up: the broker refused the credentials. */
  refusedCode = 0;
  lastWriteMs = 0;
  private state = DOWN;
  private sock: net.Socket | null = null;
  private readonly reader: FrameReader;
  /** Unacknowledged publishes by packet id; Map order is send order. */
  private readonly inflight = new Map<number, UplinkMessage>();
  private waiting: UplinkMessage[] = [];
  private waitHead = 0;
  private nextPid = 1;
  private tokens: number;
  private refillAtMs = performance.now();
  private attempts = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private connectTimer: NodeJS.Timeout | null = null;
  private readonly topicFields = new Map<string, Buffer>();
  private waiters: ((ok: boolean) => void)[] = [];

  constructor(
    private readonly pool: LinkHost,
    readonly id: string,
    private readonly password: string,
    readonly outbox: DeviceOutbox<Uplink>,
    private readonly opts: { subscribe: readonly string[]; cleanSession: boolean; localAddress?: string },
  ) {
    this.tokens = pool.publishBurst;
    this.reader = new FrameReader((type, flags, buf, s, e) => this.onPacket(type, flags, buf, s, e));
  }

  get up(): boolean {
    return this.state === UP;
  }
  get inflightCount(): number {
    return this.inflight.size;
  }
  /** Messages handed to the link and not yet written. */
  get waitingCount(): number {
    return this.waiting.length - this.waitHead;
  }

  /** Connects (if not up) and keeps reconnecting after losses; resolves true once up, false when it gave up or was stopped. */
  start(): Promise<boolean> {
    this.track(() => (this.wanted = true));
    if (this.state === UP) return Promise.resolve(true);
    const p = new Promise<boolean>((resolve) => this.waiters.push(resolve));
    if (this.state === DOWN && this.retryTimer === null) this.connect();
    return p;
  }

  /** Goes offline on purpose (an outage): no reconnect until start(). Unacknowledged messages go back to the outbox. */
  stop(): void {
    this.track(() => (this.wanted = false));
    this.clearRetry();
    this.sock?.destroy();
    this.settleWaiters(false);
  }

  /** Drops the connection as a flaky network would, and reconnects after delayMs of wall time. */
  drop(delayMs: number): void {
    if (!this.wanted) return;
    this.sock?.destroy();
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.wanted && this.state === DOWN) this.connect();
    }, Math.max(0, delayMs));
    this.retryTimer.unref();
  }

  /** Offers a message: published now (or when the window allows) while connected, else kept in the outbox. */
  send(msg: UplinkMessage): void {
    if (this.outbox.submit(msg) !== 'send') return;
    this.waiting.push(msg);
    this.pump();
  }

  /** Offers several messages in order; what goes out now goes in one write. */
  sendAll(msgs: readonly UplinkMessage[]): void {
    for (const m of msgs) if (this.outbox.submit(m) === 'send') this.waiting.push(m);
    this.pump();
  }

  /** Writes waiting messages while the in-flight window, the publish rate and the socket allow. */
  pump(): void {
    if (this.state !== UP) return;
    const sock = this.sock!;
    const pool = this.pool;
    // Corked: the publishes of one pump leave in one write.
    sock.cork();
    try {
      this.writeWaiting(sock, pool);
    } finally {
      sock.uncork();
    }
  }

  private writeWaiting(sock: net.Socket, pool: LinkHost): void {
    while (this.waitHead < this.waiting.length) {
      if (this.inflight.size >= pool.maxInflight) return; // PUBACKs will pump again
      if (!this.takeToken() || sock.writableLength > MAX_WRITABLE_BYTES) {
        pool.throttle(this);
        return;
      }
      const msg = this.waiting[this.waitHead++]!;
      const pid = this.allocPid();
      const resend = msg.payload.sends > 0;
      msg.payload.sends++;
      this.inflight.set(pid, msg);
      sock.write(publishFrame(this.topicField(msg.topic), msg.payload.bytes, 1, pid, resend));
      pool.counters.sent++;
      if (resend) pool.counters.resent++;
      this.lastWriteMs = performance.now();
    }
    this.waiting = [];
    this.waitHead = 0;
  }

  /** A frame written straight to the socket (PINGREQ). */
  writeRaw(frame: Buffer): void {
    if (this.state !== UP || !this.sock) return;
    this.sock.write(frame);
    this.lastWriteMs = performance.now();
  }

  private connect(): void {
    this.state = CONNECTING;
    this.reader.reset();
    const pool = this.pool;
    const sock = net.connect({
      host: pool.host,
      port: pool.port,
      ...(this.opts.localAddress ? { localAddress: this.opts.localAddress } : {}),
      // One shared read buffer for every link: reads are handled synchronously and nothing keeps a view.
      onread: {
        buffer: pool.readBuffer,
        callback: (nread: number, buf: Uint8Array): boolean => {
          this.reader.feed(Buffer.from(buf.buffer, buf.byteOffset, nread));
          return true;
        },
      },
    });
    this.sock = sock;
    sock.on('connect', () => {
      sock.setNoDelay(true);
      sock.write(connectFrame(this.id, this.id, this.password, pool.keepaliveS, this.opts.cleanSession));
      this.lastWriteMs = performance.now();
    });
    sock.on('error', () => {}); // 'close' follows and handles it
    sock.on('close', () => this.onClose(sock));
    this.connectTimer = setTimeout(() => sock.destroy(), pool.connectTimeoutMs);
    this.connectTimer.unref();
  }

  private onPacket(type: number, flags: number, buf: Buffer, s: number, e: number): void {
    if (type === PUBACK) {
      const pid = (buf[s]! << 8) | buf[s + 1]!;
      const msg = this.inflight.get(pid);
      if (msg === undefined) return;
      this.inflight.delete(pid);
      this.pool.counters.acked++;
      this.pool.onAck(this, msg);
      this.pump();
    } else if (type === PUBLISH) {
      const p = parsePublish(flags, buf, s, e);
      this.pool.counters.downlinks++;
      try {
        this.pool.onDownlink(this, p.topic, p.payload);
      } finally {
        // [MQTT-4.3.2-2]: acknowledge a QoS 1 delivery; a redelivery (DUP) is acknowledged again.
        if (p.qos === 1) this.sock?.write(pubackFrame(p.packetId));
      }
    } else if (type === CONNACK) {
      const rc = buf[s + 1]!;
      if (rc !== 0) {
        this.refusedCode = rc;
        this.sock?.destroy();
        return;
      }
      if (this.opts.subscribe.length > 0) this.sock?.write(subscribeFrame(0xffff, this.opts.subscribe, 1));
      else this.onConnected();
    } else if (type === SUBACK) {
      this.onConnected();
    }
  }

  private onConnected(): void {
    this.clearConnectTimer();
    this.track(() => (this.state = UP));
    this.attempts = 0;
    this.pool.counters.connects++;
    // The outbox's backlog (offline queue, then what was in flight when the last connection died).
    const backlog = this.outbox.goOnline();
    if (backlog.length > 0) this.waiting = backlog.concat(this.waiting.slice(this.waitHead));
    else this.waiting = this.waiting.slice(this.waitHead);
    this.waitHead = 0;
    this.pool.onUp(this);
    this.settleWaiters(true);
    this.pump();
  }

  private onClose(sock: net.Socket): void {
    if (sock !== this.sock) return;
    this.clearConnectTimer();
    this.sock = null;
    const wasUp = this.state === UP;
    this.track(() => (this.state = DOWN));
    if (wasUp) this.pool.counters.disconnects++;
    else this.pool.counters.connectFailures++;
    // Unacknowledged and unwritten messages go back to the outbox, in order, headers unchanged.
    const back = [...this.inflight.values(), ...this.waiting.slice(this.waitHead)];
    this.pool.counters.requeued += this.inflight.size;
    this.inflight.clear();
    this.waiting = [];
    this.waitHead = 0;
    if (back.length > 0) this.outbox.requeue(back);
    this.outbox.goOffline();
    if (wasUp) this.pool.onDown(this);
    // CONNACK 4 (bad user name or password) and 5 (not authorized) will not change on a retry.
    if (this.refusedCode === 4 || this.refusedCode === 5) {
      this.pool.counters.refused++;
      this.track(() => (this.wanted = false));
      this.settleWaiters(false);
      return;
    }
    if (this.wanted && this.retryTimer === null) {
      const delay = wasUp ? this.pool.backoffMs(0) : this.pool.backoffMs(++this.attempts);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (this.wanted && this.state === DOWN) this.connect();
      }, delay);
      this.retryTimer.unref();
    }
  }

  /** Keeps the pool's count of links that should be up and are not. */
  private track(change: () => void): void {
    const before = this.wanted && this.state !== UP;
    change();
    const after = this.wanted && this.state !== UP;
    if (before !== after) this.pool.wantedDownDelta(after ? 1 : -1);
  }

  private takeToken(): boolean {
    const now = performance.now();
    const pool = this.pool;
    this.tokens = Math.min(pool.publishBurst, this.tokens + ((now - this.refillAtMs) * pool.publishRatePerSec) / 1000);
    this.refillAtMs = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private allocPid(): number {
    // Skip ids still in flight [MQTT-2.3.1-4]; 0 is not a valid packet id.
    for (;;) {
      const pid = this.nextPid;
      this.nextPid = pid === 65_534 ? 1 : pid + 1; // 0xffff is the SUBSCRIBE's
      if (!this.inflight.has(pid)) return pid;
    }
  }

  private topicField(topic: string): Buffer {
    let f = this.topicFields.get(topic);
    if (f === undefined) {
      f = utf8Field(topic);
      this.topicFields.set(topic, f);
    }
    return f;
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private clearConnectTimer(): void {
    if (this.connectTimer) clearTimeout(this.connectTimer);
    this.connectTimer = null;
  }

  private settleWaiters(ok: boolean): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn(ok);
  }
}
