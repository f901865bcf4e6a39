// The one place bytes become typed fleet.v1 messages (or a typed DecodeError), and back.
import protobuf from 'protobufjs/minimal.js';
import { fleet } from './gen/fleet.js';

// 64-bit fields (seq, *_ms) decode as plain numbers: every value we carry fits in 2^53,
// and Long objects would cost an allocation per field on the ingest hot path.
(protobuf.util as { Long: unknown }).Long = null;
protobuf.configure();
// Prototype defaults of 64-bit fields were built as Long when proto/gen loaded, before Long was
// switched off above; an absent field (seq 0, no hold) would otherwise decode as a Long object.
for (const ctor of Object.values(fleet.v1)) {
  if (typeof ctor !== 'function') continue;
  const proto = ctor.prototype as unknown as Record<string, unknown>;
  for (const key of Object.keys(proto)) {
    const v = proto[key];
    if (v !== null && typeof v === 'object' && 'low' in v && 'high' in v) proto[key] = 0;
  }
}

export const v1 = fleet.v1;
export type Header = fleet.v1.Header;
export type PackTelemetry = fleet.v1.PackTelemetry;
export type KioskStatus = fleet.v1.KioskStatus;
export type Slot = fleet.v1.Slot;
export type KioskEvent = fleet.v1.KioskEvent;
export type SwapRequest = fleet.v1.SwapRequest;
export type SwapDecision = fleet.v1.SwapDecision;
export type KioskCommand = fleet.v1.KioskCommand;
export type Nudge = fleet.v1.Nudge;
export const PackState = fleet.v1.PackState;
export const PackFaultBit = fleet.v1.PackFaultBit;
export const SlotState = fleet.v1.SlotState;
export const DoorState = fleet.v1.DoorState;
export const SwapReason = fleet.v1.SwapReason;

/** Why a payload could not be decoded. */
export type DecodeErrorCode = 'TRUNCATED' | 'WIRE_FORMAT' | 'MISSING_HEADER' | 'EMPTY';

export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  constructor(
    readonly code: DecodeErrorCode,
    readonly messageType: string,
    detail: string,
  ) {
    super(`${messageType}: ${detail}`);
  }
}

interface Decoder<T> {
  decode(reader: Uint8Array): T;
}

function decodeWith<T>(type: Decoder<T>, name: string, bytes: Uint8Array): T {
  try {
    return type.decode(bytes);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new DecodeError(/index out of range/.test(msg) ? 'TRUNCATED' : 'WIRE_FORMAT', name, msg);
  }
}

/** Protobuf wire types: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32 (3 and 4 are groups). */
type WireType = 0 | 1 | 2 | 5;

/**
 * The wire type of every top-level field of each uplink message, as the .proto declares it
 * (tests/unit/codec.test.ts checks this table against the .proto files). protobufjs' generated
 * decoders read a field by its number without looking at its wire type, so a KioskStatus sent on a
 * pack topic (field 2: repeated Slot, length-delimited) would decode as a PackTelemetry whose
 * field 2 (soc_pct, fixed32) read four bytes of a slot. Checking the tags first makes such a
 * payload a DecodeError. Unknown field numbers stay allowed: newer firmware may add fields.
 */
export const UPLINK_WIRE_TYPES: Readonly<Record<'PackTelemetry' | 'KioskStatus' | 'KioskEvent' | 'SwapRequest', Readonly<Record<number, WireType>>>> = {
  PackTelemetry: { 1: 2, 2: 5, 3: 0, 4: 0, 5: 5, 6: 0, 7: 5, 8: 0, 9: 0, 10: 2 },
  KioskStatus: { 1: 2, 2: 2, 3: 0, 4: 0, 5: 0 },
  KioskEvent: { 1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2 },
  SwapRequest: { 1: 2, 2: 2, 3: 2, 4: 2, 5: 0 },
};

/** Walks the top-level tags of `bytes` and throws WIRE_FORMAT when a known field has another wire type. */
function checkWireTypes(bytes: Uint8Array, name: keyof typeof UPLINK_WIRE_TYPES): void {
  const expected = UPLINK_WIRE_TYPES[name];
  const n = bytes.length;
  let i = 0;
  const varint = (): number => {
    let value = 0;
    let mul = 1;
    for (let k = 0; k < 10; k++) {
      if (i >= n) throw new DecodeError('TRUNCATED', name, 'varint runs past the end');
      const b = bytes[i++]!;
      value += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return value;
      mul *= 128;
    }
    throw new DecodeError('WIRE_FORMAT', name, 'varint longer than 10 bytes');
  };
  while (i < n) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0) throw new DecodeError('WIRE_FORMAT', name, 'field number 0');
    const want = expected[field];
    if (want !== undefined && want !== wire) throw new DecodeError('WIRE_FORMAT', name, `field ${field} has wire type ${wire}, the contract says ${want}`);
    if (wire === 0) varint();
    else if (wire === 1) i += 8;
    else if (wire === 2) {
      const len = varint(); // read first: `i += varint()` would add to the old i
      i += len;
    }
    else if (wire === 5) i += 4;
    else throw new DecodeError('WIRE_FORMAT', name, `field ${field} has wire type ${wire}, which the contract never uses`);
    if (i > n) throw new DecodeError('TRUNCATED', name, `field ${field} runs past the end`);
  }
}

/** Uplink messages must carry field 1 Header; an empty payload or no header is an error. */
function requireHeader<T extends { header?: unknown }>(msg: T, name: string, bytes: Uint8Array): T & { header: Header } {
  if (bytes.length === 0) throw new DecodeError('EMPTY', name, 'empty payload');
  if (msg.header == null) throw new DecodeError('MISSING_HEADER', name, 'field 1 header is missing');
  return msg as T & { header: Header };
}

export function decodePackTelemetry(bytes: Uint8Array): PackTelemetry & { header: Header } {
  checkWireTypes(bytes, 'PackTelemetry');
  return requireHeader(decodeWith(fleet.v1.PackTelemetry, 'PackTelemetry', bytes), 'PackTelemetry', bytes);
}
export function decodeKioskStatus(bytes: Uint8Array): KioskStatus & { header: Header } {
  checkWireTypes(bytes, 'KioskStatus');
  return requireHeader(decodeWith(fleet.v1.KioskStatus, 'KioskStatus', bytes), 'KioskStatus', bytes);
}
export function decodeKioskEvent(bytes: Uint8Array): KioskEvent & { header: Header } {
  checkWireTypes(bytes, 'KioskEvent');
  return requireHeader(decodeWith(fleet.v1.KioskEvent, 'KioskEvent', bytes), 'KioskEvent', bytes);
}
export function decodeSwapRequest(bytes: Uint8Array): SwapRequest & { header: Header } {
  checkWireTypes(bytes, 'SwapRequest');
  return requireHeader(decodeWith(fleet.v1.SwapRequest, 'SwapRequest', bytes), 'SwapRequest', bytes);
}
export function decodeSwapDecision(bytes: Uint8Array): SwapDecision {
  return decodeWith(fleet.v1.SwapDecision, 'SwapDecision', bytes);
}
export function decodeKioskCommand(bytes: Uint8Array): KioskCommand {
  return decodeWith(fleet.v1.KioskCommand, 'KioskCommand', bytes);
}
export function decodeNudge(bytes: Uint8Array): Nudge {
  return decodeWith(fleet.v1.Nudge, 'Nudge', bytes);
}

export function encodePackTelemetry(msg: fleet.v1.PackTelemetry.$Properties): Uint8Array {
  return fleet.v1.PackTelemetry.encode(msg).finish();
}
export function encodeKioskStatus(msg: fleet.v1.KioskStatus.$Properties): Uint8Array {
  return fleet.v1.KioskStatus.encode(msg).finish();
}
export function encodeKioskEvent(msg: fleet.v1.KioskEvent.$Properties): Uint8Array {
  return fleet.v1.KioskEvent.encode(msg).finish();
}
export function encodeSwapRequest(msg: fleet.v1.SwapRequest.$Properties): Uint8Array {
  return fleet.v1.SwapRequest.encode(msg).finish();
}
export function encodeSwapDecision(msg: fleet.v1.SwapDecision.$Properties): Uint8Array {
  return fleet.v1.SwapDecision.encode(msg).finish();
}
export function encodeKioskCommand(msg: fleet.v1.KioskCommand.$Properties): Uint8Array {
  return fleet.v1.KioskCommand.encode(msg).finish();
}
export function encodeNudge(msg: fleet.v1.Nudge.$Properties): Uint8Array {
  return fleet.v1.Nudge.encode(msg).finish();
}

/** Reads a number out of a decoded 64-bit field (number, or Long if another module reconfigured protobufjs). */
export function toNum(v: number | { toNumber(): number } | null | undefined): number {
  if (v == null) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}
