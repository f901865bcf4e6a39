// When is a device online? Connected now, or heard from by this process within the offline window
// on the current clock. A time restored from the store, or stamped on another clock, proves nothing.
import { describe, expect, it } from 'vitest';
import type { PackReading } from '../../domain/readings.ts';
import { LiveState } from '../../ingest/live-state.ts';
import type { TelemetryStore } from '../../store/telemetry-store.ts';

const WINDOW_MS = 120_000;
const T = 1_800_000_000_000;

function pack(id: string, receivedAtMs: number): PackReading {
  return { packId: id, bootId: 1, seq: 1, atMs: receivedAtMs, receivedAtMs, clockSuspect: false, firmware: 'f', socPct: 50, voltageMv: 3800, currentMa: 0, tempC: 25, cycles: 1, sohPct: 99, state: 1, faultFlags: 0, latE7: null, lonE7: null, accuracyM: null };
}

/** Only the two reads rebuild() makes; anything else would be a mistake in this test. */
function storeWith(packs: PackReading[]): TelemetryStore {
  return { latestPacks: async () => packs, latestKiosks: async () => [] } as Partial<TelemetryStore> as TelemetryStore;
}

describe('LiveState.online', () => {
  it('a device heard from now is online for the offline window, then offline', () => {
    const live = new LiveState(WINDOW_MS);
    live.applyPack(pack('p1', T));
    expect(live.online('p1', T)).toEqual({ online: true, connected: false, lastSeenAtMs: T });
    expect(live.online('p1', T + WINDOW_MS - 1).online).toBe(true);
    expect(live.online('p1', T + WINDOW_MS).online).toBe(false);
  });

  it('a connected device is online whatever its last message', () => {
    const live = new LiveState(WINDOW_MS);
    live.setConnected('p1', 'pack', true, T);
    expect(live.online('p1', T + 10 * WINDOW_MS)).toMatchObject({ online: true, connected: true });
    live.setConnected('p1', 'pack', false, T + 10 * WINDOW_MS);
    expect(live.online('p1', T + 11 * WINDOW_MS)).toMatchObject({ online: false, connected: false, lastSeenAtMs: T + 10 * WINDOW_MS });
  });

  it('a reading restored from the store shows when it was last seen but never makes the device online', async () => {
    const live = new LiveState(WINDOW_MS);
    await live.rebuild(storeWith([pack('p-old', T)]));
    expect(live.online('p-old', T + 1)).toEqual({ online: false, connected: false, lastSeenAtMs: T });
    expect(live.pack('p-old')?.reading.socPct).toBe(50);
    // Once it speaks to this process, it is online again.
    live.applyPack({ ...pack('p-old', T + 5), seq: 2 });
    expect(live.online('p-old', T + 6).online).toBe(true);
  });

  it('a time later than the current clock (a restarted virtual clock) is not "heard from"', () => {
    const live = new LiveState(WINDOW_MS);
    // Heard at 15:00 on the first run's virtual clock; the second run's clock restarted at 07:00.
    live.applyPack(pack('p-first-run', T + 8 * 3_600_000));
    expect(live.online('p-first-run', T).online).toBe(false);
    expect(live.online('p-first-run', T + 8 * 3_600_000).online).toBe(true);
  });
});
