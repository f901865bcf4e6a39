// The live hub on a real fleet registry (DuckDB file) and real live state, driven without timers:
// which stream hears of which change, that a burst of reports becomes one frame per visible
// change, that a client too slow to keep up is dropped and never written to again, and that
// stopping ends every stream. The HTTP route and MQTT are in live-stream.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveHub, type LiveStream } from '../../api/live-hub.ts';
import { isCfError } from '../../domain/errors.ts';
import type { KioskReading, SlotReading } from '../../domain/readings.ts';
import { LiveState } from '../../ingest/live-state.ts';
import { v1 } from '../../proto/codec.ts';
import { openDuckDb, type DuckDb } from '../../store/duckdb/database.ts';
import { DuckFleetRegistry } from '../../store/duckdb/fleet-registry.ts';
import { TWO_STORES } from '../helpers/accounts.ts';

const S = v1.SlotState;
let dir: string;
let db: DuckDb;
let fleet: DuckFleetRegistry;
const live = new LiveState(120_000);
let seq = 0;
const NOW = Date.UTC(2026, 5, 1, 12);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cf-hub-'));
  db = await openDuckDb(join(dir, 'hub.duckdb'));
  fleet = new DuckFleetRegistry(db, { nowMs: () => NOW });
  await fleet.open();
  await fleet.importFleet(TWO_STORES, NOW);
});
afterAll(async () => {
  await fleet.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

function status(kioskId: string, slots: Partial<SlotReading>[]): KioskReading {
  const r: KioskReading = {
    kioskId, bootId: 1, seq: ++seq, atMs: NOW + seq, receivedAtMs: NOW + seq, clockSuspect: false, firmware: 't', mainsPower: true, door: v1.DoorState.DOOR_STATE_CLOSED, signalDbm: -60,
    slots: slots.map((s, index) => ({ index, state: S.SLOT_STATE_EMPTY, packId: '', socPct: 0, tempC: 25, chargeCurrentMa: 0, faultCode: 0, ...s })),
  };
  live.applyKiosk(r);
  return r;
}

class Client implements LiveStream {
  readonly frames: { event: string; data: any }[] = [];
  ended: string | null = null;
  writable = true;
  allowed = true;
  writes = 0;
  constructor(readonly owner: string, readonly storeIds: ReadonlySet<string> | null, readonly detail: boolean) {}
  write(frame: string): boolean {
    this.writes++;
    if (!this.writable) return false;
    const event = /event: (\w+)/.exec(frame)![1]!;
    this.frames.push({ event, data: JSON.parse(/data: (.*)/.exec(frame)![1]!) });
    return true;
  }
  stillAllowed(): boolean {
    return this.allowed;
  }
  end(last?: string): void {
    this.ended = last ? /data: (.*)/.exec(last)![1]! : '';
  }
  events(): string[] {
    return this.frames.map((f) => f.event);
  }
}

function hub(o: { maxStreams?: number; maxStreamsPerOwner?: number } = {}): LiveHub {
  return new LiveHub({ stock: () => ({ fleet, live, chargedThresholdPct: 90, nowMs: NOW + seq }), logger: pino({ level: 'silent' }), maxStreams: o.maxStreams ?? 100, ...(o.maxStreamsPerOwner ? { maxStreamsPerOwner: o.maxStreamsPerOwner } : {}) });
}
const feed = (h: LiveHub, ...kiosks: KioskReading[]) => h.onCommitted({ packs: [], kiosks, events: [] });

describe('the live hub', () => {
  it('routes each change to the streams that watch its store: grids to store pages, stock to everyone watching', async () => {
    const h = hub();
    feed(h, status('k-own', [{ state: S.SLOT_STATE_READY, packId: 'p-own', socPct: 97 }, {}]), status('k-other', [{}, {}]));
    const page = new Client('s1', new Set(['st-own']), true);
    const list = new Client('s2', new Set(['st-own']), false);
    const fleetWide = new Client('s3', null, false);
    const otherPage = new Client('s4', new Set(['st-other']), true);
    for (const c of [page, list, fleetWide, otherPage]) h.add(c);
    feed(h, status('k-own', [{ state: S.SLOT_STATE_READY, packId: 'p-own', socPct: 97 }, { state: S.SLOT_STATE_CHARGING, packId: 'p-own-2', socPct: 40, chargeCurrentMa: 1300 }]));
    h.flush();
    expect(page.events()).toEqual(['kiosk', 'stock']);
    expect(page.frames[0]!.data.kiosk.slots[1]).toMatchObject({ state: 'CHARGING', packId: 'p-own-2', socPct: 40 });
    expect(list.events()).toEqual(['stock']);
    expect(fleetWide.events()).toEqual(['stock']);
    expect(fleetWide.frames[0]!.data).toMatchObject({ id: 'st-own', stock: { ready: 1, charging: 1 } });
    expect(otherPage.events()).toEqual([]);
  });

  it('turns a burst of reports into one frame per visible change, and sends nothing when nothing visible changed', () => {
    const h = hub();
    const page = new Client('s1', new Set(['st-own']), true);
    h.add(page);
    feed(h, status('k-own', [{ state: S.SLOT_STATE_CHARGING, packId: 'p-own', socPct: 60.1, chargeCurrentMa: 1300 }]));
    h.flush();
    const first = page.frames.length;
    expect(first).toBe(2);
    // Ten reports within one flush window: SoC creeps from 60.1 to 61.0 (shown as 60 then 61).
    for (let i = 1; i <= 10; i++) feed(h, status('k-own', [{ state: S.SLOT_STATE_CHARGING, packId: 'p-own', socPct: 60.1 + i * 0.09, chargeCurrentMa: 1300 }]));
    h.flush();
    // One grid frame with the last SoC, and one stock frame (its list of charging packs shows the SoC too).
    expect(page.events().slice(first)).toEqual(['kiosk', 'stock']);
    expect(page.frames[first]!.data.kiosk.slots[0].socPct).toBeCloseTo(61.0, 5);
    expect(page.frames[first + 1]!.data.charging[0].socPct).toBeCloseTo(61.0, 5);
    // A report with nothing new to see, and a sweep: no frame.
    feed(h, status('k-own', [{ state: S.SLOT_STATE_CHARGING, packId: 'p-own', socPct: 61.02, chargeCurrentMa: 1300 }]));
    h.flush();
    h.sweep();
    expect(page.frames.length).toBe(first + 2);
  });

  it('drops a client that cannot keep up, and never writes to it again', () => {
    const h = hub();
    const slow = new Client('slow', new Set(['st-own']), true);
    const fine = new Client('fine', new Set(['st-own']), true);
    h.add(slow);
    h.add(fine);
    slow.writable = false;
    feed(h, status('k-own', [{ state: S.SLOT_STATE_READY, packId: 'p-own', socPct: 91 }]));
    h.flush();
    expect(h.stats()).toMatchObject({ streams: 1, cutSlow: 1 });
    const writes = slow.writes;
    feed(h, status('k-own', [{ state: S.SLOT_STATE_READY, packId: 'p-own', socPct: 99 }]));
    h.flush();
    h.heartbeat();
    expect(slow.writes).toBe(writes);
    expect(fine.events()).toEqual(['kiosk', 'stock', 'kiosk', 'ping']);
  });

  it('ends a stream whose caller may no longer watch, at the heartbeat', () => {
    const h = hub();
    const a = new Client('a', new Set(['st-own']), true);
    const b = new Client('b', new Set(['st-own']), true);
    h.add(a);
    h.add(b);
    a.allowed = false;
    h.heartbeat();
    expect(a.ended).toBe('{"reason":"signed_out"}');
    expect(b.ended).toBeNull();
    expect(b.events()).toEqual(['ping']);
    expect(h.stats()).toMatchObject({ streams: 1, endedByAccess: 1 });
  });

  it('refuses past the per-owner and total caps, counting only open streams', () => {
    const h = hub({ maxStreams: 3, maxStreamsPerOwner: 2 });
    const forget = h.add(new Client('x', null, false));
    h.add(new Client('x', null, false));
    const refused = (owner: string) => {
      try {
        h.add(new Client(owner, null, false));
        return null;
      } catch (err) {
        return isCfError(err) ? err.code : String(err);
      }
    };
    expect(refused('x')).toBe('CF_ERR_LIVE_STREAM_LIMIT');
    h.add(new Client('y', null, false));
    expect(refused('z')).toBe('CF_ERR_LIVE_BUSY');
    forget();
    forget(); // twice is harmless
    expect(refused('z')).toBeNull();
    expect(h.stats().streams).toBe(3);
  });

  it('starts a new stream from a snapshot, and ends every stream when it stops', () => {
    const h = hub();
    const page = new Client('p', new Set(['st-own', 'st-other']), true);
    h.add(page);
    const snap = h.snapshot(page);
    const events = [...snap.matchAll(/event: (\w+)\ndata: (.*)\n/g)].map((m) => [m[1], JSON.parse(m[2]!).storeId ?? JSON.parse(m[2]!).id]);
    expect(events).toEqual([['kiosk', 'st-own'], ['stock', 'st-own'], ['kiosk', 'st-other'], ['stock', 'st-other']]);
    h.stop();
    expect(page.ended).toBe('{"reason":"shutdown"}');
    expect(h.stats().streams).toBe(0);
  });
});
