// A kiosk may report a returned pack's insertion before it asks for the swap. The insertion moves
// custody into the slot, so eligibility must still see whose pack it was: this remembers, for a
// while, who handed each pack in. In memory and short-lived: after a restart a request that
// raced its own insertion is judged on custody alone.
import type { Custody } from '../domain/fleet-model.ts';

interface Entry {
  customerId: string;
  kioskId: string;
  slot: number;
  atMs: number;
}

export class RecentReturns {
  private readonly byPack = new Map<string, Entry>();

  constructor(private readonly keepMs = 15 * 60_000) {}

  record(packId: string, from: Custody, to: Custody, atMs: number): void {
    if (from.kind === 'customer' && to.kind === 'slot') this.byPack.set(packId, { customerId: from.customerId, kioskId: to.kioskId, slot: to.slot, atMs });
    else this.byPack.delete(packId);
    if (this.byPack.size > 100_000) this.prune(atMs);
  }

  /**
   * The custody eligibility should judge: the customer who just returned the pack into this slot
   * of this kiosk, or the registry custody as it is.
   */
  custodyForReturn(packId: string, current: Custody, kioskId: string, nowMs: number): Custody {
    const e = this.byPack.get(packId);
    if (!e || nowMs - e.atMs > this.keepMs) return current;
    if (current.kind === 'slot' && current.kioskId === kioskId && current.kioskId === e.kioskId && current.slot === e.slot) return { kind: 'customer', customerId: e.customerId };
    return current;
  }

  private prune(nowMs: number): void {
    for (const [k, e] of this.byPack) if (nowMs - e.atMs > this.keepMs) this.byPack.delete(k);
  }
}
