// A scripted kiosk over real MQTT: reports slots, asks for swaps, receives decisions and
// commands, and reports what it did. Tests drive it the way cabinet firmware would behave.
import type { MqttClient } from 'mqtt';
import { topics } from '../../domain/topics.ts';
import {
  decodeKioskCommand,
  decodeSwapDecision,
  encodeKioskEvent,
  encodeKioskStatus,
  encodeSwapRequest,
  type KioskCommand,
  type SwapDecision,
  v1,
} from '../../proto/codec.ts';
import { eventually } from './system.ts';

export interface SlotSpec {
  index: number;
  packId?: string;
  socPct?: number;
  tempC?: number;
  state?: number;
  faultCode?: number;
  chargeCurrentMa?: number;
}

export class ScriptedKiosk {
  readonly decisions: SwapDecision[] = [];
  readonly commands: KioskCommand[] = [];
  private seq = 0;
  readonly bootId = Math.floor(Math.random() * 2 ** 31);

  private constructor(
    readonly id: string,
    readonly client: MqttClient,
  ) {}

  static async attach(id: string, client: MqttClient): Promise<ScriptedKiosk> {
    const k = new ScriptedKiosk(id, client);
    client.on('message', (topic, payload) => {
      if (topic === topics.swapDecisions(id)) k.decisions.push(decodeSwapDecision(payload));
      else if (topic === topics.kioskCommands(id)) k.commands.push(decodeKioskCommand(payload));
    });
    const granted = await client.subscribeAsync([topics.swapDecisions(id), topics.kioskCommands(id)], { qos: 1 });
    if (granted.some((g) => g.qos === 128)) throw new Error(`kiosk ${id}: subscription refused`);
    return k;
  }

  private header(atMs = Date.now()) {
    return { bootId: this.bootId, seq: ++this.seq, sentAtMs: atMs, firmware: 'kiosk-test' };
  }

  async status(slots: SlotSpec[], opts: { door?: number; atMs?: number } = {}): Promise<void> {
    const payload = encodeKioskStatus({
      header: this.header(opts.atMs),
      mainsPower: true,
      door: opts.door ?? v1.DoorState.DOOR_STATE_CLOSED,
      signalDbm: -70,
      slots: slots.map((s) => ({
        index: s.index,
        packId: s.packId ?? '',
        socPct: s.socPct ?? 0,
        tempC: s.tempC ?? 25,
        faultCode: s.faultCode ?? 0,
        chargeCurrentMa: s.chargeCurrentMa ?? 0,
        state: s.state ?? (s.packId ? ((s.socPct ?? 0) >= 90 ? v1.SlotState.SLOT_STATE_READY : v1.SlotState.SLOT_STATE_CHARGING) : v1.SlotState.SLOT_STATE_EMPTY),
      })),
    });
    await this.client.publishAsync(topics.kioskStatus(this.id), Buffer.from(payload), { qos: 1 });
  }

  /** Publishes a swap request and waits for its decision. */
  async ask(requestId: string, customerToken: string, returned?: { packId: string; slot: number }): Promise<SwapDecision> {
    await this.send(requestId, customerToken, returned);
    return eventually(() => this.decisions.find((d) => d.requestId === requestId), 5000, `decision for ${requestId}`);
  }

  async send(requestId: string, customerToken: string, returned?: { packId: string; slot: number }): Promise<void> {
    const payload = encodeSwapRequest({ header: this.header(), requestId, customerToken, returnedPackId: returned?.packId ?? '', ...(returned ? { returnedSlot: returned.slot } : {}) });
    await this.client.publishAsync(topics.swapRequests(this.id), Buffer.from(payload), { qos: 1 });
  }

  releaseCommandFor(requestId: string): KioskCommand | undefined {
    return this.commands.find((c) => c.release?.requestId === requestId);
  }

  async released(slot: number, packId: string, commandId: string): Promise<void> {
    await this.event({ packReleased: { slot, packId, commandId } });
  }

  async releaseFailed(slot: number, packId: string, commandId: string, reason: string): Promise<void> {
    await this.event({ releaseFailed: { slot, packId, commandId, reason } });
  }

  async inserted(slot: number, packId: string, requestId = ''): Promise<void> {
    await this.event({ packInserted: { slot, packId, requestId } });
  }

  private async event(e: object): Promise<void> {
    await this.client.publishAsync(topics.kioskEvents(this.id), Buffer.from(encodeKioskEvent({ header: this.header(), ...e })), { qos: 1 });
  }
}
