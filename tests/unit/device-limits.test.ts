// broker/device-limits.ts and broker/subscribe-guard.ts: per-device buckets, the growing refusal
// window, and which SUBSCRIBE packets are refused. Time is passed in: no timers, no sleeping.
import { describe, expect, it } from 'vitest';
import { CutBackoff, DeviceBuckets } from '../../broker/device-limits.ts';
import { subscribeProblem } from '../../broker/subscribe-guard.ts';
import { connackReturnCode } from '../../broker/device-hooks.ts';
import { ERRORS, type ErrorCode, type ErrorSpec } from '../../domain/errors.ts';

describe('DeviceBuckets', () => {
  it('one bucket per device, whatever the connection: a new connection does not refill it', () => {
    const b = new DeviceBuckets(10, 20);
    let taken = 0;
    for (let i = 0; i < 100; i++) if (b.take('pack-1', 0)) taken++;
    expect(taken).toBe(20);
    expect(b.take('pack-1', 0)).toBe(false);
    expect(b.take('pack-2', 0)).toBe(true);
    // One second later: ten more tokens, no more.
    taken = 0;
    for (let i = 0; i < 100; i++) if (b.take('pack-1', 1000)) taken++;
    expect(taken).toBe(10);
  });
});

describe('CutBackoff', () => {
  const policy = { baseMs: 1000, maxMs: 8000, forgetAfterMs: 60_000 };

  it('the first cut is free, then the window doubles up to the maximum', () => {
    const b = new CutBackoff(policy);
    const windows = [0, 1, 2, 3, 4, 5, 6].map((i) => b.recordCut('d', i * 100));
    expect(windows).toEqual([0, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('refuses for the window, then lets the device in', () => {
    const b = new CutBackoff(policy);
    b.recordCut('d', 0);
    expect(b.refusedForMs('d', 1)).toBe(0);
    b.recordCut('d', 10);
    expect(b.refusedForMs('d', 10)).toBe(1000);
    expect(b.refusedForMs('d', 510)).toBe(500);
    expect(b.refusedForMs('d', 1010)).toBe(0);
    expect(b.refusedForMs('other', 10)).toBe(0);
  });

  it('forgets strikes after a quiet period', () => {
    const b = new CutBackoff(policy);
    b.recordCut('d', 0);
    b.recordCut('d', 10);
    expect(b.recordCut('d', 10 + 60_000)).toBe(0);
  });
});

describe('subscribeProblem', () => {
  it.each<[string, string[], RegExp | null]>([
    ['a kiosk subscribing to its two topics', ['fleet/v1/kiosks/k/commands', 'fleet/v1/kiosks/k/swap/decisions'], null],
    ['one filter 2,000 times', Array.from({ length: 2000 }, () => 'fleet/v1/kiosks/k/commands'), /2000 filters/],
    ['a filter twice', ['a', 'b', 'a'], /appears twice/],
    ['17 distinct filters', Array.from({ length: 17 }, (_, i) => `t/${i}`), /17 filters/],
    ['16 distinct filters', Array.from({ length: 16 }, (_, i) => `t/${i}`), null],
  ])('%s', (_name, filters, problem) => {
    const p = subscribeProblem(filters);
    if (problem === null) expect(p).toBeNull();
    else expect(p).toMatch(problem);
  });
});

describe('the README error table tells the truth about CONNACK codes', () => {
  it.each(Object.entries(ERRORS).filter(([code, spec]) => /^CONNACK \d/.test((spec as ErrorSpec).mqtt311 ?? '') && code !== 'CF_ERR_MQTT_PROTOCOL_UNSUPPORTED'))('%s', (code, spec) => {
    const documented = Number(/^CONNACK (\d)/.exec((spec as ErrorSpec).mqtt311!)![1]);
    expect(connackReturnCode(code as ErrorCode)).toBe(documented);
    // MQTT 3.1.1 §3.2.2.3 defines 0..5 only.
    expect(documented).toBeLessThanOrEqual(5);
  });
});
