// Courier jobs: the states a job moves through (planned → picked_up → delivered, or cancelled),
// which transitions are allowed, where a pack must be for a job to take it, and the custody each
// step gives it. Pure: the service looks packs up and writes; this decides.
import type { Custody, WithdrawReason } from '../fleet-model.ts';
import type { LineKind } from './plan.ts';
import { CENTRAL_WAREHOUSE, type JobPlace } from './restock-model.ts';

export type JobStatus = 'planned' | 'picked_up' | 'delivered' | 'cancelled';
export const JOB_STATUSES: readonly JobStatus[] = ['planned', 'picked_up', 'delivered', 'cancelled'];
export type JobAction = 'pickup' | 'deliver' | 'cancel';

export interface CourierJob {
  id: string;
  /** The plan's route and line it came from, when it came from the plan. */
  routeId: string | null;
  lineId: string | null;
  kind: LineKind;
  from: JobPlace;
  to: JobPlace;
  /** Stops of the route where it is picked up and dropped (0 and 1 for a one-leg job). */
  fromStop: number;
  toStop: number;
  packIds: string[];
  /** Packs that leave service at the warehouse, and why. */
  withdraw: Record<string, WithdrawReason>;
  courierId: string | null;
  status: JobStatus;
  reasons: string[];
  numbers: Record<string, unknown>;
  createdAtMs: number;
  /** When the plan expects the pickup and the arrival. */
  pickupAtMs: number;
  etaMs: number;
  /** After this a planned job is void, and a pack that has not arrived is missing. */
  deadlineMs: number;
  pickedUpAtMs: number | null;
  deliveredAtMs: number | null;
  cancelledAtMs: number | null;
  /** Packs actually picked up (a subset of packIds). */
  carried: string[];
  /** Packs that arrived: seen in a kiosk slot at the destination store, or delivered to a warehouse; with when. */
  arrived: Record<string, number>;
  /** Packs declared missing after the deadline. */
  missing: string[];
  detail: string;
}

export type JobEventKind = 'created' | 'picked_up' | 'delivered' | 'cancelled' | 'expired' | 'pack_arrived' | 'pack_missing';

/** One row of the job ledger. */
export interface JobEvent {
  jobId: string;
  atMs: number;
  kind: JobEventKind;
  packIds: string[];
  detail: string;
}

/** Why the job cannot do `action` now, or null when it can. */
export function transitionProblem(status: JobStatus, action: JobAction): string | null {
  const allowed: Record<JobAction, JobStatus> = { pickup: 'planned', deliver: 'picked_up', cancel: 'planned' };
  if (status === allowed[action]) return null;
  const what: Record<JobStatus, string> = { planned: 'has not been picked up yet', picked_up: 'is already picked up', delivered: 'is already delivered', cancelled: 'is cancelled' };
  return `the job ${what[status]}, so it cannot be ${action === 'pickup' ? 'picked up' : action === 'deliver' ? 'delivered' : 'cancelled'}`;
}

/** The job place a pack's custody is at: a store (its kiosks or back room) or a warehouse; null when neither. */
export function placeOfCustody(c: Custody, storeOfKiosk: (kioskId: string) => string | undefined, isStore: (id: string) => boolean): JobPlace | null {
  if (c.kind === 'slot') {
    const s = storeOfKiosk(c.kioskId);
    return s === undefined ? null : { kind: 'store', storeId: s };
  }
  if (c.kind === 'warehouse') {
    const id = c.warehouseId ?? CENTRAL_WAREHOUSE;
    return id !== CENTRAL_WAREHOUSE && isStore(id) ? { kind: 'store', storeId: id } : { kind: 'warehouse', warehouseId: id };
  }
  return null;
}

/** Custody while a courier carries the pack: in transit to the destination store (a warehouse: no store). */
export function inTransitTo(to: JobPlace): Custody {
  return to.kind === 'store' ? { kind: 'in_transit', to: to.storeId } : { kind: 'in_transit' };
}

/** Custody once dropped: the destination store's back room, a warehouse shelf, or out of service. */
export function deliveredCustody(job: Pick<CourierJob, 'to' | 'withdraw'>, packId: string): Custody {
  if (job.to.kind === 'store') return { kind: 'warehouse', warehouseId: job.to.storeId };
  const reason = job.withdraw[packId];
  if (reason) return { kind: 'withdrawn', reason };
  return job.to.warehouseId === CENTRAL_WAREHOUSE ? { kind: 'warehouse' } : { kind: 'warehouse', warehouseId: job.to.warehouseId };
}

/** Whether the custody is the one a pick-up of this job gives (a retry of a pick-up that half-completed). */
export function isInTransitFor(c: Custody, to: JobPlace): boolean {
  return c.kind === 'in_transit' && (to.kind === 'store' ? c.to === to.storeId : c.to === undefined);
}

export function isOpenJob(j: Pick<CourierJob, 'status'>): boolean {
  return j.status === 'planned' || j.status === 'picked_up';
}
