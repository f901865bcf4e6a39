// Model state to fleet.v1 message properties (ready for proto/codec.ts encode*), and decoded
// commands to kiosk-model input. The seam a device wrapper uses to put the models on MQTT.
import type { KioskCommand } from '../proto/codec.ts';
import type { fleet } from '../proto/gen/fleet.js';
import { toNum } from '../proto/codec.ts';
import type { PackBank } from './pack-bank.ts';
import type { OutboxHeader } from './device-outbox.ts';
import type { KioskCommandInput, KioskModel, KioskSimEvent } from './kiosk-model.ts';

type PackTelemetryProps = fleet.v1.PackTelemetry.$Properties;
type KioskStatusProps = fleet.v1.KioskStatus.$Properties;
type KioskEventProps = fleet.v1.KioskEvent.$Properties;

/** Coarse location: latitude and longitude in degrees, rounded to about 100 m as a phone's coarse fix. */
export interface CoarseLocation {
  lat: number;
  lon: number;
  accuracyM?: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** PackTelemetry for pack i of the bank. */
export function packTelemetryProps(bank: PackBank, i: number, header: OutboxHeader, location?: CoarseLocation): PackTelemetryProps {
  const msg: PackTelemetryProps = {
    header,
    socPct: round1((bank.soc[i] as number) * 100),
    voltageMv: bank.voltageMv(i),
    currentMa: Math.round(bank.currentMa[i] as number),
    tempC: round1(bank.tempC[i] as number),
    cycles: bank.cycles(i),
    sohPct: round1((bank.soh[i] as number) * 100),
    state: bank.state[i] as number,
    faultFlags: bank.faultFlags[i] as number,
  };
  if (location) {
    msg.location = {
      latE7: Math.round(Math.round(location.lat * 1000) * 1e4),
      lonE7: Math.round(Math.round(location.lon * 1000) * 1e4),
      accuracyM: location.accuracyM ?? 100,
    };
  }
  return msg;
}

/** KioskStatus from the kiosk's current status snapshot. */
export function kioskStatusProps(kiosk: KioskModel, header: OutboxHeader): KioskStatusProps {
  const st = kiosk.status();
  return { header, slots: st.slots, mainsPower: st.mainsPower, door: st.door, signalDbm: st.signalDbm };
}

/** KioskEvent for one simulated kiosk event. */
export function kioskEventProps(ev: KioskSimEvent, header: OutboxHeader): KioskEventProps {
  switch (ev.type) {
    case 'pack_inserted':
      return { header, packInserted: { slot: ev.slot, packId: ev.packId, requestId: ev.requestId } };
    case 'pack_released':
      return { header, packReleased: { slot: ev.slot, packId: ev.packId, commandId: ev.commandId } };
    case 'release_failed':
      return { header, releaseFailed: { slot: ev.slot, packId: ev.packId, commandId: ev.commandId, reason: ev.reason } };
    case 'fault':
      return { header, fault: { ...(ev.slot === null ? {} : { slot: ev.slot }), faultCode: ev.faultCode, detail: ev.detail } };
    case 'door':
      return { header, door: { door: ev.door } };
  }
}

/** A decoded KioskCommand as kiosk-model input; undefined when it carries no action we know. */
export function commandFromProto(cmd: KioskCommand): KioskCommandInput | undefined {
  const base = { commandId: cmd.commandId, issuedAtMs: toNum(cmd.issuedAtMs), expiresAtMs: toNum(cmd.expiresAtMs) };
  if (cmd.release) {
    const r = cmd.release;
    return { ...base, action: { kind: 'release', slot: r.slot ?? 0, packId: r.packId ?? '', requestId: r.requestId ?? '' } };
  }
  if (cmd.lock) return { ...base, action: { kind: 'lock', slot: cmd.lock.slot ?? 0, reason: cmd.lock.reason ?? '' } };
  if (cmd.unlock) return { ...base, action: { kind: 'unlock', slot: cmd.unlock.slot ?? 0 } };
  if (cmd.display) return { ...base, action: { kind: 'display', text: cmd.display.text ?? '', seconds: cmd.display.seconds ?? 0 } };
  if (cmd.reboot) return { ...base, action: { kind: 'reboot' } };
  return undefined;
}
