// The inbound pipeline: route by topic, decode, validate, dedupe, group-commit, then acknowledge,
// then update live state. Fed by any InboundHandler source (the in-process broker hook by default).
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import { CfError, type ErrorCode } from '../domain/errors.ts';
import type { InboundAck, InboundHandler, InboundMessage } from '../domain/inbound.ts';
import type { KioskEventRecord, KioskReading, PackReading } from '../domain/readings.ts';
import { parseTopic } from '../domain/topics.ts';
import { validateKioskEvent, validateKioskStatus, validatePackTelemetry, validateSwapRequest, type ValidationLimits, type Validated, type ValidSwapRequest } from '../domain/validate-reading.ts';
import { DecodeError, decodeKioskEvent, decodeKioskStatus, decodePackTelemetry, decodeSwapRequest } from '../proto/codec.ts';
import type { QuarantineRecord } from '../store/registry.ts';
import type { TelemetryStore } from '../store/telemetry-store.ts';
import type { CommittedFeed } from './committed-feed.ts';
import type { LiveState } from './live-state.ts';
import { LatencySample, newCounters, type IngestCounters } from './metrics.ts';
import { ReplayWindow } from './replay-window.ts';

export interface PipelineOptions {
  store: TelemetryStore;
  /** Durable quarantine (the registry). Quarantined messages are acknowledged once this resolves. */
  quarantine(records: QuarantineRecord[]): Promise<void>;
  live: LiveState;
  clock: Clock;
  limits: ValidationLimits;
  /** Commit when a batch holds this many messages... */
  batchMax: number;
  /** ...or this long after its first message arrived. */
  batchDelayMs: number;
  /** Messages waiting for a commit beyond this are refused (not acknowledged), so memory stays bounded. */
  maxPending: number;
  logger: Logger;
  /** Valid swap requests go to the swap service, which acknowledges once its ledger committed; without one they are quarantined. */
  onSwapRequest?: (kioskId: string, request: ValidSwapRequest, ack: InboundAck) => void;
  /** Called with each committed batch's kiosk statuses and events before they are acknowledged (custody, ledgers). */
  onCommitted?: (committed: { kiosks: KioskReading[]; events: KioskEventRecord[] }) => Promise<void>;
  /** Stream rules: every durable batch, after it is acknowledged (ingest/committed-feed.ts). */
  feed?: CommittedFeed;
}

type Item =
  | { kind: 'pack'; key: string; deviceId: string; value: PackReading; acks: InboundAck[] }
  | { kind: 'kiosk'; key: string; deviceId: string; value: KioskReading; acks: InboundAck[] }
  | { kind: 'event'; key: string; deviceId: string; value: KioskEventRecord; acks: InboundAck[] }
  | { kind: 'quarantine'; value: QuarantineRecord; acks: InboundAck[] };

export class IngestPipeline {
  readonly counters: IngestCounters = newCounters();
  readonly commitLatencyMs = new LatencySample();
  readonly batchSizes = new LatencySample(512);
  private readonly window = new ReplayWindow();
  /** Readings waiting for or inside a commit, by device/boot/seq, so an in-flight duplicate joins its original. */
  private readonly inflight = new Map<string, Item>();
  private current: Item[] = [];
  private readonly queued: Item[][] = [];
  private pending = 0;
  private timer: NodeJS.Timeout | null = null;
  /** When the first message of the current batch arrived (performance.now()). */
  private currentSinceMs = 0;
  private committing: Promise<void> | null = null;
  private closed = false;
  private readonly log: Logger;

  constructor(private readonly opts: PipelineOptions) {
    this.log = opts.logger.child({ component: 'ingest' });
  }

  /** The source-agnostic entry point: (device identity, topic, payload) and an ack. */
  readonly handle: InboundHandler = (msg, ack) => {
    this.counters.received++;
    if (this.closed) return ack(new CfError('CF_ERR_STORE_UNAVAILABLE', 'ingest is shutting down'));
    const receivedAtMs = this.opts.clock.now();
    const t = parseTopic(msg.topic);
    if (!t.ok || t.direction !== 'up') return this.quarantine(msg, receivedAtMs, 'CF_ERR_INGEST_TOPIC_UNKNOWN', t.ok ? 'downlink topic' : t.reason, ack);
    // The broker's ACL already checked this; the pipeline does not trust its sources either.
    if (t.deviceId !== msg.deviceId || t.deviceKind !== msg.deviceKind) {
      return this.quarantine(msg, receivedAtMs, 'CF_ERR_INGEST_DEVICE_MISMATCH', `topic names ${t.deviceId}`, ack);
    }
    try {
      switch (t.kind) {
        case 'pack.telemetry':
          return this.enqueue('pack', msg, validatePackTelemetry(msg.deviceId, decodePackTelemetry(msg.payload), receivedAtMs, this.opts.limits), receivedAtMs, ack);
        case 'kiosk.status':
          return this.enqueue('kiosk', msg, validateKioskStatus(msg.deviceId, decodeKioskStatus(msg.payload), receivedAtMs, this.opts.limits), receivedAtMs, ack);
        case 'kiosk.events':
          return this.enqueue('event', msg, validateKioskEvent(msg.deviceId, decodeKioskEvent(msg.payload), receivedAtMs, this.opts.limits), receivedAtMs, ack);
        case 'kiosk.swap.requests': {
          const v = validateSwapRequest(decodeSwapRequest(msg.payload));
          if (!v.ok) return this.quarantine(msg, receivedAtMs, v.reason, v.detail, ack);
          this.opts.live.seen(msg.deviceId, receivedAtMs);
          if (!this.opts.onSwapRequest) return this.quarantine(msg, receivedAtMs, 'CF_ERR_INGEST_TOPIC_UNKNOWN', 'no swap service is running', ack);
          return this.opts.onSwapRequest(msg.deviceId, v.value, ack);
        }
      }
    } catch (err) {
      if (err instanceof DecodeError) {
        return this.quarantine(msg, receivedAtMs, err.code === 'MISSING_HEADER' || err.code === 'EMPTY' ? 'CF_ERR_INGEST_NO_HEADER' : 'CF_ERR_INGEST_DECODE', err.message, ack);
      }
      // A bug in one message's handling must not stop the loop: quarantine it and say so.
      this.log.error({ err, deviceId: msg.deviceId, topic: msg.topic }, 'unexpected error handling a message');
      return this.quarantine(msg, receivedAtMs, 'CF_ERR_INGEST_DECODE', `internal: ${(err as Error).message}`, ack);
    }
  };

  private enqueue(kind: 'pack' | 'kiosk' | 'event', msg: InboundMessage, v: Validated<PackReading | KioskReading | KioskEventRecord>, receivedAtMs: number, ack: InboundAck): void {
    if (!v.ok) return this.quarantine(msg, receivedAtMs, v.reason, v.detail, ack);
    const r = v.value;
    const verdict = this.window.check(msg.deviceId, r.bootId, r.seq);
    if (verdict === 'seen') {
      // Committed already (a QoS 1 resend whose PUBACK was lost): acknowledge, add nothing.
      this.counters.duplicates++;
      this.opts.live.seen(msg.deviceId, receivedAtMs);
      return ack();
    }
    const key = `${msg.deviceId}\u0000${r.bootId}\u0000${r.seq}`;
    const twin = this.inflight.get(key);
    if (twin) {
      // Same reading still on its way to the store: acknowledge both when it lands.
      this.counters.duplicates++;
      twin.acks.push(ack);
      return;
    }
    const item = { kind, key, deviceId: msg.deviceId, value: r, acks: [ack] } as Item;
    this.inflight.set(key, item);
    this.push(item, ack);
  }

  private quarantine(msg: InboundMessage, receivedAtMs: number, reason: ErrorCode, detail: string, ack: InboundAck): void {
    this.counters.quarantined++;
    this.counters.quarantinedByReason[reason] = (this.counters.quarantinedByReason[reason] ?? 0) + 1;
    // Copy: the payload may be a view into a larger socket chunk that we should not keep alive.
    const value: QuarantineRecord = { atMs: receivedAtMs, deviceId: msg.deviceId, topic: msg.topic.slice(0, 512), reason, detail: detail.slice(0, 512), payload: Buffer.from(msg.payload) };
    this.push({ kind: 'quarantine', value, acks: [ack] }, ack);
  }

  private push(item: Item, ack: InboundAck): void {
    if (this.pending >= this.opts.maxPending) {
      this.counters.rejectedBackpressure++;
      if ('key' in item) this.inflight.delete(item.key);
      return ack(new CfError('CF_ERR_STORE_BACKPRESSURE'));
    }
    this.pending++;
    if (this.current.length === 0) this.currentSinceMs = performance.now();
    this.current.push(item);
    if (this.current.length >= this.opts.batchMax) {
      this.queued.push(this.current);
      this.current = [];
      this.kick();
    } else if (this.timer === null && this.committing === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.kick();
      }, this.opts.batchDelayMs);
    }
  }

  /** Starts the commit loop unless it runs; one commit at a time, the next batch fills meanwhile. */
  private kick(): void {
    if (this.committing) return;
    if (this.current.length > 0) {
      this.queued.push(this.current);
      this.current = [];
    }
    const batch = this.queued.shift();
    if (!batch) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.committing = this.commit(batch).finally(() => {
      this.committing = null;
      this.schedule();
    });
  }

  /**
   * After a commit: full batches go at once; a partial batch waits until it is batchDelayMs old.
   * Committing a partial batch straight away made many tiny commits, each paying the store's
   * fixed cost, which is what capped throughput (bench/README.md, "ingest").
   */
  private schedule(): void {
    if (this.queued.length > 0) return this.kick();
    if (this.current.length === 0 || this.timer !== null) return;
    const waitMs = this.opts.batchDelayMs - (performance.now() - this.currentSinceMs);
    if (waitMs <= 0) return this.kick();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, waitMs);
  }

  private async commit(batch: Item[]): Promise<void> {
    const packs: PackReading[] = [];
    const kiosks: KioskReading[] = [];
    const events: KioskEventRecord[] = [];
    const quarantined: QuarantineRecord[] = [];
    for (const it of batch) {
      if (it.kind === 'pack') packs.push(it.value);
      else if (it.kind === 'kiosk') kiosks.push(it.value);
      else if (it.kind === 'event') events.push(it.value);
      else quarantined.push(it.value);
    }
    const t0 = performance.now();
    let error: Error | null = null;
    try {
      const writes: Promise<unknown>[] = [];
      if (packs.length + kiosks.length + events.length > 0) {
        writes.push(this.opts.store.writeBatch({ packs, kiosks, events }).then((res) => {
          this.counters.accepted += res.written;
          this.counters.duplicates += res.duplicates;
        }));
      }
      if (quarantined.length > 0) writes.push(this.opts.quarantine(quarantined));
      await Promise.all(writes);
      if ((events.length > 0 || kiosks.length > 0) && this.opts.onCommitted) {
        try {
          await this.opts.onCommitted({ kiosks, events });
        } catch (err) {
          // The readings are durable in the store; a failing consumer is logged, not a reason to refuse them.
          this.log.error({ err }, 'committed-batch consumer failed');
        }
      }
    } catch (err) {
      error = err instanceof Error ? err : new Error(String(err));
      this.counters.commitFailures++;
      this.counters.lastCommitError = error.message;
      this.log.error({ err: error, size: batch.length }, 'commit failed; messages are not acknowledged and will be resent');
    }
    this.commitLatencyMs.record(performance.now() - t0);
    this.batchSizes.record(batch.length);
    this.counters.batches++;
    this.pending -= batch.length;
    const live = this.opts.live;
    for (const it of batch) {
      if (it.kind !== 'quarantine') {
        this.inflight.delete(it.key);
        if (!error) {
          this.window.commit(it.deviceId, it.value.bootId, it.value.seq);
          if (it.kind === 'pack') live.applyPack(it.value);
          else if (it.kind === 'kiosk') live.applyKiosk(it.value);
          else live.seen(it.deviceId, it.value.receivedAtMs);
        }
      }
      for (const ack of it.acks) ack(error);
    }
    if (!error) this.opts.feed?.publish({ packs, kiosks, events });
  }

  /** Commits everything accepted so far. */
  async flush(): Promise<void> {
    while (this.committing || this.queued.length > 0 || this.current.length > 0) {
      this.kick();
      if (this.committing) await this.committing;
    }
  }

  /** Stops taking messages and commits what was taken. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  stats(): IngestCounters & { pending: number; commitP50Ms: number | null; commitP99Ms: number | null; batchP50: number | null } {
    return { ...this.counters, pending: this.pending, commitP50Ms: this.commitLatencyMs.percentile(50), commitP99Ms: this.commitLatencyMs.percentile(99), batchP50: this.batchSizes.percentile(50) };
  }
}
