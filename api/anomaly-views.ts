// Anomalies as the API shows them: the fleet's own (releases matching no command, packs missing,
// card guessing) merged with custody disputes, which share their id space. GET /v1/anomalies and a
// store page's alerts both read them here.
import type { CustodyDispute } from '../store/custody-disputes.ts';
import { iso } from './views.ts';
import type { ApiDeps } from './app.ts';

export const anomalySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, at: { type: 'string' }, kioskId: { type: ['string', 'null'] }, kind: { type: 'string' }, commandId: { type: ['string', 'null'] }, packId: { type: ['string', 'null'] }, detail: { type: 'string' },
    // Custody disputes only: the reason code, the slot claimed, and the resolution.
    reason: { type: 'string' }, slot: { type: 'integer' }, status: { type: 'string', enum: ['open', 'resolved'] }, resolution: { type: ['string', 'null'] }, resolvedAt: { type: ['string', 'null'] }, note: { type: ['string', 'null'] },
  },
} as const;

/**
 * A custody dispute as an anomaly of kind 'custody_implausible'. `full` is false for a caller who
 * sees only their own stores: the detail names where the registry has the pack (another store's
 * kiosk, a customer), which is none of a manager's business; the reason code says enough.
 */
export function disputeView(d: CustodyDispute, full = true) {
  const detail = full ? d.detail : `kiosk ${d.kioskId} reported pack ${d.packId} in slot ${d.slot}, but the registry has it elsewhere (${d.reason})`;
  return {
    id: d.id, at: iso(d.atMs)!, kioskId: d.kioskId, kind: 'custody_implausible', commandId: null, packId: d.packId, detail,
    reason: d.reason, slot: d.slot, status: d.resolvedAtMs === null ? 'open' : 'resolved', resolution: d.resolution, resolvedAt: iso(d.resolvedAtMs), note: d.note,
  };
}

/** The newest `limit` anomalies and disputes, at these kiosks (undefined: every kiosk), newest first. */
export async function listAnomalies(deps: Pick<ApiDeps, 'fleet' | 'disputes'>, limit: number, kioskIds: readonly string[] | undefined, full: boolean) {
  const [rows, disputes] = await Promise.all([
    deps.fleet.listAnomalies(limit, kioskIds),
    deps.disputes?.list({ limit, ...(kioskIds ? { kioskIds } : {}) }) ?? [],
  ]);
  return [...rows.map((a) => ({ ...a, at: iso(a.atMs)! })), ...disputes.map((d) => disputeView(d, full))].sort((a, b) => b.id - a.id).slice(0, limit);
}
