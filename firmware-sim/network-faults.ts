// Network misbehaviour for the bad-network scenario, as pure functions a transport wrapper applies to
// what it is about to publish: duplicates, reordering, damaged payloads, and which devices run skewed.
import type { NetworkFaults } from './scenarios.ts';
import type { Rng } from './rng.ts';

export interface WireMessage {
  topic: string;
  payload: Uint8Array;
  qos: 0 | 1;
}

export interface MangleTally {
  duplicated: number;
  reordered: number;
  corrupted: number;
}

/** A damaged copy of a payload: truncated, a few bytes flipped, or garbage. Never the same bytes. */
export function corruptPayload(payload: Uint8Array, rng: Rng): Uint8Array {
  const mode = rng.int(0, 3);
  // Copy with new Uint8Array(): payloads are often Node Buffers, whose slice() is a view, not a copy.
  if (mode === 0 && payload.length > 1) return new Uint8Array(payload.subarray(0, rng.int(1, payload.length)));
  if (mode === 1 && payload.length > 0) {
    const out = new Uint8Array(payload);
    // Flip one to three distinct bytes (a repeated position could cancel a flip out).
    const flips = Math.min(out.length, 1 + rng.int(0, 3));
    const start = rng.int(0, out.length);
    const stride = 1 + rng.int(0, Math.max(1, Math.floor(out.length / flips)));
    for (let k = 0; k < flips; k++) {
      const at = (start + k * stride) % out.length;
      out[at] = (out[at] as number) ^ (1 + rng.int(0, 255));
    }
    return out;
  }
  // Garbage: a wire type no field of ours uses (groups, 3/4), then random bytes.
  const out = new Uint8Array(4 + rng.int(0, 28));
  out[0] = 0x0b;
  for (let k = 1; k < out.length; k++) out[k] = rng.int(0, 256);
  return out;
}

/**
 * The batch as a bad network delivers it: some messages twice, some moved behind later ones (by one
 * to three places), some damaged. The input is not modified.
 */
export function mangleBatch(msgs: readonly WireMessage[], f: NetworkFaults, rng: Rng, tally?: MangleTally): WireMessage[] {
  const out: WireMessage[] = [];
  for (const m of msgs) {
    let msg = m;
    if (rng.chance(f.corruptRate)) {
      msg = { ...m, payload: corruptPayload(m.payload, rng) };
      if (tally) tally.corrupted++;
    }
    out.push(msg);
    if (rng.chance(f.duplicateRate)) {
      out.push(msg);
      if (tally) tally.duplicated++;
    }
  }
  for (let i = out.length - 2; i >= 0; i--) {
    if (!rng.chance(f.reorderRate)) continue;
    const j = Math.min(out.length - 1, i + 1 + rng.int(0, 3));
    const [moved] = out.splice(i, 1);
    if (moved !== undefined) out.splice(j, 0, moved);
    if (tally) tally.reordered++;
  }
  return out;
}

/** Which of `count` devices run with a skewed clock: 1 at the index of each skewed device. */
export function pickSkewedDevices(count: number, f: NetworkFaults, rng: Rng): Uint8Array {
  const out = new Uint8Array(count);
  if (f.clockSkewShare <= 0) return out;
  for (let i = 0; i < count; i++) if (rng.chance(f.clockSkewShare)) out[i] = 1;
  return out;
}
