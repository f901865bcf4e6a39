// Promise 1: a PUBACK means durable. The server runs as a child process and is killed with
// SIGKILL in the middle of a QoS 1 stream; after a restart every acknowledged seq is stored, once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { topics } from '../../domain/topics.ts';
import { encodePackTelemetry } from '../../proto/codec.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const TOKEN = 'crash-test-admin-token-123456';
const dataDir = mkdtempSync(join(tmpdir(), 'cf-crash-'));
// Three devices flood the server on purpose; the overload guard (tested on its own) would cut them off.
const env = { CF_DATA_DIR: dataDir, CF_ADMIN_TOKEN: TOKEN, CF_PUBLISH_RATE: '100000', CF_PUBLISH_BURST: '100000', CF_INGEST_MAX_LOOP_LAG_MS: '0' };
let server: ServerProcess | null = null;

afterAll(async () => {
  if (server) await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function api(base: string, method: string, path: string, body?: unknown) {
  const res = await fetch(base + path, { method, headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('kill -9 right after the first start', () => {
  it('leaves a data dir that opens again (DuckDB could not replay a WAL holding the schema migrations)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-crash-first-'));
    try {
      const first = await startServerProcess({ CF_DATA_DIR: dir, CF_ADMIN_TOKEN: TOKEN });
      await first.kill9();
      const again = await startServerProcess({ CF_DATA_DIR: dir, CF_ADMIN_TOKEN: TOKEN });
      expect((await api(again.httpUrl, 'GET', '/v1/quarantine?limit=1')).status).toBe(200);
      await again.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});

describe('kill -9 during a QoS 1 stream', () => {
  it('loses no acknowledged reading and stores none twice', async () => {
    server = await startServerProcess(env, 60_000);
    const packs = ['crash-p1', 'crash-p2', 'crash-p3'];
    const creds = new Map<string, string>();
    for (const id of packs) {
      const r = await api(server.httpUrl, 'POST', '/v1/devices', { kind: 'pack', id });
      expect(r.status).toBe(201);
      creds.set(id, r.json.password as string);
    }
    const acked = new Map<string, Set<number>>(packs.map((p) => [p, new Set()]));
    const clients = await Promise.all(packs.map((id) => mqtt.connectAsync(server!.mqttUrl, { clientId: id, username: id, password: creds.get(id)!, reconnectPeriod: 0 })));
    let killed = false;
    const streams = clients.map(async (c, i) => {
      const id = packs[i]!;
      // Keep up to 200 publishes in flight per device, up to 20,000 messages or until the kill.
      const inflight = new Set<Promise<void>>();
      for (let seq = 1; seq <= 20_000 && !killed; seq++) {
        const payload = Buffer.from(encodePackTelemetry({ header: { bootId: 1, seq, sentAtMs: Date.now(), firmware: 't' }, socPct: 50, voltageMv: 3800, tempC: 25, sohPct: 99, state: 2 }));
        const p = c.publishAsync(topics.packTelemetry(id), payload, { qos: 1 }).then(
          () => void acked.get(id)!.add(seq),
          () => {},
        );
        const tracked = p.finally(() => inflight.delete(tracked));
        inflight.add(tracked);
        if (inflight.size >= 200) await Promise.race(inflight);
      }
    });
    // Kill once a good number of readings are acknowledged, while the stream is still running.
    const deadline = Date.now() + 15_000;
    while ([...acked.values()].reduce((n, s) => n + s.size, 0) < 3000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await server.kill9();
    killed = true;
    server = null;
    for (const c of clients) c.end(true);
    await Promise.allSettled(streams);
    const ackedCount = [...acked.values()].reduce((n, s) => n + s.size, 0);
    expect(ackedCount).toBeGreaterThanOrEqual(3000);

    server = await startServerProcess(env, 60_000);
    for (const id of packs) {
      const r = await api(server.httpUrl, 'GET', `/v1/packs/${id}/readings?from=0&limit=10000`);
      expect(r.status).toBe(200);
      const seqs = (r.json.readings as { seq: number }[]).map((x) => x.seq);
      const stored = new Set(seqs);
      expect(stored.size, `${id}: no seq stored twice`).toBe(seqs.length);
      const missing = [...acked.get(id)!].filter((s) => !stored.has(s));
      expect(missing, `${id}: acknowledged but lost`).toEqual([]);
    }
  }, 180_000);
});
