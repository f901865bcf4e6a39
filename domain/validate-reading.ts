// Turns a decoded uplink message into a stored reading, or a rejection with a reason code.
// Pure: the receive time and the limits are passed in.
import type { Header, KioskEvent, KioskStatus, PackTelemetry, Slot } from '../proto/codec.ts';
import { toNum } from '../proto/codec.ts';
import type { ErrorCode } from './errors.ts';
import type { KioskEventRecord, KioskEventType, KioskReading, PackReading, SlotReading } from './readings.ts';
import { isValidId } from './topics.ts';

export interface ValidationLimits {
  /** A device clock further than this ahead of the server is not trusted. */
  maxClockSkewMs: number;
  /** A reading older than this (device time) is not trusted either: devices replay offline backlogs, but not for months. */
  maxBackfillMs: number;
}

export interface Rejection {
  ok: false;
  reason: ErrorCode;
  detail: string;
}

export type Validated<T> = { ok: true; value: T } | Rejection;

const reject = (reason: ErrorCode, detail: string): Rejection => ({ ok: false, reason, detail });

/** Physical ranges. Wider than a healthy pack, narrower than nonsense. */
export const RANGES = {
  socPct: [0, 100],
  voltageMv: [0, 20_000],
  currentMa: [-20_000, 20_000],
  tempC: [-40, 125],
  cycles: [0, 100_000],
  // SoH estimators report slightly above 100 % on new cells.
  sohPct: [0, 110],
  state: [0, 63],
  slotIndex: [0, 255],
  signalDbm: [-200, 0],
  latE7: [-900_000_000, 900_000_000],
  lonE7: [-1_800_000_000, 1_800_000_000],
} as const satisfies Record<string, readonly [number, number]>;

type RangeName = keyof typeof RANGES;

function outOfRange(name: RangeName, v: number): string | null {
  const [lo, hi] = RANGES[name];
  // NaN fails both comparisons, so test for it explicitly.
  return Number.isFinite(v) && v >= lo && v <= hi ? null : `${name}=${v} outside [${lo}, ${hi}]`;
}

interface Timing {
  atMs: number;
  clockSuspect: boolean;
  bootId: number;
  seq: number;
  firmware: string;
}

function timing(h: Header, receivedAtMs: number, limits: ValidationLimits): Timing | Rejection {
  const seq = toNum(h.seq);
  if (!Number.isSafeInteger(seq) || seq < 0) return reject('CF_ERR_INGEST_OUT_OF_RANGE', `header.seq=${seq} is not a safe integer`);
  if (h.firmware.length > 64) return reject('CF_ERR_INGEST_OUT_OF_RANGE', 'header.firmware longer than 64 characters');
  const sentAtMs = toNum(h.sentAtMs);
  const suspect = sentAtMs > receivedAtMs + limits.maxClockSkewMs || sentAtMs < receivedAtMs - limits.maxBackfillMs;
  return { atMs: suspect ? receivedAtMs : sentAtMs, clockSuspect: suspect, bootId: h.bootId >>> 0, seq, firmware: h.firmware };
}

export function validatePackTelemetry(
  packId: string,
  m: PackTelemetry & { header: Header },
  receivedAtMs: number,
  limits: ValidationLimits,
): Validated<PackReading> {
  const t = timing(m.header, receivedAtMs, limits);
  if ('ok' in t) return t;
  const missing = missingPackField(m);
  if (missing) return reject('CF_ERR_INGEST_FIELD_MISSING', missing);
  const bad =
    outOfRange('socPct', m.socPct) ??
    outOfRange('voltageMv', m.voltageMv) ??
    outOfRange('currentMa', m.currentMa) ??
    outOfRange('tempC', m.tempC) ??
    outOfRange('cycles', m.cycles) ??
    outOfRange('sohPct', m.sohPct) ??
    outOfRange('state', m.state) ??
    (m.location ? (outOfRange('latE7', m.location.latE7 ?? 0) ?? outOfRange('lonE7', m.location.lonE7 ?? 0)) : null);
  if (bad) return reject('CF_ERR_INGEST_OUT_OF_RANGE', bad);
  const loc = m.location;
  return {
    ok: true,
    value: {
      packId,
      atMs: t.atMs,
      receivedAtMs,
      clockSuspect: t.clockSuspect,
      bootId: t.bootId,
      seq: t.seq,
      firmware: t.firmware,
      // float32 on the wire: round to what the sensor can mean, so 55.5 does not read back as 55.49999.
      socPct: round2(m.socPct),
      voltageMv: m.voltageMv,
      currentMa: m.currentMa,
      tempC: round2(m.tempC),
      cycles: m.cycles,
      sohPct: round2(m.sohPct),
      state: m.state,
      faultFlags: m.faultFlags >>> 0,
      latE7: loc ? (loc.latE7 ?? 0) : null,
      lonE7: loc ? (loc.lonE7 ?? 0) : null,
      accuracyM: loc ? (loc.accuracyM ?? 0) : null,
    },
  };
}

/**
 * proto3 cannot tell an absent scalar from a zero, so `0a 00` (an empty header and nothing else)
 * decodes as SoC 0, 0 mV, SoH 0, state UNSPECIFIED. A pack that can transmit has a terminal
 * voltage and a SoH estimate, and always knows its state: zero there means "not sent", and such a
 * reading must not become the pack's latest state (eligibility reads SoH, nudges read SoC).
 * SoC 0 stays legal: a flat pack says so.
 */
function missingPackField(m: PackTelemetry): string | null {
  if (m.state === 0) return 'state is PACK_STATE_UNSPECIFIED (absent)';
  if (m.voltageMv === 0) return 'voltage_mv is 0 (absent)';
  if (m.sohPct === 0) return 'soh_pct is 0 (absent)';
  return null;
}

export function validateKioskStatus(
  kioskId: string,
  m: KioskStatus & { header: Header },
  receivedAtMs: number,
  limits: ValidationLimits,
): Validated<KioskReading> {
  const t = timing(m.header, receivedAtMs, limits);
  if ('ok' in t) return t;
  if (m.slots.length > 256) return reject('CF_ERR_INGEST_OUT_OF_RANGE', `${m.slots.length} slots, at most 256`);
  const bad = outOfRange('signalDbm', m.signalDbm);
  if (bad) return reject('CF_ERR_INGEST_OUT_OF_RANGE', bad);
  const seen = new Set<number>();
  const slots: SlotReading[] = [];
  // Decoded repeated messages are full Slot instances (defaults on the prototype), not partial properties.
  for (const s of m.slots as Slot[]) {
    const badSlot = outOfRange('slotIndex', s.index) ?? outOfRange('socPct', s.socPct) ?? outOfRange('tempC', s.tempC) ?? outOfRange('currentMa', s.chargeCurrentMa) ?? outOfRange('state', s.state);
    if (badSlot) return reject('CF_ERR_INGEST_OUT_OF_RANGE', `slot ${s.index}: ${badSlot}`);
    if (seen.has(s.index)) return reject('CF_ERR_INGEST_OUT_OF_RANGE', `slot ${s.index} appears twice`);
    seen.add(s.index);
    if (s.packId !== '' && !isValidId(s.packId)) return reject('CF_ERR_INGEST_BAD_ID', `slot ${s.index}: pack id is invalid`);
    slots.push({ index: s.index, state: s.state, packId: s.packId, socPct: round2(s.socPct), tempC: round2(s.tempC), chargeCurrentMa: s.chargeCurrentMa, faultCode: s.faultCode >>> 0 });
  }
  slots.sort((a, b) => a.index - b.index);
  return {
    ok: true,
    value: { kioskId, atMs: t.atMs, receivedAtMs, clockSuspect: t.clockSuspect, bootId: t.bootId, seq: t.seq, firmware: t.firmware, mainsPower: m.mainsPower, door: m.door, signalDbm: m.signalDbm, slots },
  };
}

export function validateKioskEvent(
  kioskId: string,
  m: KioskEvent & { header: Header },
  receivedAtMs: number,
  limits: ValidationLimits,
): Validated<KioskEventRecord> {
  const t = timing(m.header, receivedAtMs, limits);
  if ('ok' in t) return t;
  const base = { kioskId, atMs: t.atMs, receivedAtMs, clockSuspect: t.clockSuspect, bootId: t.bootId, seq: t.seq };
  const ev = (type: KioskEventType, slot: number | null, packId: string, commandId: string, requestId: string, detail: string): Validated<KioskEventRecord> => {
    if (packId !== '' && !isValidId(packId)) return reject('CF_ERR_INGEST_BAD_ID', `${type}: pack id is invalid`);
    if (commandId.length > 64 || requestId.length > 64) return reject('CF_ERR_INGEST_BAD_ID', `${type}: command or request id longer than 64`);
    if (slot !== null && outOfRange('slotIndex', slot)) return reject('CF_ERR_INGEST_OUT_OF_RANGE', `${type}: slot ${slot} out of range`);
    return { ok: true, value: { ...base, type, slot, packId, commandId, requestId, detail: detail.slice(0, 256) } };
  };
  if (m.packInserted) return ev('pack_inserted', m.packInserted.slot ?? 0, m.packInserted.packId ?? '', '', m.packInserted.requestId ?? '', '');
  if (m.packReleased) return ev('pack_released', m.packReleased.slot ?? 0, m.packReleased.packId ?? '', m.packReleased.commandId ?? '', '', '');
  if (m.releaseFailed) return ev('release_failed', m.releaseFailed.slot ?? 0, m.releaseFailed.packId ?? '', m.releaseFailed.commandId ?? '', '', m.releaseFailed.reason ?? '');
  if (m.fault) return ev('fault', m.fault.slot ?? null, '', '', '', `code=${m.fault.faultCode ?? 0} ${m.fault.detail ?? ''}`.trim());
  if (m.door) return ev('door', null, '', '', '', String(m.door.door ?? 0));
  return reject('CF_ERR_INGEST_DECODE', 'KioskEvent carries no event');
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

export interface ValidSwapRequest {
  requestId: string;
  customerToken: string;
  returnedPackId: string | null;
  returnedSlot: number | null;
}

/** A swap request's ids are checked here; whether the customer may swap is eligibility's job. */
export function validateSwapRequest(m: { requestId: string; customerToken: string; returnedPackId: string; returnedSlot?: number | null }): Validated<ValidSwapRequest> {
  if (m.requestId.length === 0 || m.requestId.length > 64) return reject('CF_ERR_INGEST_BAD_ID', 'request_id must be 1-64 characters');
  if (m.customerToken.length === 0 || m.customerToken.length > 256) return reject('CF_ERR_INGEST_BAD_ID', 'customer_token must be 1-256 characters');
  if (m.returnedPackId !== '' && !isValidId(m.returnedPackId)) return reject('CF_ERR_INGEST_BAD_ID', 'returned_pack_id is invalid');
  const slot = m.returnedSlot ?? null;
  if (slot !== null && outOfRange('slotIndex', slot)) return reject('CF_ERR_INGEST_OUT_OF_RANGE', `returned_slot ${slot} out of range`);
  return { ok: true, value: { requestId: m.requestId, customerToken: m.customerToken, returnedPackId: m.returnedPackId === '' ? null : m.returnedPackId, returnedSlot: slot } };
}
