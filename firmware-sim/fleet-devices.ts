// The fleet's devices on the wire: a DeviceOutbox (boot id, seq, offline queue) and a DeviceLink per
// pack and kiosk, the model state turned into fleet.v1 messages on each device's own topics, bad-
// network faults on the way out, and downlinks (decisions, commands) handed to the kiosk sessions.
import { decodeKioskCommand, decodeKioskStatus, decodeNudge, decodePackTelemetry, decodeSwapDecision, encodeKioskEvent, encodeKioskStatus, encodePackTelemetry, encodeSwapRequest, type Nudge } from '../proto/codec.ts';
import { DeviceOutbox, type OutboxHeader } from './device-outbox.ts';
import type { DeviceLink, Uplink, UplinkKind, UplinkMessage } from './device-link.ts';
import type { BuiltFleet } from './fleet-build.ts';
import type { LinkPool } from './link-pool.ts';
import { kioskEventProps, kioskStatusProps, packTelemetryProps } from './messages.ts';
import { Rng } from './rng.ts';
import type { SwapSessions } from './swap-sessions.ts';
import type { UplinkFaults } from './uplink-faults.ts';
import type { SimClock } from './virtual-clock.ts';

const ROOT = 'fleet/v1';
export const PACK_FIRMWARE = 'pack-fw 2.4.1';
export const KIOSK_FIRMWARE = 'kiosk-fw 1.8.0';
export const APP_VERSION = 'app 3.2.0';
const DEFAULT_SKEW_MS = 3 * 3_600_000;

/** What the simulator saw acknowledged (for tests that compare with the server's store). */
export interface AckLog {
  /** Undamaged messages with a PUBACK, as `${deviceId}|${bootId}|${seq}`, by kind. */
  readonly acked: Record<UplinkKind, Set<string>>;
  /** Damaged messages with a PUBACK (the server must have quarantined them), one entry per copy acknowledged. */
  readonly corrupt: { deviceId: string; topic: string; bytes: Uint8Array }[];
  /** Every damaged payload put on the wire, base64: nothing else may end up in quarantine. */
  readonly corruptSent: Set<string>;
  /** Packs whose clocks ran skewed. */
  readonly skewedPackIds: Set<string>;
}

export interface FleetDevicesOptions {
  built: BuiltFleet;
  kioskIds: string[];
  clock: SimClock;
  pool: LinkPool;
  faults: UplinkFaults;
  sessions: SwapSessions;
  seed: string;
  bootSalt: string;
  trackAcks: boolean;
  /** Skew for the devices a scenario or a test picks, ms. */
  clockSkewMs: number;
  /** Customers (indexes) whose app connects to receive nudges. */
  customerApps?: readonly number[];
  /** A nudge arrived on customer c's app. */
  onNudge?(c: number, nudge: Nudge): void;
}

export class FleetDevices {
  readonly kioskIds: string[];
  readonly packLinks: DeviceLink[] = [];
  readonly kioskLinks: DeviceLink[] = [];
  readonly appLinks: DeviceLink[] = [];
  private readonly customerByLink = new Map<DeviceLink, number>();
  readonly made: Record<UplinkKind, number> = { telemetry: 0, status: 0, event: 0, request: 0 };
  readonly ackLog: AckLog = { acked: { telemetry: new Set(), status: new Set(), event: new Set(), request: new Set() }, corrupt: [], corruptSent: new Set(), skewedPackIds: new Set() };
  skewedCount = 0;
  readonly faults: UplinkFaults;
  private readonly packOutboxes: DeviceOutbox<Uplink>[] = [];
  private readonly kioskOutboxes: DeviceOutbox<Uplink>[] = [];
  private readonly packTopics: string[] = [];
  private readonly kioskByLink = new Map<DeviceLink, number>();
  /** Events and swap requests each kiosk sent (every copy) that have no PUBACK yet. */
  private interactive = new Int32Array(0);

  constructor(private readonly o: FleetDevicesOptions) {
    this.kioskIds = o.kioskIds;
    this.faults = o.faults;
  }

  get packCount(): number {
    return this.o.built.packs.size;
  }

  /** Makes each device's outbox and connection; skewMask covers packs, then kiosks. */
  attach(creds: ReadonlyMap<string, string>, skewedIds: readonly string[], skewMask: Uint8Array): void {
    const { built, pool } = this.o;
    const boots = new Rng(`${this.o.seed}/${this.o.bootSalt}`);
    const skewed = new Set(skewedIds);
    const pw = (id: string): string => {
      const p = creds.get(id);
      if (p === undefined) throw new Error(`no credentials for device ${id}`);
      return p;
    };
    const skewOf = (id: string, maskIdx: number): number => {
      if (!skewed.has(id) && skewMask[maskIdx] !== 1) return 0;
      this.skewedCount++;
      return this.o.clockSkewMs || DEFAULT_SKEW_MS;
    };
    this.interactive = new Int32Array(built.kiosks.length);
    built.kiosks.forEach((kiosk, k) => {
      const id = this.kioskIds[k]!;
      const skew = skewOf(id, built.packs.size + k);
      kiosk.clockSkewMs = skew;
      // A kiosk keeps hours of reports in flash while its network is down.
      const ob = new DeviceOutbox<Uplink>({ rng: boots.fork(id), firmware: KIOSK_FIRMWARE, capacity: 5000, clockSkewMs: skew, online: false });
      this.kioskOutboxes.push(ob);
      // cleanSession false: decisions and commands sent while the kiosk reconnects wait for it [MQTT-3.1.2-5].
      const link = pool.add(id, pw(id), ob, { subscribe: [`${ROOT}/kiosks/${id}/swap/decisions`, `${ROOT}/kiosks/${id}/commands`], cleanSession: false });
      this.kioskLinks.push(link);
      this.kioskByLink.set(link, k);
    });
    for (let i = 0; i < built.packs.size; i++) {
      const id = built.packs.ids[i]!;
      const skew = skewOf(id, i);
      if (skew !== 0) this.ackLog.skewedPackIds.add(id);
      const ob = new DeviceOutbox<Uplink>({ rng: boots.fork(id), firmware: PACK_FIRMWARE, clockSkewMs: skew, online: false });
      this.packOutboxes.push(ob);
      this.packTopics.push(`${ROOT}/packs/${id}/telemetry`);
      this.packLinks.push(pool.add(id, pw(id), ob));
    }
    for (const c of this.o.customerApps ?? []) {
      const id = built.customers.ids[c]!;
      // The app sends nothing; cleanSession false keeps nudges sent while it reconnects [MQTT-3.1.2-5].
      const ob = new DeviceOutbox<Uplink>({ rng: boots.fork(id), firmware: APP_VERSION, online: false });
      const link = pool.add(id, pw(id), ob, { subscribe: [`${ROOT}/customers/${id}/nudges`], cleanSession: false });
      this.appLinks.push(link);
      this.customerByLink.set(link, c);
    }
  }

  kioskOutbox(k: number): DeviceOutbox<Uplink> {
    return this.kioskOutboxes[k]!;
  }

  /** Pack i reports (its own connection, its own topic). */
  publishPack(i: number, nowMs: number): void {
    const { built } = this.o;
    const h = built.packs.holder[i]!;
    const loc = h >= 0 ? built.customers.positionOf(h, built.stores.lat, built.stores.lon) : undefined;
    const msg = this.make(this.packOutboxes[i]!, this.packTopics[i]!, 'telemetry', nowMs, (hd) => encodePackTelemetry(packTelemetryProps(built.packs, i, hd, loc)));
    const link = this.packLinks[i]!;
    for (const m of this.faults.apply(i, msg)) {
      if (m.payload.corrupt && this.o.trackAcks) this.ackLog.corruptSent.add(Buffer.from(m.payload.bytes).toString('base64'));
      link.send(m);
    }
  }

  /** Kiosk k's events since the last flush, then a status report when one is due (or `force`). */
  flushKiosk(k: number, force = false): void {
    const kiosk = this.o.built.kiosks[k]!;
    const id = this.kioskIds[k]!;
    const ob = this.kioskOutboxes[k]!;
    const now = this.o.clock.now();
    const batch: UplinkMessage[] = [];
    for (const ev of kiosk.takeEvents()) batch.push(this.make(ob, `${ROOT}/kiosks/${id}/events`, 'event', now, (hd) => encodeKioskEvent(kioskEventProps(ev, hd))));
    if (kiosk.takeStatusDue() > 0 || force) batch.push(this.make(ob, `${ROOT}/kiosks/${id}/status`, 'status', now, (hd) => encodeKioskStatus(kioskStatusProps(kiosk, hd))));
    if (batch.length > 0) this.sendKiosk(k, batch);
  }

  sendRequest(k: number, req: { requestId: string; customerToken: string; returnedPackId: string; returnedSlot?: number }): void {
    const id = this.kioskIds[k]!;
    this.sendKiosk(k, [this.make(this.kioskOutboxes[k]!, `${ROOT}/kiosks/${id}/swap/requests`, 'request', this.o.clock.now(), (hd) => encodeSwapRequest({ header: hd, ...req }))]);
  }

  private sendKiosk(k: number, batch: UplinkMessage[]): void {
    const out = this.faults.applyBatch(batch);
    for (const m of out) {
      if (m.payload.kind === 'event' || m.payload.kind === 'request') this.interactive[k]!++;
      if (m.payload.corrupt && this.o.trackAcks) this.ackLog.corruptSent.add(Buffer.from(m.payload.bytes).toString('base64'));
    }
    this.kioskLinks[k]!.sendAll(out);
  }

  /** A decision or command for a kiosk. A payload that does not decode is ignored, as firmware would. */
  downlink(link: DeviceLink, topic: string, payload: Buffer): void {
    const c = this.customerByLink.get(link);
    if (c !== undefined) {
      try {
        this.o.onNudge?.(c, decodeNudge(payload));
      } catch {
        // An app ignores what it cannot read.
      }
      return;
    }
    const k = this.kioskByLink.get(link);
    if (k === undefined) return;
    try {
      if (topic.endsWith('/swap/decisions')) this.o.sessions.onDecision(k, decodeSwapDecision(payload));
      else if (topic.endsWith('/commands')) this.o.sessions.onCommand(k, decodeKioskCommand(payload));
    } catch {
      // An undecodable downlink: the kiosk keeps waiting and asks again.
    }
  }

  acked(link: DeviceLink, msg: UplinkMessage): void {
    const kind = msg.payload.kind;
    if (kind === 'event' || kind === 'request') {
      const k = this.kioskByLink.get(link);
      if (k !== undefined) this.interactive[k]!--;
    }
    if (!this.o.trackAcks) return;
    if (msg.payload.corrupt) this.ackLog.corrupt.push({ deviceId: link.id, topic: msg.topic, bytes: msg.payload.bytes });
    else this.ackLog.acked[msg.payload.kind].add(`${link.id}|${msg.header.bootId}|${msg.header.seq}`);
  }

  /** Events and swap requests without a PUBACK yet, on kiosks that should be connected. */
  kioskPending(): number {
    let n = 0;
    for (let k = 0; k < this.kioskLinks.length; k++) if (this.kioskLinks[k]!.wanted) n += this.interactive[k]!;
    return n;
  }

  /** Messages kept in outboxes for devices that are not connected. */
  offlineBacklog(): number {
    let n = 0;
    for (const l of this.kioskLinks) if (l.wanted) n += l.outbox.backlog;
    for (const l of this.packLinks) if (l.wanted) n += l.outbox.backlog;
    return n;
  }

  outboxTotals(): { queued: number; replayed: number; overflowDropped: number } {
    const t = { queued: 0, replayed: 0, overflowDropped: 0 };
    for (const ob of [...this.packOutboxes, ...this.kioskOutboxes]) {
      t.queued += ob.stats.queued;
      t.replayed += ob.stats.replayed;
      t.overflowDropped += ob.stats.overflowDropped;
    }
    return t;
  }

  /** Sends the readings bad-network held back. */
  releaseHeld(): void {
    for (const { dev, msg } of this.faults.release()) this.packLinks[dev]?.send(msg);
  }

  /** Whether bytes of a kind decode as the server would decode them. */
  static decodes(kind: UplinkKind, bytes: Uint8Array): boolean {
    try {
      if (kind === 'telemetry') decodePackTelemetry(bytes);
      else if (kind === 'status') decodeKioskStatus(bytes);
      return true;
    } catch {
      return false;
    }
  }

  private make(ob: DeviceOutbox<Uplink>, topic: string, kind: UplinkKind, nowMs: number, encode: (h: OutboxHeader) => Uint8Array): UplinkMessage {
    this.made[kind]++;
    return ob.make(topic, 1, nowMs, (h) => ({ bytes: encode(h), kind, corrupt: false, duplicate: false, sends: 0 }));
  }
}
