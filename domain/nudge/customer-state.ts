// Everything the nudge engine knows about one customer: their discharge, visits and lead-time
// models, and the state of their current low-battery episode; with a compact binary form for
// persistence (the models only: episodes are rebuilt from the nudge ledger).
import { HOURS_PER_WEEK } from './local-time.ts';
import { newDischargeState, type DischargeState } from './discharge-model.ts';
import { LEAD_BUCKETS, newLeadState, type LeadState } from './lead-time-bandit.ts';
import { newVisitState, type StoreVisits, type VisitState } from './visit-model.ts';

/** A nudge (or the holdout's would-be nudge) whose outcome is not known yet. */
export interface AwaitingOutcome {
  nudgeId: string;
  atMs: number;
  /** Lead bucket it fired at; null for the blanket policy. */
  leadBucket: number | null;
  holdout: boolean;
  /** The bandit already learned from it (the pack ran flat before any swap): a late swap still converts it, but teaches nothing. */
  learned?: boolean;
}

export interface CustomerNudgeState {
  readonly discharge: DischargeState;
  readonly visits: VisitState;
  readonly lead: LeadState;
  /** The pack this episode is about; null before the first reading or after a swap. */
  episodePackId: string | null;
  /** Episodes so far (seeds the lead-time draw, so each episode draws afresh). */
  episodes: number;
  /** A nudge (or the holdout's would-be nudge) went out this episode. */
  nudged: boolean;
  /** Suppression reasons already logged this episode, as bits of SUPPRESS_REASONS. */
  logged: number;
  /** Lead bucket drawn for this episode; -1 until drawn. */
  leadBucket: number;
  /** QUIET_HOURS: looked at again at this time; 0 when nothing is deferred. */
  deferredUntilMs: number;
  /** Not re-evaluated before this time (a due customer with no stock in reach is not looked up on every reading). */
  nextCheckMs: number;
  /** Last reported location, degrees; NaN when none. */
  lat: number;
  lon: number;
  /** Times of the nudges in the last 24 h (for the cap). */
  sentAtMs: number[];
  awaiting: AwaitingOutcome[];
}

export function newCustomerState(): CustomerNudgeState {
  return {
    discharge: newDischargeState(),
    visits: newVisitState(),
    lead: newLeadState(),
    episodePackId: null,
    episodes: 0,
    nudged: false,
    logged: 0,
    leadBucket: -1,
    deferredUntilMs: 0,
    nextCheckMs: 0,
    lat: Number.NaN,
    lon: Number.NaN,
    sentAtMs: [],
    awaiting: [],
  };
}

const VERSION = 1;
const FLOATS = 2 * HOURS_PER_WEEK;
const SCALARS = 8;
const FIXED = 4 + FLOATS * 4 + HOURS_PER_WEEK * 2 + LEAD_BUCKETS * 4 + SCALARS * 8;

/** The learned models of one customer as bytes (little-endian), to keep across restarts. */
export function encodeModels(s: CustomerNudgeState): Uint8Array {
  const tail = new TextEncoder().encode(JSON.stringify({ p: s.discharge.lastPackId, s: s.visits.stores }));
  const buf = new ArrayBuffer(FIXED + tail.length);
  const v = new DataView(buf);
  let o = 0;
  v.setUint32(o, VERSION, true);
  o += 4;
  for (let h = 0; h < HOURS_PER_WEEK; h++, o += 4) v.setFloat32(o, s.discharge.ratePctPerH[h] as number, true);
  for (let h = 0; h < HOURS_PER_WEEK; h++, o += 4) v.setFloat32(o, s.discharge.weightH[h] as number, true);
  for (let h = 0; h < HOURS_PER_WEEK; h++, o += 2) v.setUint16(o, s.visits.swapsByHour[h] as number, true);
  for (let b = 0; b < LEAD_BUCKETS; b++, o += 2) v.setUint16(o, s.lead.sent[b] as number, true);
  for (let b = 0; b < LEAD_BUCKETS; b++, o += 2) v.setUint16(o, s.lead.converted[b] as number, true);
  const scalars = [s.visits.swaps, s.visits.swapSocPct, s.visits.swapSocCount, s.discharge.lastSocPct, s.discharge.lastAtMs, s.lat, s.lon, s.episodes];
  for (const x of scalars) {
    v.setFloat64(o, x, true);
    o += 8;
  }
  new Uint8Array(buf, o).set(tail);
  return new Uint8Array(buf);
}

/** The models back from encodeModels; null when the bytes are not ours (a newer version, or damage). */
export function decodeModels(bytes: Uint8Array): CustomerNudgeState | null {
  if (bytes.length < FIXED) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (v.getUint32(0, true) !== VERSION) return null;
  const s = newCustomerState();
  let o = 4;
  for (let h = 0; h < HOURS_PER_WEEK; h++, o += 4) s.discharge.ratePctPerH[h] = v.getFloat32(o, true);
  for (let h = 0; h < HOURS_PER_WEEK; h++, o += 4) s.discharge.weightH[h] = v.getFloat32(o, true);
  for (let h = 0; h < HOURS_PER_WEEK; h++, o += 2) s.visits.swapsByHour[h] = v.getUint16(o, true);
  for (let b = 0; b < LEAD_BUCKETS; b++, o += 2) s.lead.sent[b] = v.getUint16(o, true);
  for (let b = 0; b < LEAD_BUCKETS; b++, o += 2) s.lead.converted[b] = v.getUint16(o, true);
  const x: number[] = [];
  for (let i = 0; i < SCALARS; i++, o += 8) x.push(v.getFloat64(o, true));
  [s.visits.swaps, s.visits.swapSocPct, s.visits.swapSocCount, s.discharge.lastSocPct, s.discharge.lastAtMs, s.lat, s.lon, s.episodes] = x as [number, number, number, number, number, number, number, number];
  try {
    const tail = JSON.parse(new TextDecoder().decode(bytes.subarray(o))) as { p: string | null; s: StoreVisits[] };
    s.discharge.lastPackId = typeof tail.p === 'string' ? tail.p : null;
    s.visits.stores = Array.isArray(tail.s) ? tail.s.filter((e) => typeof e?.storeId === 'string').map((e) => ({ storeId: e.storeId, weight: Number(e.weight) || 0, swaps: Number(e.swaps) || 0, lastAtMs: Number(e.lastAtMs) || 0 })) : [];
  } catch {
    return null;
  }
  return s;
}
