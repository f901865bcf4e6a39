// Issue 9, finding 9: with the open-file limit at 1,024, about 1,100 idle sockets took MQTT and
// HTTP down with nothing logged. The server now runs as a child process under `ulimit -n 300`:
// it prints the cap it derived, refuses sockets past it (and says so), HTTP keeps answering, and
// devices connect again once the idle sockets are gone.
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { eventually } from '../helpers/system.ts';

const LIMIT = 300;
const CAP = LIMIT - 128;
const ADMIN = 'descriptor-test-admin-token';
let srv: ServerProcess;
let dir: string;
const sockets: net.Socket[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cf-fd-'));
  srv = await startServerProcess({ CF_DATA_DIR: dir, CF_ADMIN_TOKEN: ADMIN, CF_CONNECT_TIMEOUT_MS: '120000' }, 60_000, { openFilesLimit: LIMIT });
}, 70_000);

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const port = () => Number(new URL(srv.mqttUrl).port);

/**
 * Connects, or rejects within 5 s: mqtt.connectAsync can stay pending forever when the server
 * closes the socket before CONNACK, which is exactly what a full edge does.
 */
function connectWithin(password: string): Promise<mqtt.MqttClient> {
  const c = mqtt.connect(srv.mqttUrl, { clientId: 'pack-fd', username: 'pack-fd', password, reconnectPeriod: 0, connectTimeout: 3000 });
  c.on('error', () => {});
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('no CONNACK in 5 s')), 5000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      c.end(true);
      reject(err);
    };
    c.once('connect', () => {
      clearTimeout(timer);
      resolve(c);
    });
    c.once('close', () => fail(new Error('closed before CONNACK')));
  });
}
const health = async () => (await fetch(`${srv.httpUrl}/healthz`, { headers: { authorization: `Bearer ${ADMIN}` } })).json() as Promise<{ broker: { maxConnections: number; descriptorLimit: number; sockets: number; connectionsRefused: Record<string, number> } }>;

describe('an open-file limit of 300', () => {
  it('prints the effective connection cap at start', () => {
    expect(srv.output()).toContain(`limits: up to ${CAP} MQTT connections (open-file limit ${LIMIT}, 128 kept`);
  });

  it('refuses idle sockets past the cap, logs it, and keeps HTTP and the database answering', async () => {
    const { password } = await (await fetch(`${srv.httpUrl}/v1/devices`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'pack', id: 'pack-fd' }) })).json() as { password: string };
    // 400 idle sockets that never send CONNECT, more than the limit itself.
    for (let i = 0; i < 400; i++) {
      const s = net.connect(port(), '127.0.0.1');
      s.on('error', () => {});
      sockets.push(s);
    }
    const h = await eventually(async () => {
      const x = await health();
      return (x.broker.connectionsRefused['CF_ERR_MQTT_SERVER_BUSY'] ?? 0) >= 400 - CAP ? x : null;
    }, 45_000, 'refusals past the cap');
    expect(h.broker.maxConnections).toBe(CAP);
    expect(h.broker.descriptorLimit).toBe(LIMIT);
    expect(h.broker.sockets).toBeLessThanOrEqual(CAP);
    expect(srv.output()).toContain('connection cap reached: refusing new sockets');
    // HTTP and the registry still work while MQTT is full: a device can even be provisioned.
    const res = await fetch(`${srv.httpUrl}/v1/devices`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'pack', id: 'pack-fd-2' }) });
    expect(res.status).toBe(201);
    // A real device is refused while the edge is full...
    await expect(connectWithin(password)).rejects.toThrow();
    // ...and gets in once the idle sockets are gone.
    for (const s of sockets) s.destroy();
    const c = await eventually(() => connectWithin(password), 30_000, 'device connects');
    expect(c.connected).toBe(true);
    await c.endAsync(true);
  }, 150_000);
});
