// The simulator's MQTT connections: one DeviceLink per device, all in this process. Source addresses
// are spread over 127.0.0.0/8 when the broker is on loopback (so 10,000+ connections never run out
// of ephemeral ports), one timer pumps rate-limited links and pings idle ones, reads share a buffer.
import { isIP } from 'node:net';
import type { DeviceOutbox } from './device-outbox.ts';
import { DeviceLink, newLinkCounters, type LinkCounters, type LinkHost, type Uplink, type UplinkMessage } from './device-link.ts';
import { PINGREQ_FRAME } from './mqtt-wire.ts';

export interface LinkPoolOptions {
  /** mqtt://host:port */
  brokerUrl: string;
  /** MQTT keepalive, s. Default 60. */
  keepaliveS?: number;
  /** Unacknowledged QoS 1 publishes per connection at most. Default 32. */
  maxInflight?: number;
  /** Publishes per second per connection (token bucket), kept under the broker's own limit. Default 150. */
  publishRatePerSec?: number;
  /** Token bucket size. Default 300. */
  publishBurst?: number;
  /** A connection without CONNACK (and SUBACK) after this is dropped and retried, ms. Default 15,000. */
  connectTimeoutMs?: number;
  /** Connections per source address on loopback (127.2.0.1, 127.2.0.2, ...); 0 leaves the choice to the OS. Default 100. */
  perAddress?: number;
  /** Reconnect backoff: the first retry after about minMs, doubling up to maxMs, with jitter. Defaults 250 / 10,000. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  onAck?(link: DeviceLink, msg: UplinkMessage): void;
  /** A downlink; the payload is valid only during the call. */
  onDownlink?(link: DeviceLink, topic: string, payload: Buffer): void;
  onUp?(link: DeviceLink): void;
  onDown?(link: DeviceLink): void;
}

export interface ConnectSummary {
  connected: number;
  failed: number;
  ms: number;
  sourceAddresses: number;
}

const TICK_MS = 20;
const READ_BUFFER_BYTES = 256 * 1024;

/** Source address for connection i on loopback: 127.2.0.1, 127.2.0.2, ... each shared by perAddress connections. */
export function loopbackSource(i: number, perAddress: number): string {
  const a = Math.floor(i / perAddress);
  return `127.${2 + Math.floor(a / 65_024)}.${Math.floor((a % 65_024) / 254)}.${(a % 254) + 1}`;
}

/** Reconnect delay for a retry: minMs·2^attempt capped at maxMs, times a jitter in [0.5, 1). */
export function backoffMs(attempt: number, minMs: number, maxMs: number, jitter01: number): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.min(20, Math.max(0, attempt)));
  return Math.round(base * (0.5 + 0.5 * jitter01));
}

export class LinkPool implements LinkHost {
  readonly host: string;
  readonly port: number;
  readonly keepaliveS: number;
  readonly maxInflight: number;
  readonly publishRatePerSec: number;
  readonly publishBurst: number;
  readonly connectTimeoutMs: number;
  readonly readBuffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  readonly counters: LinkCounters = newLinkCounters();
  readonly links: DeviceLink[] = [];
  /** Connections up now. */
  upCount = 0;
  private wantedDownCount = 0;
  private readonly perAddress: number;
  private readonly loopback: boolean;
  private readonly throttled = new Set<DeviceLink>();
  private readonly timer: NodeJS.Timeout;
  private lastPingSweepMs = performance.now();

  constructor(private readonly o: LinkPoolOptions) {
    const u = new URL(o.brokerUrl);
    if (u.protocol !== 'mqtt:') throw new RangeError(`broker URL must be mqtt://host:port, got ${o.brokerUrl}`);
    this.host = u.hostname.replace(/^\[|\]$/g, '');
    this.port = Number(u.port || 1883);
    this.keepaliveS = o.keepaliveS ?? 60;
    this.maxInflight = o.maxInflight ?? 32;
    this.publishRatePerSec = o.publishRatePerSec ?? 150;
    this.publishBurst = o.publishBurst ?? 300;
    this.connectTimeoutMs = o.connectTimeoutMs ?? 15_000;
    this.perAddress = o.perAddress ?? 100;
    this.loopback = isIP(this.host) === 4 && this.host.startsWith('127.');
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  add(id: string, password: string, outbox: DeviceOutbox<Uplink>, opts: { subscribe?: readonly string[]; cleanSession?: boolean } = {}): DeviceLink {
    const i = this.links.length;
    const link = new DeviceLink(this, id, password, outbox, {
      subscribe: opts.subscribe ?? [],
      cleanSession: opts.cleanSession ?? true,
      ...(this.loopback && this.perAddress > 0 ? { localAddress: loopbackSource(i, this.perAddress) } : {}),
    });
    this.links.push(link);
    return link;
  }

  /** Connects links, `concurrency` at a time; a link not up within timeoutMs counts as failed (it keeps trying). */
  async connectAll(links: readonly DeviceLink[] = this.links, opts: { concurrency?: number; timeoutMs?: number } = {}): Promise<ConnectSummary> {
    const t0 = performance.now();
    const timeoutMs = opts.timeoutMs ?? 120_000;
    let next = 0;
    let connected = 0;
    const worker = async (): Promise<void> => {
      while (next < links.length && performance.now() - t0 < timeoutMs) {
        const link = links[next++]!;
        const left = timeoutMs - (performance.now() - t0);
        let timer: NodeJS.Timeout | undefined;
        const ok = await Promise.race([link.start(), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), Math.max(1, left))))]);
        clearTimeout(timer);
        if (ok) connected++;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 64, links.length)) }, worker));
    for (let i = next; i < links.length; i++) void links[i]!.start(); // past the deadline: keep trying in the background
    return { connected, failed: links.length - connected, ms: Math.round(performance.now() - t0), sourceAddresses: this.loopback && this.perAddress > 0 ? Math.ceil(links.length / this.perAddress) : 0 };
  }

  /** A reconnect storm: each link drops now and reconnects after a random wait within spreadMs. */
  storm(links: readonly DeviceLink[], spreadMs: number, random: () => number = Math.random): void {
    for (const l of links) l.drop(random() * spreadMs);
  }

  /** Links that should be connected and are not (reconnecting). */
  wantedDown(): number {
    return this.wantedDownCount;
  }

  /** QoS 1 publishes written and not yet acknowledged, over all links. */
  inflight(): number {
    let n = 0;
    for (const l of this.links) n += l.inflightCount + l.waitingCount;
    return n;
  }

  backoffMs(attempt: number): number {
    return backoffMs(attempt, this.o.reconnectMinMs ?? 250, this.o.reconnectMaxMs ?? 10_000, Math.random());
  }

  wantedDownDelta(d: number): void {
    this.wantedDownCount += d;
  }

  throttle(link: DeviceLink): void {
    this.throttled.add(link);
  }

  onAck(link: DeviceLink, msg: UplinkMessage): void {
    this.o.onAck?.(link, msg);
  }

  onDownlink(link: DeviceLink, topic: string, payload: Buffer): void {
    this.o.onDownlink?.(link, topic, payload);
  }

  onUp(link: DeviceLink): void {
    this.upCount++;
    this.o.onUp?.(link);
  }

  onDown(link: DeviceLink): void {
    this.upCount--;
    this.o.onDown?.(link);
  }

  /** Stops every link (no reconnects) and the pool's timer. */
  close(): void {
    clearInterval(this.timer);
    for (const l of this.links) l.stop();
  }

  private tick(): void {
    if (this.throttled.size > 0) {
      const batch = [...this.throttled];
      this.throttled.clear();
      for (const l of batch) l.pump();
    }
    const now = performance.now();
    // [MQTT-3.1.2-23]: a client must send something within the keepalive; PINGREQ when idle.
    const halfMs = (this.keepaliveS * 1000) / 2;
    if (now - this.lastPingSweepMs >= halfMs / 2) {
      this.lastPingSweepMs = now;
      for (const l of this.links) if (l.up && now - l.lastWriteMs > halfMs) l.writeRaw(PINGREQ_FRAME);
    }
  }
}
