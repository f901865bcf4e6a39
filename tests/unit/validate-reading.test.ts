import { describe, expect, it } from 'vitest';
import { validateKioskEvent, validateKioskStatus, validatePackTelemetry } from '../../domain/validate-reading.ts';
import { decodeKioskEvent, decodeKioskStatus, decodePackTelemetry, encodeKioskEvent, encodeKioskStatus, encodePackTelemetry, v1 } from '../../proto/codec.ts';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const limits = { maxClockSkewMs: 300_000, maxBackfillMs: 720 * 3_600_000 };
const header = (over: Partial<{ bootId: number; seq: number; sentAtMs: number; firmware: string }> = {}) => ({ bootId: 7, seq: 1, sentAtMs: NOW - 1000, firmware: 'pack-fw 1.0', ...over });
const good = { header: header(), socPct: 55.5, voltageMv: 3800, currentMa: -900, tempC: 24.25, cycles: 12, sohPct: 98, state: v1.PackState.PACK_STATE_DISCHARGING, faultFlags: 0 };

function pack(over: Record<string, unknown>) {
  return validatePackTelemetry('P1', decodePackTelemetry(encodePackTelemetry({ ...good, ...over })), NOW, limits);
}

describe('validatePackTelemetry', () => {
  it('accepts a healthy reading and keeps device time', () => {
    const r = pack({});
    expect(r).toMatchObject({ ok: true, value: { packId: 'P1', atMs: NOW - 1000, receivedAtMs: NOW, clockSuspect: false, bootId: 7, seq: 1, socPct: 55.5, tempC: 24.25, currentMa: -900, latE7: null } });
  });

  it.each([
    ['soc above 100', { socPct: 100.5 }, 'socPct'],
    ['soc negative', { socPct: -1 }, 'socPct'],
    ['soc NaN', { socPct: Number.NaN }, 'socPct'],
    ['temperature beyond 125 °C', { tempC: 400 }, 'tempC'],
    ['temperature below -40 °C', { tempC: -80 }, 'tempC'],
    ['current beyond 20 A', { currentMa: 50_000 }, 'currentMa'],
    ['SoH beyond 110 %', { sohPct: 150 }, 'sohPct'],
    ['voltage beyond 20 V', { voltageMv: 30_000 }, 'voltageMv'],
    ['latitude beyond 90°', { location: { latE7: 950_000_000, lonE7: 0, accuracyM: 5 } }, 'latE7'],
  ])('rejects %s as out of range', (_name, over, field) => {
    const r = pack(over);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('CF_ERR_INGEST_OUT_OF_RANGE');
      expect(r.detail).toContain(field);
    }
  });

  it.each([
    ['a clock far in the future is marked and replaced by the receive time', NOW + 3_600_000, true],
    ['a clock just inside the skew is trusted', NOW + 299_000, false],
    ['an offline backlog of a day is trusted', NOW - 86_400_000, false],
    ['a device with no clock (0) is marked', 0, true],
  ])('%s', (_name, sentAtMs, suspect) => {
    const r = pack({ header: header({ sentAtMs }) });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.clockSuspect).toBe(suspect);
      expect(r.value.atMs).toBe(suspect ? NOW : sentAtMs);
    }
  });

  it.each([
    ['a header-only payload (0a 00)', null, 'state'],
    ['state UNSPECIFIED', { state: 0 }, 'state'],
    ['voltage 0 (absent)', { voltageMv: 0 }, 'voltage_mv'],
    ['SoH 0 (absent)', { sohPct: 0 }, 'soh_pct'],
  ])('rejects %s as a missing field, never as a reading', (_name, over, field) => {
    const m = over === null ? decodePackTelemetry(new Uint8Array([0x0a, 0x00])) : decodePackTelemetry(encodePackTelemetry({ ...good, ...over }));
    const r = validatePackTelemetry('P1', m, NOW, limits);
    expect(r).toMatchObject({ ok: false, reason: 'CF_ERR_INGEST_FIELD_MISSING' });
    if (!r.ok) expect(r.detail).toContain(field);
  });

  it('a flat pack (SoC 0) is still a reading', () => {
    expect(pack({ socPct: 0 }).ok).toBe(true);
  });

  it('keeps the location in 1e-7 degrees', () => {
    const r = pack({ location: { latE7: 515_074_000, lonE7: -1_278_000, accuracyM: 30 } });
    expect(r).toMatchObject({ ok: true, value: { latE7: 515_074_000, lonE7: -1_278_000, accuracyM: 30 } });
  });
});

describe('validateKioskStatus', () => {
  const status = (slots: object[]) => validateKioskStatus('K1', decodeKioskStatus(encodeKioskStatus({ header: header(), slots, mainsPower: true, door: 1, signalDbm: -70 })), NOW, limits);

  it('accepts slots and sorts them by index', () => {
    const r = status([
      { index: 1, state: 3, packId: 'P2', socPct: 95, tempC: 25 },
      { index: 0, state: 1 },
    ]);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.slots.map((s) => [s.index, s.packId])).toEqual([[0, ''], [1, 'P2']]);
  });

  it.each([
    ['a slot listed twice', [{ index: 1 }, { index: 1 }], 'CF_ERR_INGEST_OUT_OF_RANGE'],
    ['a slot SoC above 100', [{ index: 0, socPct: 140 }], 'CF_ERR_INGEST_OUT_OF_RANGE'],
    ['a malformed pack id', [{ index: 0, packId: 'bad id/with slash' }], 'CF_ERR_INGEST_BAD_ID'],
  ])('rejects %s', (_name, slots, reason) => {
    const r = status(slots);
    expect(r).toMatchObject({ ok: false, reason });
  });
});

describe('validateKioskEvent', () => {
  const event = (e: object) => validateKioskEvent('K1', decodeKioskEvent(encodeKioskEvent({ header: header(), ...e })), NOW, limits);
  it.each([
    [{ packReleased: { slot: 3, packId: 'P9', commandId: 'cmd-1' } }, { type: 'pack_released', slot: 3, packId: 'P9', commandId: 'cmd-1' }],
    [{ packInserted: { slot: 2, packId: 'P8', requestId: 'r-1' } }, { type: 'pack_inserted', slot: 2, packId: 'P8', requestId: 'r-1' }],
    [{ releaseFailed: { slot: 1, packId: 'P7', commandId: 'cmd-2', reason: 'latch_stuck' } }, { type: 'release_failed', detail: 'latch_stuck' }],
    [{ fault: { faultCode: 17, detail: 'fan' } }, { type: 'fault', slot: null, detail: 'code=17 fan' }],
  ])('maps %j', (input, expected) => {
    expect(event(input)).toMatchObject({ ok: true, value: expected });
  });
  it('rejects an event with nothing in it', () => {
    expect(event({})).toMatchObject({ ok: false, reason: 'CF_ERR_INGEST_DECODE' });
  });
});
