// Holds in model mode, as the server keeps them: a pack held for one customer until a time is
// ready only for them; the held customer gets their pack first; a kiosk carries a capped number
// of holds, and a hold never takes the last ready pack nobody holds.
import { SlotState } from '../proto/codec.ts';
import type { KioskModel } from './kiosk-model.ts';
import type { PackBank } from './pack-bank.ts';

const READY = SlotState.SLOT_STATE_READY;

export class ModelHolds {
  /** packIdx → who it is held for, and until when. */
  private readonly held = new Map<number, { cust: number; untilMs: number }>();

  constructor(private readonly packs: PackBank) {}

  private holder(p: number, nowMs: number): number {
    const h = this.held.get(p);
    if (h === undefined) return -1;
    if (h.untilMs <= nowMs) {
      this.held.delete(p);
      return -1;
    }
    return h.cust;
  }

  /** Ready packs at kiosk k that customer cust may take now (-1: a walk-in nobody holds for). */
  readyFor(k: KioskModel, cust: number, nowMs: number): number {
    let n = 0;
    for (let s = 0; s < k.slotCount; s++) {
      if (k.slotState(s) !== READY) continue;
      const h = this.holder(k.slotPack[s] as number, nowMs);
      if (h === -1 || h === cust) n++;
    }
    return n;
  }

  /** The slot the server would release to cust: their held pack first, then the fullest not held for someone else; -1 when none. */
  bestSlotFor(k: KioskModel, cust: number, nowMs: number): number {
    let best = -1;
    let bestSoc = -1;
    let bestMah = Infinity;
    for (let s = 0; s < k.slotCount; s++) {
      if (k.slotState(s) !== READY) continue;
      const p = k.slotPack[s] as number;
      const h = this.holder(p, nowMs);
      if (h !== -1 && h !== cust) continue;
      if (h === cust && cust >= 0) return s;
      const soc = this.packs.soc[p] as number;
      const mah = this.packs.chargedMah[p] as number;
      if (soc > bestSoc || (soc === bestSoc && mah < bestMah)) {
        best = s;
        bestSoc = soc;
        bestMah = mah;
      }
    }
    return best;
  }

  /** Holds the best pack at k for cust until untilMs; returns the pack, or -1 when capped or nothing to hold. */
  place(k: KioskModel, cust: number, untilMs: number, nowMs: number, maxPerKiosk: number): number {
    let active = 0;
    for (let s = 0; s < k.slotCount; s++) {
      const h = this.holder(k.slotPack[s] as number, nowMs);
      if (h === cust) return k.slotPack[s] as number;
      if (h !== -1) active++;
    }
    if (active >= maxPerKiosk) return -1;
    const slot = this.bestSlotFor(k, cust, nowMs);
    // Someone walking in without a nudge must still find a pack.
    if (slot < 0 || this.readyFor(k, -1, nowMs) < 2) return -1;
    const p = k.slotPack[slot] as number;
    this.held.set(p, { cust, untilMs });
    return p;
  }

  /** The pack left its slot: any hold on it is done. */
  release(p: number): void {
    this.held.delete(p);
  }
}
