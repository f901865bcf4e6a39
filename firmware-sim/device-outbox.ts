// A simulated device's uplink identity and offline memory: the header fields (boot id, a sequence
// that rises within a boot, the device clock) and a bounded queue of QoS 1 messages made while
// offline, replayed in order after reconnect. A transport wrapper publishes what this hands back.
import type { Rng } from './rng.ts';

/** The fleet.v1 Header fields, ready for encode*({ header }). */
export interface OutboxHeader {
  bootId: number;
  seq: number;
  sentAtMs: number;
  firmware: string;
}

export interface OutboxMessage<P = Uint8Array> {
  topic: string;
  qos: 0 | 1;
  header: OutboxHeader;
  payload: P;
}

export interface OutboxOptions {
  /** Draws boot ids; pass a fork per device (rng.fork(deviceId)) for reproducible runs. */
  rng: Rng;
  /** Firmware version string for the header, e.g. "pack-fw 2.4.1". */
  firmware: string;
  /** Most QoS 1 messages kept while offline; beyond it the oldest are dropped and counted. */
  capacity?: number;
  /** Device clock minus true time, ms (a skewed device clock in the bad-network scenario). */
  clockSkewMs?: number;
  /** Whether the queue survives a reboot (kept in flash). Default true. */
  keepQueueOnReboot?: boolean;
  /** Starts connected. Default true. */
  online?: boolean;
}

export interface OutboxStats {
  /** QoS 1 messages queued while offline, in total. */
  queued: number;
  /** Queued messages lost to the capacity bound. */
  overflowDropped: number;
  /** QoS 0 messages made while offline (never queued, by QoS 0 semantics). */
  qos0Dropped: number;
  /** Messages handed back for replay after reconnects. */
  replayed: number;
  /** Queued messages lost to a reboot with keepQueueOnReboot=false. */
  lostOnReboot: number;
  reboots: number;
}

export type SubmitResult = 'send' | 'queued' | 'dropped';

export class DeviceOutbox<P = Uint8Array> {
  readonly firmware: string;
  readonly capacity: number;
  clockSkewMs: number;
  private readonly rng: Rng;
  private readonly keepQueueOnReboot: boolean;
  private bootIdValue: number;
  private seqValue = 0;
  private isOnline: boolean;
  /** Ring buffer: live entries are queue[head .. queue.length). */
  private queue: OutboxMessage<P>[] = [];
  private head = 0;
  readonly stats: OutboxStats = { queued: 0, overflowDropped: 0, qos0Dropped: 0, replayed: 0, lostOnReboot: 0, reboots: 0 };

  constructor(opts: OutboxOptions) {
    this.rng = opts.rng;
    this.firmware = opts.firmware;
    this.capacity = Math.max(1, Math.floor(opts.capacity ?? 1000));
    this.clockSkewMs = opts.clockSkewMs ?? 0;
    this.keepQueueOnReboot = opts.keepQueueOnReboot ?? true;
    this.isOnline = opts.online ?? true;
    this.bootIdValue = this.rng.nonZeroU32();
  }

  get bootId(): number {
    return this.bootIdValue;
  }
  /** The last sequence number used in this boot (0 before the first message). */
  get seq(): number {
    return this.seqValue;
  }
  get online(): boolean {
    return this.isOnline;
  }
  /** Messages waiting for a reconnect. */
  get backlog(): number {
    return this.queue.length - this.head;
  }

  /** The device clock: true time plus the skew. */
  deviceNow(nowMs: number): number {
    return nowMs + this.clockSkewMs;
  }

  /** The header for the next message: seq rises by one within a boot, starting at 1. */
  nextHeader(nowMs: number): OutboxHeader {
    this.seqValue += 1;
    return { bootId: this.bootIdValue, seq: this.seqValue, sentAtMs: this.deviceNow(nowMs), firmware: this.firmware };
  }

  /** Builds a message with the next header. */
  make(topic: string, qos: 0 | 1, nowMs: number, payload: (h: OutboxHeader) => P): OutboxMessage<P> {
    const header = this.nextHeader(nowMs);
    return { topic, qos, header, payload: payload(header) };
  }

  /**
   * Offers a message: 'send' when online (the caller publishes it), 'queued' when offline and QoS 1,
   * 'dropped' when offline and QoS 0.
   */
  submit(msg: OutboxMessage<P>): SubmitResult {
    if (this.isOnline) return 'send';
    if (msg.qos === 0) {
      this.stats.qos0Dropped++;
      return 'dropped';
    }
    if (this.backlog >= this.capacity) {
      // Drop the oldest: the newest readings matter most to a server catching up.
      this.head++;
      this.stats.overflowDropped++;
    }
    this.queue.push(msg);
    this.stats.queued++;
    this.compact();
    return 'queued';
  }

  goOffline(): void {
    this.isOnline = false;
  }

  /** Marks the device connected and hands back the backlog, oldest first, for the caller to publish. */
  goOnline(): OutboxMessage<P>[] {
    this.isOnline = true;
    const out = this.queue.slice(this.head);
    this.queue = [];
    this.head = 0;
    this.stats.replayed += out.length;
    return out;
  }

  /**
   * Puts messages whose publish failed (connection lost before PUBACK) back at the front, in their
   * order, and marks the device offline. Their headers are unchanged: a resend is the same reading.
   */
  requeue(msgs: readonly OutboxMessage<P>[]): void {
    this.isOnline = false;
    const rest = this.queue.slice(this.head);
    const merged = [...msgs.filter((m) => m.qos === 1), ...rest];
    const over = merged.length - this.capacity;
    if (over > 0) this.stats.overflowDropped += over;
    this.queue = over > 0 ? merged.slice(over) : merged;
    this.head = 0;
  }

  /** A reboot: a new boot id (never the old one) and the sequence starts again. */
  reboot(): void {
    let next = this.rng.nonZeroU32();
    for (let i = 0; i < 8 && next === this.bootIdValue; i++) next = this.rng.nonZeroU32();
    this.bootIdValue = next === this.bootIdValue ? (next % 0xffffffff) + 1 : next;
    this.seqValue = 0;
    this.stats.reboots++;
    if (!this.keepQueueOnReboot) {
      this.stats.lostOnReboot += this.backlog;
      this.queue = [];
      this.head = 0;
    }
  }

  private compact(): void {
    // Keep the ring's dead prefix from growing without bound.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
