// proto/codec.ts: every fleet.v1 message survives encode → decode unchanged, 64-bit fields come
// back as plain numbers, and bad bytes always turn into a typed DecodeError, never a crash.
import { describe, expect, it } from 'vitest';
import {
  DecodeError,
  DoorState,
  PackState,
  SlotState,
  SwapReason,
  decodeKioskCommand,
  decodeKioskEvent,
  decodeKioskStatus,
  decodeNudge,
  decodePackTelemetry,
  decodeSwapDecision,
  decodeSwapRequest,
  encodeKioskCommand,
  encodeKioskEvent,
  encodeKioskStatus,
  encodeNudge,
  encodePackTelemetry,
  encodeSwapDecision,
  encodeSwapRequest,
  toNum,
  UPLINK_WIRE_TYPES,
} from '../../proto/codec.ts';
import { join } from 'node:path';
import protobufFull from 'protobufjs';

const PROTO_DIR = join(import.meta.dirname, '../../proto');
import type { DecodeErrorCode } from '../../proto/codec.ts';

const ABOVE_2_32 = 2 ** 40 + 7;
const AT_MS = 1_767_225_600_123; // 2026-01-01, well above 2^32
const header = { bootId: 0xdeadbeef, seq: ABOVE_2_32, sentAtMs: AT_MS, firmware: 'pack-fw 2.4.1' };

const telemetry = {
  header,
  socPct: 87.5,
  voltageMv: 3_912,
  currentMa: -1_250,
  tempC: 31.25,
  cycles: 142,
  sohPct: 96.5,
  state: PackState.PACK_STATE_DISCHARGING,
  faultFlags: 0,
  location: { latE7: 515_072_000, lonE7: -1_275_000, accuracyM: 250 },
};
const { location: _location, ...withoutLocation } = telemetry;
const status = {
  header,
  slots: [
    { index: 0, state: SlotState.SLOT_STATE_READY, packId: 'P-000001', socPct: 100, tempC: 24.5, chargeCurrentMa: 0, faultCode: 0 },
    { index: 1, state: SlotState.SLOT_STATE_CHARGING, packId: 'P-000002', socPct: 42.75, tempC: 33, chargeCurrentMa: 1_800, faultCode: 0 },
    { index: 2, state: SlotState.SLOT_STATE_FAULT, packId: '', socPct: 0, tempC: -5.5, chargeCurrentMa: -20, faultCode: 17 },
  ],
  mainsPower: true,
  door: DoorState.DOOR_STATE_CLOSED,
  signalDbm: -87,
};

interface RoundTrip {
  name: string;
  input: object;
  roundTrip: () => unknown;
  /** Paths of 64-bit fields that must decode as plain numbers. */
  longs: (decoded: any) => unknown[];
}

function rt<T extends object>(name: string, input: T, enc: (m: T) => Uint8Array, dec: (b: Uint8Array) => unknown, longs: (d: any) => unknown[]): RoundTrip {
  return { name, input, roundTrip: () => dec(enc(input)), longs };
}

const headerLongs = (d: any) => [d.header.seq, d.header.sentAtMs];

const ROUND_TRIPS: RoundTrip[] = [
  rt('PackTelemetry', telemetry, encodePackTelemetry, decodePackTelemetry, headerLongs),
  rt('PackTelemetry without location', { ...withoutLocation, state: PackState.PACK_STATE_FAULT, faultFlags: 0b101 }, encodePackTelemetry, decodePackTelemetry, headerLongs),
  rt('KioskStatus', status, encodeKioskStatus, decodeKioskStatus, headerLongs),
  rt('KioskEvent pack inserted', { header, packInserted: { slot: 3, packId: 'P-9', requestId: 'R-1' } }, encodeKioskEvent, decodeKioskEvent, headerLongs),
  rt('KioskEvent pack released', { header, packReleased: { slot: 4, packId: 'P-8', commandId: 'C-1' } }, encodeKioskEvent, decodeKioskEvent, headerLongs),
  rt('KioskEvent release failed', { header, releaseFailed: { slot: 4, packId: 'P-8', commandId: 'C-2', reason: 'latch_stuck' } }, encodeKioskEvent, decodeKioskEvent, headerLongs),
  rt('KioskEvent fault', { header, fault: { slot: 0, faultCode: 9, detail: 'fan' } }, encodeKioskEvent, decodeKioskEvent, headerLongs),
  rt('KioskEvent door', { header, door: { door: DoorState.DOOR_STATE_FORCED } }, encodeKioskEvent, decodeKioskEvent, headerLongs),
  rt('SwapRequest', { header, requestId: 'R-42', customerToken: 'tok_abc', returnedPackId: 'P-7', returnedSlot: 0 }, encodeSwapRequest, decodeSwapRequest, headerLongs),
  rt('SwapRequest first issue', { header, requestId: 'R-43', customerToken: 'tok_def', returnedPackId: '' }, encodeSwapRequest, decodeSwapRequest, headerLongs),
  rt(
    'SwapDecision',
    {
      requestId: 'R-42', allowed: false, reasons: [SwapReason.SWAP_REASON_FAIR_USE_EXCEEDED, SwapReason.SWAP_REASON_RETURNED_PACK_RECALLED],
      slot: 2, packId: 'P-1', commandId: 'C-9', expiresAtMs: AT_MS + 30_000, message: 'Daily swap limit reached', decidedAtMs: AT_MS,
    },
    encodeSwapDecision, decodeSwapDecision, (d) => [d.expiresAtMs, d.decidedAtMs],
  ),
  ...(
    [
      ['release', { release: { slot: 2, packId: 'P-1', requestId: 'R-42' } }],
      ['lock', { lock: { slot: 5, reason: 'pack_hot' } }],
      ['unlock', { unlock: { slot: 5 } }],
      ['display', { display: { text: 'Back in 5 min', seconds: 300 } }],
      ['reboot', { reboot: {} }],
    ] as const
  ).map(([action, body]) =>
    rt(`KioskCommand ${action}`, { commandId: `C-${action}`, issuedAtMs: AT_MS, expiresAtMs: AT_MS + 60_000, ...body }, encodeKioskCommand, decodeKioskCommand, (d) => [d.issuedAtMs, d.expiresAtMs]),
  ),
  rt(
    'Nudge',
    {
      nudgeId: 'N-1', packId: 'P-3', packSocPct: 12.5, storeId: 'S-10', storeName: 'Oxford St', distanceM: 420, chargedPacks: 6,
      holdExpiresAtMs: AT_MS + 1_800_000, text: 'Your pack is at 12%.', sentAtMs: AT_MS, reasons: ['TIME_TO_EMPTY_BELOW_TRAVEL', 'USUAL_SWAP_HOUR'],
    },
    encodeNudge, decodeNudge, (d) => [d.holdExpiresAtMs, d.sentAtMs],
  ),
];

describe('codec round trip', () => {
  it.each(ROUND_TRIPS)('$name decodes to what was encoded', ({ input, roundTrip, longs }) => {
    const decoded = roundTrip();
    expect(decoded).toMatchObject(input);
    for (const v of longs(decoded)) {
      expect(typeof v).toBe('number');
      expect(v as number).toBeGreaterThan(2 ** 32);
    }
  });

  it.each([
    ['2^32 + 1', 2 ** 32 + 1],
    ['2^53 - 1', Number.MAX_SAFE_INTEGER],
    ['1', 1],
  ])('seq %s comes back exactly, as a number', (_label, seq) => {
    const d = decodePackTelemetry(encodePackTelemetry({ header: { ...header, seq } }));
    expect(d.header.seq).toBe(seq);
    expect(typeof d.header.seq).toBe('number');
  });

  // A 64-bit field left at 0 is not on the wire, so it reads the prototype default, which
  // proto/gen/fleet.js builds as a Long before codec.ts switches Long off; codec.ts resets them.
  it('seq 0 and *_ms 0 come back as the number 0, not Long', () => {
    const d = decodePackTelemetry(encodePackTelemetry({ header: { bootId: 1, seq: 0, sentAtMs: 0 } }));
    expect(d.header.seq).toBe(0);
    expect(d.header.sentAtMs).toBe(0);
    expect(decodeNudge(encodeNudge({ nudgeId: 'N', holdExpiresAtMs: 0 })).holdExpiresAtMs).toBe(0);
  });

  it('a negative device clock (int64) survives', () => {
    const d = decodeSwapRequest(encodeSwapRequest({ header: { ...header, sentAtMs: -1_000 }, requestId: 'R' }));
    expect(d.header.sentAtMs).toBe(-1_000);
    expect(toNum(d.header.sentAtMs)).toBe(-1_000);
  });

  it('a field sent with the wrong wire type is refused, never misread', () => {
    const good = encodePackTelemetry({ header, voltageMv: 3_900 });
    // voltage_mv (field 3, varint) sent as fixed32 (wire type 5): tag 0x1d + 4 bytes.
    const bytes = new Uint8Array([...good.subarray(0, good.length - 3), 0x1d, 0x01, 0x02, 0x03, 0x04]);
    expect(() => decodePackTelemetry(bytes)).toThrow(/field 3 has wire type 5, the contract says 0/);
  });

  it('a KioskStatus sent where a PackTelemetry belongs is a DecodeError, not a reading', () => {
    // Field 2 is soc_pct (fixed32) in PackTelemetry but repeated Slot (length-delimited) in KioskStatus:
    // without the wire-type check protobufjs read four bytes of the first slot as a float.
    let caught: unknown;
    try {
      decodePackTelemetry(encodeKioskStatus(status));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DecodeError);
    expect((caught as DecodeError).code).toBe('WIRE_FORMAT');
    // And the other way round.
    expect(() => decodeKioskStatus(encodePackTelemetry(telemetry))).toThrow(DecodeError);
  });

  it('unknown field numbers are still skipped (newer firmware may add fields)', () => {
    const good = encodePackTelemetry(telemetry);
    const d = decodePackTelemetry(new Uint8Array([...good, 0xa8, 0x06, 0x07])); // field 101, varint 7
    expect(d.socPct).toBe(telemetry.socPct);
  });

  it('the wire-type table agrees with the .proto files', () => {
    const root = new protobufFull.Root();
    // The .proto files import each other as fleet/v1/*.proto, relative to proto/.
    root.resolvePath = (_origin, target) => join(PROTO_DIR, target);
    root.loadSync(['pack.proto', 'kiosk.proto', 'swap.proto'].map((f) => `fleet/v1/${f}`));
    for (const [name, table] of Object.entries(UPLINK_WIRE_TYPES)) {
      const type = root.lookupType(`fleet.v1.${name}`);
      const fromProto: Record<number, number> = {};
      for (const f of type.fieldsArray) {
        f.resolve();
        // Messages and strings and repeated (packed or message) fields are length-delimited here.
        const wt = f.resolvedType instanceof protobufFull.Type || f.type === 'string' || f.type === 'bytes' || f.repeated ? 2 : ['float', 'fixed32', 'sfixed32'].includes(f.type) ? 5 : ['double', 'fixed64', 'sfixed64'].includes(f.type) ? 1 : 0;
        fromProto[f.id] = wt;
      }
      expect(table, name).toEqual(fromProto);
    }
  });
});

const uplinkDecoders = [
  ['PackTelemetry', decodePackTelemetry],
  ['KioskStatus', decodeKioskStatus],
  ['KioskEvent', decodeKioskEvent],
  ['SwapRequest', decodeSwapRequest],
] as const;
const allDecoders = [...uplinkDecoders, ['SwapDecision', decodeSwapDecision], ['KioskCommand', decodeKioskCommand], ['Nudge', decodeNudge]] as const;

const telemetryBytes = encodePackTelemetry(telemetry);
const statusBytes = encodeKioskStatus(status);

interface BadInput {
  name: string;
  type: string;
  decode: (b: Uint8Array) => unknown;
  bytes: Uint8Array;
  code: DecodeErrorCode;
}

const BAD_INPUTS: BadInput[] = [
  ...uplinkDecoders.map(([type, decode]) => ({ name: `${type}: empty payload`, type, decode, bytes: new Uint8Array(0), code: 'EMPTY' as const })),
  ...allDecoders.map(([type, decode]) => ({ name: `${type}: garbage 0xff × 16`, type, decode, bytes: new Uint8Array(16).fill(0xff), code: 'WIRE_FORMAT' as const })),
  { name: 'PackTelemetry: no header', type: 'PackTelemetry', decode: decodePackTelemetry, bytes: encodePackTelemetry({ socPct: 50, voltageMv: 3_700 }), code: 'MISSING_HEADER' },
  { name: 'KioskStatus: no header', type: 'KioskStatus', decode: decodeKioskStatus, bytes: encodeKioskStatus({ slots: status.slots }), code: 'MISSING_HEADER' },
  { name: 'KioskEvent: no header', type: 'KioskEvent', decode: decodeKioskEvent, bytes: encodeKioskEvent({ door: { door: DoorState.DOOR_STATE_OPEN } }), code: 'MISSING_HEADER' },
  { name: 'SwapRequest: no header', type: 'SwapRequest', decode: decodeSwapRequest, bytes: encodeSwapRequest({ requestId: 'R-1', customerToken: 't' }), code: 'MISSING_HEADER' },
  // Header (field 1, length-delimited) sent as a varint: skipped as unknown, so no header.
  { name: 'PackTelemetry: header with the wrong wire type', type: 'PackTelemetry', decode: decodePackTelemetry, bytes: new Uint8Array([0x08, 0x01, 0x15, 0, 0, 0x48, 0x42]), code: 'WIRE_FORMAT' },
  { name: 'PackTelemetry: wire type 7 (none exists)', type: 'PackTelemetry', decode: decodePackTelemetry, bytes: new Uint8Array([0x0f, 0x01]), code: 'WIRE_FORMAT' },
  { name: 'KioskStatus: wire type 6 (none exists)', type: 'KioskStatus', decode: decodeKioskStatus, bytes: new Uint8Array([0x16, 0x01]), code: 'WIRE_FORMAT' },
  { name: 'PackTelemetry: cut inside the header', type: 'PackTelemetry', decode: decodePackTelemetry, bytes: telemetryBytes.subarray(0, 5), code: 'TRUNCATED' },
  { name: 'PackTelemetry: cut inside a float', type: 'PackTelemetry', decode: decodePackTelemetry, bytes: telemetryBytes.subarray(0, telemetryBytes.length - 2), code: 'TRUNCATED' },
  { name: 'KioskStatus: cut inside a slot', type: 'KioskStatus', decode: decodeKioskStatus, bytes: statusBytes.subarray(0, statusBytes.length - 20), code: 'TRUNCATED' },
  { name: 'PackTelemetry: length prefix past the end', type: 'PackTelemetry', decode: decodePackTelemetry, bytes: new Uint8Array([0x0a, 0x20, 0x08, 0x01]), code: 'TRUNCATED' },
  { name: 'SwapDecision: unterminated varint', type: 'SwapDecision', decode: decodeSwapDecision, bytes: new Uint8Array([0x38, 0xff, 0xff]), code: 'TRUNCATED' },
];

describe('codec rejects bad payloads with a typed DecodeError', () => {
  it.each(BAD_INPUTS)('$name → $code', ({ type, decode, bytes, code }) => {
    let caught: unknown;
    try {
      decode(bytes);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DecodeError);
    const e = caught as DecodeError;
    expect(e.code).toBe(code);
    expect(e.messageType).toBe(type);
    expect(e.message.startsWith(`${type}: `)).toBe(true);
  });

  it('downlink messages have no header rule: an empty payload is an all-default message', () => {
    expect(decodeSwapDecision(new Uint8Array(0)).allowed).toBe(false);
    expect(decodeKioskCommand(new Uint8Array(0)).commandId).toBe('');
    expect(decodeNudge(new Uint8Array(0)).reasons).toEqual([]);
  });
});
