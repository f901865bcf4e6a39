// What the server learns about each pack's health from its readings, for the health score
// (domain/restock/pack-health.ts): fault episodes and hot episodes from the pack's own telemetry,
// charge-time drift from the slots it charges in. A stream rule: synchronous and cheap per reading;
// records are written to the restock ledger in batches by a timer, never per reading.
import type { CommittedBatch } from '../ingest/committed-feed.ts';
import { newHealthRecord, observeCharging, observePackReading, type HealthPolicy, type PackHealthRecord } from '../domain/restock/pack-health.ts';
import type { RestockLedger } from '../store/restock-ledger.ts';

export class PackHealthTracker {
  private readonly records = new Map<string, PackHealthRecord>();
  private dirty = new Set<string>();

  constructor(
    private readonly policy: HealthPolicy,
    private readonly sohOf: (packId: string) => number | null,
  ) {}

  async load(ledger: RestockLedger): Promise<void> {
    for (const r of await ledger.loadPackHealth()) this.records.set(r.packId, r);
  }

  get(packId: string): PackHealthRecord | undefined {
    return this.records.get(packId);
  }

  private rec(packId: string): PackHealthRecord {
    let r = this.records.get(packId);
    if (!r) this.records.set(packId, (r = newHealthRecord(packId)));
    return r;
  }

  /** The feed listener. Pack ids come from authenticated topics and registry slots, so the map is bounded by the fleet. */
  readonly observe = (batch: CommittedBatch): void => {
    for (const p of batch.packs) if (observePackReading(this.rec(p.packId), p.faultFlags, p.tempC, p.atMs, this.policy)) this.dirty.add(p.packId);
    for (const k of batch.kiosks) {
      for (const s of k.slots) {
        if (!s.packId || !this.records.has(s.packId)) continue;
        if (observeCharging(this.rec(s.packId), s.socPct, s.chargeCurrentMa, this.sohOf(s.packId), k.atMs)) this.dirty.add(s.packId);
      }
    }
  };

  /** Writes what changed since the last flush. */
  async flush(ledger: RestockLedger): Promise<number> {
    if (this.dirty.size === 0) return 0;
    const ids = this.dirty;
    this.dirty = new Set();
    try {
      await ledger.savePackHealth([...ids].map((id) => this.records.get(id)!));
    } catch (err) {
      for (const id of ids) this.dirty.add(id);
      throw err;
    }
    return ids.size;
  }

  get size(): number {
    return this.records.size;
  }
}
