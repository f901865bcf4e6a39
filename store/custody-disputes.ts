// The custody-dispute seam: a kiosk reported a pack where it could not plausibly be
// (domain/custody-plausibility.ts). Custody did not move; the pack is not handed out anywhere
// until an operator resolves the dispute. Open disputes are kept in memory (reads are synchronous).
import type { ImplausibleReason } from '../domain/custody-plausibility.ts';
import type { Custody } from '../domain/fleet-model.ts';

export type DisputeResolution = 'accepted' | 'dismissed';

export interface CustodyDispute {
  /** Shares the id space of the fleet anomalies (GET /v1/anomalies lists both). */
  id: number;
  atMs: number;
  kioskId: string;
  slot: number;
  packId: string;
  reason: ImplausibleReason;
  /** Where the registry had the pack when the kiosk claimed it. */
  registryCustody: Custody;
  detail: string;
  resolvedAtMs: number | null;
  resolution: DisputeResolution | null;
  note: string | null;
}

export interface CustodyDisputes {
  open(): Promise<void>;
  close(): Promise<void>;
  /** The pack has an open dispute: it must not be handed out. */
  isDisputed(packId: string): boolean;
  /** The open dispute for this pack at this kiosk, if any (a status repeats every 30 s). */
  openDispute(packId: string, kioskId: string): CustodyDispute | undefined;
  /** Open disputes raised by this kiosk. */
  openCount(kioskId: string): number;
  /** Durable before it resolves. */
  add(d: Omit<CustodyDispute, 'id' | 'resolvedAtMs' | 'resolution' | 'note'>): Promise<CustodyDispute>;
  get(id: number): Promise<CustodyDispute | null>;
  /** Newest first; `kioskIds` limits the list to disputes raised by those kiosks (none: every kiosk). */
  list(q: { limit: number; kioskIds?: readonly string[]; openOnly?: boolean }): Promise<CustodyDispute[]>;
  /** Closes an open dispute; throws CF_ERR_ANOMALY_NOT_OPEN when it is already resolved. */
  resolve(id: number, resolution: DisputeResolution, note: string | null, atMs: number): Promise<CustodyDispute>;
}
