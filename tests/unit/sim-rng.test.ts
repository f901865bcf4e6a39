// Reproducible randomness: a run is fully determined by --seed.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../firmware-sim/rng.ts';

const draw = (r: Rng, n: number): number[] => Array.from({ length: n }, () => r.u32());

describe('Rng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    expect(draw(new Rng(42), 20)).toEqual(draw(new Rng(42), 20));
    expect(draw(new Rng('42'), 5)).toEqual(draw(new Rng(42), 5));
    expect(draw(new Rng(43), 20)).not.toEqual(draw(new Rng(42), 20));
  });

  it('forks streams that do not depend on how much the parent has drawn', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    draw(b, 1000);
    expect(draw(a.fork('kiosks'), 10)).toEqual(draw(b.fork('kiosks'), 10));
    expect(draw(a.fork('kiosks'), 10)).not.toEqual(draw(a.fork('packs'), 10));
  });

  it('draws uniform numbers in [0, 1) with the right mean, and sane Poisson and binomial counts', () => {
    const r = new Rng(1);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    let pois = 0;
    for (let i = 0; i < 20_000; i++) pois += r.poisson(3);
    expect(pois / 20_000).toBeCloseTo(3, 1);
    expect(r.binomial(100_000, 0.02)).toBeGreaterThan(1_800);
    expect(r.binomial(100_000, 0.02)).toBeLessThan(2_200);
    expect(r.poisson(0)).toBe(0);
  });

  it('never returns 0 as a boot id', () => {
    const r = new Rng(3);
    for (let i = 0; i < 10_000; i++) expect(r.nonZeroU32()).not.toBe(0);
  });
});
