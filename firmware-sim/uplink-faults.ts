// Bad-network faults applied to what simulated devices publish, one message at a time: damaged
// payloads (always detectably damaged), deliberate second copies (same boot id and seq), and
// messages held back behind the device's next one to three messages.
import type { NetworkFaults } from './scenarios.ts';
import { corruptPayload } from './network-faults.ts';
import type { Rng } from './rng.ts';
import type { UplinkKind, UplinkMessage } from './device-link.ts';

export interface UplinkFaultTally {
  corrupted: number;
  duplicated: number;
  reordered: number;
}

/**
 * Which kinds each fault touches, and why:
 * - corrupt: telemetry and status. The next report supersedes a lost one; a damaged event or swap
 *   request would need a checksum the contract does not have, and would leave a customer stranded.
 * - reorder: telemetry (held behind the pack's next readings) and events (moved later within the
 *   kiosk's burst). A kiosk's status reports are its record of what is in its slots and the server
 *   applies them in arrival order, so they are never moved (firmware-sim/README.md, bad-network).
 * - duplicate: every kind; the server must dedupe all of them.
 */
const CORRUPTIBLE: ReadonlySet<UplinkKind> = new Set(['telemetry', 'status']);
const REORDERABLE: ReadonlySet<UplinkKind> = new Set(['telemetry', 'event']);

/** Most attempts at a damage that fails to decode before falling back to a truncated field. */
const MAX_DAMAGE_TRIES = 8;
/** Field 1 (the header), length-delimited, its length varint cut short: never decodes. */
const TRUNCATED_HEADER = Uint8Array.of(0x0a, 0xff);

/**
 * A damaged copy that the server can tell is damaged (decoding fails). A flip that still decodes
 * is something no receiver could detect without a checksum, so the simulator does not send it.
 */
export function detectableCorruption(bytes: Uint8Array, rng: Rng, decodes: (b: Uint8Array) => boolean): Uint8Array {
  for (let i = 0; i < MAX_DAMAGE_TRIES; i++) {
    const c = corruptPayload(bytes, rng);
    if (!decodes(c)) return c;
  }
  return TRUNCATED_HEADER;
}

export class UplinkFaults {
  readonly tally: UplinkFaultTally = { corrupted: 0, duplicated: 0, reordered: 0 };
  private readonly held: (UplinkMessage | undefined)[] = [];
  private readonly heldFor: number[] = [];
  readonly active: boolean;

  constructor(
    private readonly f: NetworkFaults,
    private readonly rng: Rng,
    /** Whether bytes of this kind decode (the codec's decode for that message type). */
    private readonly decodes: (kind: UplinkKind, bytes: Uint8Array) => boolean,
  ) {
    this.active = f.corruptRate > 0 || f.duplicateRate > 0 || f.reorderRate > 0;
  }

  /**
   * The messages a pack puts on the wire now for one reading it made, in order. A reading held back
   * goes out after the pack's next one to three readings.
   */
  apply(dev: number, msg: UplinkMessage): UplinkMessage[] {
    if (!this.active) return [msg];
    const m = this.damage(msg);
    if (REORDERABLE.has(m.payload.kind) && this.held[dev] === undefined && this.rng.chance(this.f.reorderRate)) {
      this.held[dev] = m;
      this.heldFor[dev] = 1 + this.rng.int(0, 3);
      this.tally.reordered++;
      return [];
    }
    const out = [m];
    this.maybeDuplicate(m, out);
    const h = this.held[dev];
    if (h !== undefined && --this.heldFor[dev]! <= 0) {
      out.push(h);
      this.held[dev] = undefined;
    }
    return out;
  }

  /**
   * What a kiosk puts on the wire for one burst (its events, then a status). Events may move one to
   * three places later within the burst, never into a later one: a release reported a minute late
   * would arrive after its command expired, which a real cabinet's retry would not cause either.
   */
  applyBatch(msgs: readonly UplinkMessage[]): UplinkMessage[] {
    if (!this.active) return [...msgs];
    const out: UplinkMessage[] = [];
    for (const msg of msgs) {
      const m = this.damage(msg);
      out.push(m);
      this.maybeDuplicate(m, out);
    }
    for (let i = out.length - 2; i >= 0; i--) {
      if (!REORDERABLE.has(out[i]!.payload.kind) || !this.rng.chance(this.f.reorderRate)) continue;
      const j = Math.min(out.length - 1, i + 1 + this.rng.int(0, 3));
      const [moved] = out.splice(i, 1);
      out.splice(j, 0, moved!);
      this.tally.reordered++;
    }
    return out;
  }

  private damage(msg: UplinkMessage): UplinkMessage {
    const kind = msg.payload.kind;
    if (!CORRUPTIBLE.has(kind) || !this.rng.chance(this.f.corruptRate)) return msg;
    const bytes = detectableCorruption(msg.payload.bytes, this.rng, (b) => this.decodes(kind, b));
    this.tally.corrupted++;
    return { ...msg, payload: { ...msg.payload, bytes, corrupt: true } };
  }

  private maybeDuplicate(m: UplinkMessage, out: UplinkMessage[]): void {
    if (!this.rng.chance(this.f.duplicateRate)) return;
    out.push({ ...m, payload: { ...m.payload, duplicate: true, sends: 0 } });
    this.tally.duplicated++;
  }

  /** Messages still held back, per device (at the end of a run they go out late). */
  release(): { dev: number; msg: UplinkMessage }[] {
    const out: { dev: number; msg: UplinkMessage }[] = [];
    this.held.forEach((m, dev) => {
      if (m !== undefined) out.push({ dev, msg: m });
    });
    this.held.length = 0;
    this.heldFor.length = 0;
    return out;
  }
}
