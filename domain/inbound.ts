// What the device edge hands to the ingest pipeline, whatever the source: the in-process aedes
// hook by default, or an MQTT subscription to another broker. broker/ and ingest/ both speak this
// shape without importing each other; app/ connects them.
import type { DeviceKind } from './topics.ts';

export interface InboundMessage {
  /** The authenticated device (MQTT user name = client id = device id). */
  deviceId: string;
  deviceKind: DeviceKind;
  topic: string;
  payload: Buffer;
  qos: 0 | 1 | 2;
  /** True when the broker saw the MQTT DUP flag. */
  dup: boolean;
}

/**
 * Called once per message. `ack()` means the message is durable (committed, or quarantined):
 * the broker may now send PUBACK. `ack(err)` means it is NOT durable: the broker must not send
 * PUBACK and closes the connection, so the device keeps the message and sends it again.
 */
export type InboundAck = (err?: Error | null) => void;

export type InboundHandler = (msg: InboundMessage, ack: InboundAck) => void;
