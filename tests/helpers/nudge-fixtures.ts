// Shared by the nudge suites: a small fleet (one store near Oxford Circus with two kiosks), a pack
// that reports its charge over real MQTT as firmware would, a customer app that subscribes to its
// own nudges topic, and a clock fixed to a weekday noon in London so quiet hours never interfere
// unless a test moves it there.
import type { MqttClient } from 'mqtt';
import { inHoldout } from '../../domain/nudge/nudge-policy.ts';
import { topics } from '../../domain/topics.ts';
import { decodeNudge, encodePackTelemetry, type Nudge, v1 } from '../../proto/codec.ts';
import { eventually, type TestSystem } from './system.ts';

/**
 * Wednesday 2026-01-14 12:00 London (UTC in winter), plus whatever a test adds, plus (unless frozen)
 * the wall time since the test started. A frozen clock moves only when a test moves it, so a
 * backoff never comes due behind a test's back.
 */
export class TestClock {
  private readonly wall0 = Date.now();
  offsetMs = 0;
  constructor(readonly baseMs = Date.parse('2026-01-14T12:00:00Z'), private readonly frozen = false) {}
  now = (): number => this.baseMs + (this.frozen ? 0 : Date.now() - this.wall0) + this.offsetMs;
}

export const STORE = { id: 'store-1', name: 'Oxford Circus', lat: 51.515, lon: -0.1415, timeZone: 'Europe/London' };
/** About 300 m from the store. */
export const NEAR = { lat: 51.5177, lon: -0.1415 };
export const FAR = { lat: 51.6, lon: -0.3 };

export const customer = (id: string, extra: object = {}) => ({
  id, token: `tok-${id}`, plan: 'unlimited', timeZone: 'Europe/London',
  nudgePrefs: { consent: true, channel: 'mqtt', quietHours: { startHour: 22, endHour: 7 } }, ...extra,
});

/** Customer ids in and out of the holdout at pct (found by the same hash the server uses). */
export function holdoutIds(pct: number, n: number, prefix = 'cust-h'): { inside: string[]; outside: string[] } {
  const inside: string[] = [];
  const outside: string[] = [];
  for (let i = 0; inside.length < n || outside.length < n; i++) {
    const id = `${prefix}${i}`;
    if (inHoldout(id, pct)) {
      if (inside.length < n) inside.push(id);
    } else if (outside.length < n) outside.push(id);
  }
  return { inside, outside };
}

/** A pack reporting its charge on its own connection, with a coarse location. */
export class ReportingPack {
  private seq = 0;
  private readonly bootId = 1 + Math.floor(Math.random() * 1e9);
  private constructor(readonly id: string, private readonly password: string, private client: MqttClient, private readonly clock: { now(): number }) {}

  static async connect(t: TestSystem, id: string, clock: { now(): number }): Promise<ReportingPack> {
    const { password } = await t.provision('pack', id);
    return new ReportingPack(id, password, await t.connect(id, password), clock);
  }

  /** Connects again (to a restarted system) with the same credentials, boot and seq. */
  async reconnect(t: TestSystem): Promise<void> {
    this.client = await t.connect(this.id, this.password);
  }

  /** Publishes at QoS 1 and resolves on the PUBACK (the reading is durable and the feed has it). */
  async report(socPct: number, at: { lat: number; lon: number } | null = NEAR): Promise<void> {
    const payload = encodePackTelemetry({
      header: { bootId: this.bootId, seq: ++this.seq, sentAtMs: this.clock.now(), firmware: 'pack-test' },
      socPct, voltageMv: 3600, currentMa: -1500, tempC: 27, cycles: 10, sohPct: 97, state: v1.PackState.PACK_STATE_DISCHARGING,
      ...(at ? { location: { latE7: Math.round(at.lat * 1e7), lonE7: Math.round(at.lon * 1e7), accuracyM: 100 } } : {}),
    });
    await this.client.publishAsync(topics.packTelemetry(this.id), Buffer.from(payload), { qos: 1 });
  }
}

/** A customer's app: its own credentials, subscribed to its own nudges topic. */
export class CustomerApp {
  readonly nudges: Nudge[] = [];
  private constructor(readonly id: string, readonly client: MqttClient) {}

  static async connect(t: TestSystem, customerId: string): Promise<CustomerApp> {
    const { password } = await t.provision('customer', customerId);
    const client = await t.connect(customerId, password);
    const app = new CustomerApp(customerId, client);
    client.on('message', (topic, payload) => {
      if (topic === topics.customerNudges(customerId)) app.nudges.push(decodeNudge(payload));
    });
    const granted = await client.subscribeAsync(topics.customerNudges(customerId), { qos: 1 });
    if (granted.some((g) => g.qos === 128)) throw new Error(`${customerId}: subscription refused`);
    return app;
  }

  next(n = 1, timeoutMs = 5000): Promise<Nudge[]> {
    return eventually(() => (this.nudges.length >= n ? this.nudges : null), timeoutMs, `${n} nudge(s) for ${this.id}`);
  }
}
