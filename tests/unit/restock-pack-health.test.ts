// Withdrawals and the health score: one row per reason, the formula's documented points, and what
// the score learns from readings (fault episodes, hot episodes, charge-time drift).
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_POLICY, healthScore, newHealthRecord, observeCharging, observePackReading, withdrawReason, type HealthInput, type PackHealthRecord } from '../../domain/restock/pack-health.ts';

const NOW = Date.UTC(2025, 0, 6, 12);
const DAY = 86_400_000;
const rec = (over: Partial<PackHealthRecord> = {}): PackHealthRecord => ({ ...newHealthRecord('p'), ...over });
const pack = (over: Partial<HealthInput> = {}): HealthInput => ({ lot: 'L1', flag: null, sohPct: 95, cycles: 100, record: rec(), ...over });

describe('withdrawReason', () => {
  it.each([
    ['a healthy pack stays', pack(), null],
    ['a recalled lot', pack({ lot: 'BAD' }), 'recalled'],
    ['a pack flagged recalled', pack({ flag: 'recalled' }), 'recalled'],
    ['flagged unsafe (hot, swelling)', pack({ flag: 'unsafe' }), 'unsafe'],
    ['recall beats unsafe', pack({ lot: 'BAD', flag: 'unsafe' }), 'recalled'],
    ['three fault episodes within 30 days', pack({ record: rec({ faultEpisodesMs: [NOW - 20 * DAY, NOW - 5 * DAY, NOW - DAY] }) }), 'faulty'],
    ['three fault episodes, one too old to count', pack({ record: rec({ faultEpisodesMs: [NOW - 40 * DAY, NOW - 5 * DAY, NOW - DAY] }) }), null],
    ['SoH below the floor', pack({ sohPct: 79.9 }), 'worn'],
    ['SoH at the floor stays', pack({ sohPct: 80 }), null],
    ['a low health score (600 cycles, ten hot episodes)', pack({ cycles: 600, record: rec({ tempExcursions: 10 }) }), 'retired'],
    ['SoH unknown is not a reason', pack({ sohPct: null }), null],
  ] as const)('%s', (_name, p, expected) => {
    expect(withdrawReason(p, new Set(['BAD']), NOW)).toBe(expected);
  });
});

describe('healthScore', () => {
  it.each([
    ['new', 0, rec(), 100],
    ['500 cycles', 500, rec(), 50],
    ['beyond rated cycles counts as rated', 900, rec(), 50],
    ['500 cycles and ten hot episodes', 500, rec({ tempExcursions: 10 }), 25],
    ['charge time 30 % off', 0, rec({ chargeTimeDrift: -0.3 }), 75],
    ['everything at once', 500, rec({ tempExcursions: 20, chargeTimeDrift: 0.6 }), 0],
    ['unknown cycles', null, rec(), 100],
  ] as const)('%s → %d', (_name, cycles, r, score) => {
    expect(healthScore(cycles, r).score).toBe(score);
  });

  it('the default threshold is 40', () => {
    expect(DEFAULT_HEALTH_POLICY.scoreMin).toBe(40);
  });
});

describe('learning from readings', () => {
  it('counts a fault episode once, however many readings show the fault', () => {
    const r = newHealthRecord('p');
    expect(observePackReading(r, 1, 30, NOW)).toBe(true);
    expect(observePackReading(r, 1, 30, NOW + 60_000)).toBe(false);
    observePackReading(r, 0, 30, NOW + 120_000);
    observePackReading(r, 2, 30, NOW + 180_000);
    expect(r.faultEpisodesMs).toEqual([NOW, NOW + 180_000]);
  });

  it('keeps a bounded list whatever a device claims', () => {
    const r = newHealthRecord('p');
    for (let i = 0; i < 500; i++) {
      observePackReading(r, 1, 30, NOW + i * 1000);
      observePackReading(r, 0, 30, NOW + i * 1000 + 500);
    }
    expect(r.faultEpisodesMs.length).toBe(32);
  });

  it('counts hot episodes: crossing 45 °C, not every hot reading', () => {
    const r = newHealthRecord('p');
    for (const t of [30, 46, 50, 47, 40, 45, 44]) observePackReading(r, 0, t, NOW);
    expect(r.tempExcursions).toBe(2);
  });

  it('measures charge-time drift from a constant-current charge to the knee', () => {
    const r = newHealthRecord('p');
    // 20 % → 80 % takes 1.2 h on the curve; this pack took 1.5 h: 25 % slow.
    observeCharging(r, 20, 1300, 100, NOW);
    observeCharging(r, 50, 1300, 100, NOW + 0.75 * 3_600_000);
    expect(observeCharging(r, 80, 1300, 100, NOW + 1.5 * 3_600_000)).toBe(true);
    expect(r.chargeTimeDrift).toBeCloseTo(0.25, 3);
    expect(r.charges).toBe(1);
  });

  it('a charge that stops (no current) measures nothing', () => {
    const r = newHealthRecord('p');
    observeCharging(r, 20, 1300, 100, NOW);
    observeCharging(r, 40, 0, 100, NOW + 3_600_000);
    expect(observeCharging(r, 85, 1300, 100, NOW + 5 * 3_600_000)).toBe(false);
    expect(r.chargeTimeDrift).toBeNull();
  });
});
