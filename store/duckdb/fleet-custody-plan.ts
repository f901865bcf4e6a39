// Plans a batch of custody moves against the registry's memory before anything is written: checks
// each target, drops no-ops, and keeps one pack per slot. Pure over the memory it is given.
import { CfError } from '../../domain/errors.ts';
import { sameCustody } from '../../domain/fleet-model.ts';
import type { Custody } from '../../domain/fleet-model.ts';
import type { AnomalyRecord } from '../fleet-registry.ts';
import type { FleetMemory } from './fleet-memory.ts';

/** One custody change to write. */
export interface Move {
  packId: string;
  from: Custody;
  to: Custody;
  cause: string;
  requestId: string | null;
  commandId: string | null;
}
export type MoveRequest = Omit<Move, 'from'>;
export type Anomaly = Omit<AnomalyRecord, 'id' | 'atMs'>;

/** Throws unless `to` is a place the registry knows: an existing slot of a known kiosk, a known customer. */
export function checkTarget(mem: FleetMemory, to: Custody): void {
  if (to.kind === 'slot') {
    const k = mem.kiosks.get(to.kioskId);
    if (!k) throw new CfError('CF_ERR_CUSTODY_INVALID', `kiosk ${to.kioskId} is not in the fleet registry`);
    if (!Number.isInteger(to.slot) || to.slot < 0 || to.slot >= k.slotCount) {
      throw new CfError('CF_ERR_CUSTODY_INVALID', `kiosk ${to.kioskId} has no slot ${to.slot} (it has ${k.slotCount})`);
    }
  } else if (to.kind === 'customer' && !mem.customers.has(to.customerId)) {
    throw new CfError('CF_ERR_CUSTOMER_NOT_FOUND', `customer ${to.customerId} is not in the fleet registry`);
  }
}

/**
 * Moves in order, skipping those to where the pack already is. When a slot would end up with two
 * packs: a pack the batch does not name is displaced to 'lost' with a 'slot_conflict' anomaly (the
 * cabinet is the truth about its slots, and its next status puts the pack where it really is); two
 * packs the batch itself puts in one slot is the caller's error, and nothing is written.
 */
export function planMoves(mem: FleetMemory, reqs: readonly MoveRequest[], kioskId: string | null): { moves: Move[]; anomalies: Anomaly[] } {
  const final = new Map<string, Custody>();
  const moves: Move[] = [];
  for (const r of reqs) {
    const pack = mem.packs.get(r.packId);
    if (!pack) throw new CfError('CF_ERR_PACK_NOT_FOUND', `pack ${r.packId} is not in the fleet registry`);
    checkTarget(mem, r.to);
    const from = final.get(r.packId) ?? pack.custody;
    // A no-op still counts as a claim on its slot: the batch says the pack is there.
    final.set(r.packId, r.to);
    if (!sameCustody(from, r.to)) moves.push({ ...r, from });
  }
  const anomalies: Anomaly[] = [];
  const claimed = new Map<string, string>();
  for (const [packId, to] of [...final]) {
    if (to.kind !== 'slot') continue;
    const slotKey = `${to.kioskId}#${to.slot}`;
    const other = claimed.get(slotKey);
    if (other !== undefined) throw new CfError('CF_ERR_CUSTODY_INVALID', `packs ${other} and ${packId} cannot both be in slot ${to.slot} of kiosk ${to.kioskId}`);
    claimed.set(slotKey, packId);
    const sitting = mem.slotOccupant(to.kioskId, to.slot);
    if (sitting !== undefined && sitting !== packId && !final.has(sitting)) {
      const lost: Custody = { kind: 'lost' };
      moves.push({ packId: sitting, from: mem.packs.get(sitting)!.custody, to: lost, cause: 'displaced', requestId: null, commandId: null });
      final.set(sitting, lost);
      anomalies.push({
        kioskId: kioskId ?? to.kioskId,
        kind: 'slot_conflict',
        commandId: null,
        packId: sitting,
        detail: `pack ${packId} went into slot ${to.slot} of kiosk ${to.kioskId}, where the registry had ${sitting}; ${sitting} is lost until a status shows it`,
      });
    }
  }
  return { moves, anomalies };
}
