// Model state becomes fleet.v1 messages that decode to what the model holds, and decoded commands
// drive the kiosk model: the seam a device wrapper uses to put the simulator on MQTT.
import { describe, expect, it } from 'vitest';
import {
  decodeKioskCommand,
  decodeKioskEvent,
  decodeKioskStatus,
  decodePackTelemetry,
  encodeKioskCommand,
  encodeKioskEvent,
  encodeKioskStatus,
  encodePackTelemetry,
  PackState,
  SlotState,
  toNum,
} from '../../proto/codec.ts';
import { MODE_CARRIED } from '../../firmware-sim/battery-model.ts';
import { PackBank } from '../../firmware-sim/pack-bank.ts';
import { DeviceOutbox } from '../../firmware-sim/device-outbox.ts';
import { KioskModel } from '../../firmware-sim/kiosk-model.ts';
import { commandFromProto, kioskEventProps, kioskStatusProps, packTelemetryProps } from '../../firmware-sim/messages.ts';
import { Rng } from '../../firmware-sim/rng.ts';

const NOW = Date.UTC(2025, 0, 6, 9);

describe('model to fleet.v1', () => {
  it('pack telemetry decodes to the pack state, with the outbox header and a coarse location', () => {
    const bank = new PackBank(4);
    bank.mode[2] = MODE_CARRIED;
    bank.soc[2] = 0.8;
    bank.outMa[2] = 2000;
    bank.chargedMah[2] = 123.5 * 2600;
    bank.stepAll(NOW, 60_000);
    const ob = new DeviceOutbox({ rng: new Rng('pk-000002'), firmware: 'pack-fw 2.4.1' });
    const header = ob.nextHeader(NOW);
    const msg = decodePackTelemetry(encodePackTelemetry(packTelemetryProps(bank, 2, header, { lat: 51.50741, lon: -0.12784 })));
    expect(msg.header).toMatchObject({ bootId: ob.bootId, seq: 1, firmware: 'pack-fw 2.4.1' });
    expect(toNum(msg.header.sentAtMs)).toBe(NOW);
    expect(msg.socPct).toBeCloseTo((bank.soc[2] as number) * 100, 1);
    expect(msg.currentMa).toBeLessThan(-2000);
    expect(msg.state).toBe(PackState.PACK_STATE_DISCHARGING);
    expect(msg.cycles).toBe(123);
    expect(msg.voltageMv).toBeGreaterThan(3500);
    expect(msg.location?.latE7).toBe(515070000);
    expect(msg.location?.lonE7).toBe(-1280000);
  });

  it('kiosk status carries every slot with its state, pack and charge current', () => {
    const bank = new PackBank(3);
    const kiosk = new KioskModel(bank, 0, 'ki-00000', new Rng(1), { failedReleaseProb: 0 }, NOW);
    bank.soc[0] = 1;
    bank.soc[1] = 0.4;
    kiosk.insert(0, NOW);
    kiosk.insert(1, NOW);
    bank.stepAll(NOW + 60_000, 60_000);
    const ob = new DeviceOutbox({ rng: new Rng('ki-00000'), firmware: 'kiosk-fw 1.0' });
    const st = decodeKioskStatus(encodeKioskStatus(kioskStatusProps(kiosk, ob.nextHeader(NOW + 60_000))));
    expect(st.slots).toHaveLength(12);
    expect(st.slots[0]).toMatchObject({ index: 0, state: SlotState.SLOT_STATE_READY, packId: 'pk-000000' });
    expect(st.slots[1]).toMatchObject({ state: SlotState.SLOT_STATE_CHARGING, packId: 'pk-000001' });
    expect(st.slots[1]?.chargeCurrentMa).toBeGreaterThan(1000);
    expect(st.slots[2]?.state).toBe(SlotState.SLOT_STATE_EMPTY);
    expect(st.mainsPower).toBe(true);
  });

  it('a decoded release command runs on the kiosk, and its events encode with the command id', () => {
    const bank = new PackBank(1);
    const kiosk = new KioskModel(bank, 0, 'ki-00000', new Rng(1), { failedReleaseProb: 0, stuckSlotPerDay: 0 }, NOW);
    kiosk.insert(0, NOW, 'rq-1');
    const wire = encodeKioskCommand({ commandId: 'cmd-9', issuedAtMs: NOW, expiresAtMs: NOW + 60_000, release: { slot: 0, packId: 'pk-000000', requestId: 'rq-2' } });
    const input = commandFromProto(decodeKioskCommand(wire));
    expect(input).toEqual({ commandId: 'cmd-9', issuedAtMs: NOW, expiresAtMs: NOW + 60_000, action: { kind: 'release', slot: 0, packId: 'pk-000000', requestId: 'rq-2' } });
    expect(kiosk.execute(input!, NOW + 1_000).outcome).toBe('done');
    const ob = new DeviceOutbox({ rng: new Rng('ki'), firmware: 'kiosk-fw 1.0' });
    const decoded = kiosk.takeEvents().map((ev) => decodeKioskEvent(encodeKioskEvent(kioskEventProps(ev, ob.nextHeader(ev.atMs)))));
    expect(decoded.map((e) => e.event)).toEqual(['packInserted', 'packReleased']);
    expect(decoded[0]?.packInserted).toMatchObject({ slot: 0, packId: 'pk-000000', requestId: 'rq-1' });
    expect(decoded[1]?.packReleased).toMatchObject({ slot: 0, packId: 'pk-000000', commandId: 'cmd-9' });
    expect(decoded.map((e) => toNum(e.header.seq))).toEqual([1, 2]);
  });
});
