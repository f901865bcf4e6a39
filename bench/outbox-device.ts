// A device for the soak and fuzz benches: one mqtt.js connection at a time and a QoS 1 outbox, as
// firmware keeps one: a message stays in the outbox until its PUBACK, and is resent with the same
// bytes after every reconnect. What was acknowledged is recorded, so a bench can check the server.
import mqtt, { type MqttClient } from 'mqtt';

export class OutboxDevice {
  client: MqttClient | null = null;
  /** Not yet acknowledged, in send order. */
  readonly outbox = new Map<number, { topic: string; payload: Buffer }>();
  /** Keys of acknowledged messages (the caller's own, e.g. seq). */
  readonly acked = new Set<number>();
  private nextKey = 1;
  connects = 0;
  connectFailures = 0;
  /** Called for every message on a subscribed topic. */
  onMessage: ((topic: string, payload: Buffer) => void) | null = null;

  constructor(
    readonly id: string,
    readonly password: string,
    private readonly subscriptions: string[] = [],
  ) {}

  get connected(): boolean {
    return this.client?.connected === true;
  }

  /** Connects (once), subscribes, and resends the outbox. False when the server refused or is down. */
  async connect(url: string): Promise<boolean> {
    this.drop();
    let c: MqttClient;
    try {
      // connectAsync can stay pending when the server dies mid-handshake: bound it.
      const pending = mqtt.connect(url, { clientId: this.id, username: this.id, password: this.password, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 3000, keepalive: 30 });
      pending.on('error', () => {});
      c = await withTimeout(new Promise<MqttClient>((resolve, reject) => {
        pending.once('connect', () => resolve(pending));
        pending.once('close', () => reject(new Error('closed before CONNACK')));
      }), 5000).catch((err: unknown) => {
        pending.end(true);
        throw err;
      });
    } catch {
      this.connectFailures++;
      return false;
    }
    c.on('error', () => {});
    c.on('message', (topic, payload) => this.onMessage?.(topic, payload));
    this.connects++;
    try {
      // Bounded: a SUBACK lost with a killed server must not leave the promise (and the bench) hanging.
      if (this.subscriptions.length > 0) await withTimeout(c.subscribeAsync(this.subscriptions, { qos: 1 }), 5000);
    } catch {
      c.end(true);
      return false;
    }
    // FIFO as firmware: the outbox goes first, and only then may new messages follow it.
    this.client = c;
    for (const [key, m] of [...this.outbox]) void this.publish(key, m.topic, m.payload);
    return true;
  }

  /** Queues a QoS 1 message; resolves true once acknowledged, false if the connection went first. */
  send(topic: string, payload: Uint8Array, key = this.nextKey++): Promise<boolean> {
    const buf = Buffer.from(payload);
    this.outbox.set(key, { topic, payload: buf });
    return this.publish(key, topic, buf);
  }

  private publish(key: number, topic: string, payload: Buffer): Promise<boolean> {
    const c = this.client;
    if (!c || !c.connected) return Promise.resolve(false);
    return c.publishAsync(topic, payload, { qos: 1 }).then(
      () => {
        this.outbox.delete(key);
        this.acked.add(key);
        return true;
      },
      () => false,
    );
  }

  /** Forgets the connection without a DISCONNECT (as a device losing its link would). */
  drop(): void {
    const c = this.client;
    this.client = null;
    if (c) c.end(true);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}
