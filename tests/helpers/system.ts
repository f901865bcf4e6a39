// Starts the whole system in-process on ephemeral loopback ports with a temp data dir, the way
// `chargefleet serve` does, and gives tests real MQTT clients for provisioned devices.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import pino, { type Logger } from 'pino';
import { loadConfig } from '../../app/config.ts';
import type { ConfigKey } from '../../app/config-schema.ts';
import { startSystem, type RunningSystem } from '../../app/system.ts';
import type { Clock } from '../../domain/clock.ts';
import type { DeviceKind } from '../../domain/topics.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestSystem {
  sys: RunningSystem;
  dataDir: string;
  admin: { authorization: string };
  provision(kind: DeviceKind, id: string): Promise<{ id: string; password: string }>;
  connect(id: string, password: string, opts?: mqtt.IClientOptions): Promise<MqttClient>;
  /** Stops the system; keeps the data dir unless told otherwise. */
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

export async function startTestSystem(opts: { dataDir?: string; config?: Partial<Record<ConfigKey, unknown>>; clock?: Clock; logger?: Logger } = {}): Promise<TestSystem> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'cf-sys-'));
  const config = loadConfig({}, { dataDir, mqttPort: 0, httpPort: 0, adminToken: ADMIN_TOKEN, logLevel: 'silent', ...opts.config });
  const sys = await startSystem({ config, logger: opts.logger ?? pino({ level: process.env.CF_TEST_LOG ?? 'silent' }), ...(opts.clock ? { clock: opts.clock } : {}) });
  const clients: MqttClient[] = [];
  return {
    sys,
    dataDir,
    admin: { authorization: `Bearer ${ADMIN_TOKEN}` },
    async provision(kind, id) {
      const res = await sys.api.inject({ method: 'POST', url: '/v1/devices', headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, payload: { kind, id } });
      if (res.statusCode !== 201) throw new Error(`provision ${id}: ${res.statusCode} ${res.body}`);
      return res.json() as { id: string; password: string };
    },
    async connect(id, password, o = {}) {
      const c = await mqtt.connectAsync(sys.mqttUrl, { clientId: id, username: id, password, reconnectPeriod: 0, connectTimeout: 5000, ...o });
      clients.push(c);
      return c;
    },
    async stop(o = {}) {
      await Promise.all(clients.map((c) => c.endAsync(true).catch(() => {})));
      await sys.stop();
      if (!o.keepData && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `fn` returns a truthy value, or fails after `timeoutMs`. */
export async function eventually<T>(fn: () => T | Promise<T>, timeoutMs = 5000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Waits until custody has applied everything acknowledged so far: kiosk statuses and events reach
 * it from the durable log, behind their PUBACK (ingest/kiosk-event-consumer.ts).
 */
export function custodyApplied(t: TestSystem, timeoutMs = 10_000): Promise<true> {
  return eventually(() => t.sys.custodyConsumer.caughtUp || null, timeoutMs, 'custody caught up with the log');
}
