// Test fixtures for the device broker: a real broker on 127.0.0.1 port 0, an in-test device
// registry over scrypt-hashed secrets, real mqtt.js clients, a recording onUplink, log capture,
// and a self-signed certificate made with openssl.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import mqtt from 'mqtt';
import type { IClientOptions, MqttClient } from 'mqtt';
import { pino } from 'pino';
import { createDeviceBroker, resolveBrokerLimits } from '../../broker/index.ts';
import type { BrokerEndpoints, BrokerLimits, BrokerOptions, DeviceBroker } from '../../broker/index.ts';
import type { InboundAck, InboundMessage } from '../../domain/inbound.ts';
import { hashSecretSync, verifySecret } from '../../domain/secrets.ts';
import type { DeviceKind } from '../../domain/topics.ts';

export interface TestDevice {
  id: string;
  kind: DeviceKind;
  secret: string;
  hash: string;
  revoked: boolean;
}

/** Devices with scrypt-hashed secrets, as the registry keeps them. */
export class TestRegistry {
  readonly devices = new Map<string, TestDevice>();

  add(id: string, kind: DeviceKind): TestDevice {
    const secret = `secret-of-${id}-${Math.random().toString(36).slice(2)}`;
    const device = { id, kind, secret, hash: hashSecretSync(secret), revoked: false };
    this.devices.set(id, device);
    return device;
  }

  authenticate: BrokerOptions['authenticate'] = async (deviceId, password) => {
    const d = this.devices.get(deviceId);
    // Verify even for an unknown id would be kinder to timing; the test registry need not be.
    if (!d || !(await verifySecret(password, d.hash))) return { ok: false, code: 'CF_ERR_MQTT_BAD_CREDENTIALS' };
    if (d.revoked) return { ok: false, code: 'CF_ERR_MQTT_DEVICE_REVOKED' };
    return { ok: true, kind: d.kind };
  };
}

/** Records uplinks; acks at once unless `hold` is set, in which case acks wait in `held`. */
export class UplinkRecorder {
  readonly messages: InboundMessage[] = [];
  readonly held: Array<{ msg: InboundMessage; ack: InboundAck }> = [];
  hold = false;
  /** When set, uplinks from this device are nacked with this error. */
  nack: { deviceId: string; err: Error } | null = null;

  handler: BrokerOptions['onUplink'] = (msg, ack) => {
    this.messages.push(msg);
    if (this.nack && this.nack.deviceId === msg.deviceId) return ack(this.nack.err);
    if (this.hold) this.held.push({ msg, ack });
    else ack();
  };

  from(deviceId: string): InboundMessage[] {
    return this.messages.filter((m) => m.deviceId === deviceId);
  }
}

/** Log lines as parsed JSON objects. */
export function captureLogger(): { logger: BrokerOptions['logger']; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      cb();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

export interface TestBroker {
  broker: DeviceBroker;
  endpoints: BrokerEndpoints;
  registry: TestRegistry;
  uplinks: UplinkRecorder;
  logs: Array<Record<string, unknown>>;
  /** Connects as a registered device (user name = client id = device id) unless overridden. */
  connect(device: TestDevice, overrides?: IClientOptions, url?: string): Promise<MqttClient>;
  /** Every client opened through connect(), ended in stop(). */
  clients: MqttClient[];
  stop(): Promise<void>;
}

export async function startTestBroker(
  registry: TestRegistry,
  limits: Partial<BrokerLimits> = {},
  tls?: BrokerOptions['tls'],
): Promise<TestBroker> {
  const uplinks = new UplinkRecorder();
  const { logger, lines } = captureLogger();
  const broker = createDeviceBroker({
    host: '127.0.0.1',
    port: 0,
    ...(tls ? { tls } : {}),
    limits: resolveBrokerLimits(limits),
    logger,
    authenticate: registry.authenticate,
    onUplink: uplinks.handler,
  });
  const endpoints = await broker.start();
  const clients: MqttClient[] = [];
  return {
    broker,
    endpoints,
    registry,
    uplinks,
    logs: lines,
    clients,
    async connect(device, overrides = {}, url = endpoints.mqttUrl) {
      const opts: IClientOptions = {
        clientId: device.id,
        username: device.id,
        password: device.secret,
        protocolVersion: 4,
        reconnectPeriod: 0,
        connectTimeout: 5_000,
        ...overrides,
      };
      const client = mqtt.connect(url, opts);
      clients.push(client);
      closePromises.set(client, new Promise((resolve) => client.once('close', () => resolve())));
      // connectAsync with allowRetries=false rejects on close too; keep the same semantics here.
      return new Promise<MqttClient>((resolve, reject) => {
        const onError = (err: Error) => { cleanup(); reject(err); };
        const onClose = () => { cleanup(); reject(new Error("Couldn't connect to server")); };
        const onConnect = () => { cleanup(); resolve(client); };
        const cleanup = () => { client.off('error', onError); client.off('close', onClose); client.off('connect', onConnect); };
        client.on('error', onError);
        client.on('close', onClose);
        client.on('connect', onConnect);
      });
    },
    async stop() {
      for (const c of clients) c.end(true);
      await broker.stop();
    },
  };
}

/** Polls `cond` until it holds or `timeoutMs` passes. */
export async function waitFor(cond: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const closePromises = new WeakMap<MqttClient, Promise<void>>();

/** Resolves when the connection of a client made by TestBroker.connect() closes (or has closed). */
export function closed(client: MqttClient): Promise<void> {
  const p = closePromises.get(client);
  if (!p) throw new Error('closed() needs a client made by TestBroker.connect()');
  return p;
}

/** One QoS 0 PUBLISH packet, encoded by hand so a test can write thousands straight to a socket. */
export function encodeQos0Publish(topic: string, payload: Buffer): Buffer {
  const t = Buffer.from(topic, 'utf8');
  const remaining = 2 + t.length + payload.length;
  const len: number[] = [];
  let x = remaining;
  do {
    let b = x % 128;
    x = Math.floor(x / 128);
    if (x > 0) b |= 0x80;
    len.push(b);
  } while (x > 0);
  const head = Buffer.from([0x30, ...len, t.length >> 8, t.length & 0xff]);
  return Buffer.concat([head, t, payload]);
}

/** Whether the openssl command line is installed. */
export function opensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

/** A self-signed P-256 certificate for 127.0.0.1 and localhost in a temp dir; null if openssl is missing. */
export function makeSelfSignedCert(): { dir: string; certPath: string; keyPath: string; cleanup(): void } | null {
  const dir = mkdtempSync(join(tmpdir(), 'cf-broker-tls-'));
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-days', '1', '-keyout', keyPath, '-out', certPath,
    ], { stdio: 'ignore', timeout: 10_000 });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return { dir, certPath, keyPath, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
