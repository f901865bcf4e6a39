// Command ledger records to fleet.v1.KioskCommand.
import type { fleet } from '../proto/gen/fleet.js';
import type { CommandRecord } from '../store/fleet-registry.ts';

export function commandToProto(c: CommandRecord): fleet.v1.KioskCommand.$Properties {
  const base = { commandId: c.commandId, issuedAtMs: c.issuedAtMs, expiresAtMs: c.expiresAtMs };
  const a = c.action;
  switch (a.kind) {
    case 'release':
      return { ...base, release: { slot: a.slot, packId: a.packId, requestId: a.requestId } };
    case 'lock':
      return { ...base, lock: { slot: a.slot, reason: a.reason } };
    case 'unlock':
      return { ...base, unlock: { slot: a.slot } };
    case 'display':
      return { ...base, display: { text: a.text, seconds: a.seconds } };
    case 'reboot':
      return { ...base, reboot: {} };
  }
}
