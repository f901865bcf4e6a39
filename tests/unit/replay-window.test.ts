import { describe, expect, it } from 'vitest';
import { ReplayWindow } from '../../ingest/replay-window.ts';

describe('ReplayWindow', () => {
  it('knows nothing about a device it has not seen: the store decides', () => {
    expect(new ReplayWindow().check('d', 1, 5)).toBe('unknown');
  });

  it('marks committed seqs as seen, newer ones as new, and gaps as new', () => {
    const w = new ReplayWindow();
    for (const s of [1, 2, 3, 5]) w.commit('d', 9, s);
    expect([1, 2, 3, 5].map((s) => w.check('d', 9, s))).toEqual(['seen', 'seen', 'seen', 'seen']);
    expect(w.check('d', 9, 4)).toBe('new');
    expect(w.check('d', 9, 6)).toBe('new');
  });

  it('slides: seqs older than 64 below the highest become unknown, not wrongly new or seen', () => {
    const w = new ReplayWindow();
    for (let s = 0; s <= 200; s++) w.commit('d', 1, s);
    expect(w.check('d', 1, 200 - 63)).toBe('seen');
    expect(w.check('d', 1, 200 - 64)).toBe('unknown');
    expect(w.check('d', 1, 10)).toBe('unknown');
  });

  it('keeps bits across word boundaries when jumping ahead', () => {
    const w = new ReplayWindow();
    w.commit('d', 1, 100);
    w.commit('d', 1, 140); // shift by 40: seq 100 moves to bit 40
    expect(w.check('d', 1, 100)).toBe('seen');
    expect(w.check('d', 1, 120)).toBe('new');
    w.commit('d', 1, 170); // shift by 30: seq 100 now at bit 70, past the window
    expect(w.check('d', 1, 100)).toBe('unknown');
    expect(w.check('d', 1, 140)).toBe('seen');
  });

  it('a new boot id starts over; the old boot goes to the store', () => {
    const w = new ReplayWindow();
    w.commit('d', 1, 10);
    w.commit('d', 2, 0);
    expect(w.check('d', 2, 0)).toBe('seen');
    expect(w.check('d', 1, 10)).toBe('unknown');
  });

  it('keeps devices apart', () => {
    const w = new ReplayWindow();
    w.commit('a', 1, 1);
    expect(w.check('b', 1, 1)).toBe('unknown');
  });
});
