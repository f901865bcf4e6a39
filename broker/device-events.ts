// Typed device connect/disconnect events. Each listener is wrapped so that one that throws is
// logged and cannot break the broker's connect path or the other listeners (zigbee2mqtt eventBus).
import type { Logger } from 'pino';
import type { DeviceKind } from '../domain/topics.ts';

export type DeviceEventName = 'deviceConnected' | 'deviceDisconnected';
export type DeviceListener = (deviceId: string, kind: DeviceKind) => void;

export class DeviceEvents {
  private readonly listeners: Record<DeviceEventName, DeviceListener[]> = { deviceConnected: [], deviceDisconnected: [] };

  constructor(private readonly log: Logger) {}

  on(event: DeviceEventName, fn: DeviceListener): void {
    this.listeners[event].push(fn);
  }

  emit(event: DeviceEventName, deviceId: string, kind: DeviceKind): void {
    for (const fn of this.listeners[event]) {
      try {
        fn(deviceId, kind);
      } catch (err) {
        this.log.error({ err, event, deviceId }, 'device event listener threw');
      }
    }
  }
}
