// Promise 1 behind the log: the server (a child process) is killed with SIGKILL while it appends
// and while the store writer is writing, then again with everything still unstored, then again in
// the middle of replaying that backlog into the store. After the last start, once the store has
// caught up, every acknowledged reading is stored exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { topics } from '../../domain/topics.ts';
import { encodePackTelemetry, v1 } from '../../proto/codec.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const TOKEN = 'log-crash-admin-token-123456';
const dataDir = mkdtempSync(join(tmpdir(), 'cf-log-crash-'));
// Three devices flood the server on purpose; the overload guard (tested on its own) would cut them off.
const base = { CF_DATA_DIR: dataDir, CF_ADMIN_TOKEN: TOKEN, CF_PUBLISH_RATE: '100000', CF_PUBLISH_BURST: '100000', CF_INGEST_MAX_LOOP_LAG_MS: '0' };
const PACKS = ['lc-p1', 'lc-p2', 'lc-p3'];
const acked = new Map<string, Set<number>>(PACKS.map((p) => [p, new Set()]));
const nextSeq = new Map<string, number>(PACKS.map((p) => [p, 0]));
const creds = new Map<string, string>();
let server: ServerProcess | null = null;

afterAll(async () => {
  if (server) await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(server!.httpUrl + path, { method, headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

const ackedCount = (): number => [...acked.values()].reduce((n, s) => n + s.size, 0);

/** Streams QoS 1 readings from every pack (up to 200 in flight each) until `stop()` says so. */
async function stream(until: () => Promise<boolean>): Promise<void> {
  const clients: MqttClient[] = await Promise.all(PACKS.map((id) => mqtt.connectAsync(server!.mqttUrl, { clientId: id, username: id, password: creds.get(id)!, reconnectPeriod: 0 })));
  let stopped = false;
  const loops = clients.map(async (c, i) => {
    const id = PACKS[i]!;
    const inflight = new Set<Promise<void>>();
    for (let n = 0; n < 100_000 && !stopped; n++) {
      const seq = nextSeq.get(id)! + 1;
      nextSeq.set(id, seq);
      const payload = Buffer.from(encodePackTelemetry({ header: { bootId: 5, seq, sentAtMs: Date.now(), firmware: 't' }, socPct: seq % 100, voltageMv: 3800, tempC: 25, sohPct: 99, state: v1.PackState.PACK_STATE_DISCHARGING }));
      const p = c.publishAsync(topics.packTelemetry(id), payload, { qos: 1 }).then(() => void acked.get(id)!.add(seq), () => {});
      const tracked = p.finally(() => inflight.delete(tracked));
      inflight.add(tracked);
      if (inflight.size >= 200) await Promise.race(inflight);
    }
  });
  const deadline = Date.now() + 90_000;
  while (!(await until()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await server!.kill9();
  server = null;
  stopped = true;
  for (const c of clients) c.end(true);
  await Promise.allSettled(loops);
}

async function health(): Promise<Record<string, any>> {
  return (await api('GET', '/healthz')).json;
}

describe('kill -9 behind the log', () => {
  it('keeps every acknowledged reading exactly once through crashes in append, store write and replay', async () => {
    // 1. The store writer writes small batches all the time: the kill lands in appends and store writes.
    server = await startServerProcess({ ...base, CF_STORE_FLUSH_MS: '0', CF_STORE_BATCH_MAX: '200' }, 60_000);
    for (const id of PACKS) {
      const r = await api('POST', '/v1/devices', { kind: 'pack', id });
      expect(r.status).toBe(201);
      creds.set(id, r.json.password as string);
    }
    let unstoredAtKill = 0;
    await stream(async () => {
      if (ackedCount() < 2000) return false;
      unstoredAtKill = (await health()).store.spool.depth;
      return unstoredAtKill > 0;
    });
    expect(unstoredAtKill, 'the store was behind the log when it was killed').toBeGreaterThan(0);
    const afterFirst = ackedCount();

    // 2. The store writer idles: everything acknowledged now is only in the log when the kill comes.
    server = await startServerProcess({ ...base, CF_STORE_FLUSH_MS: '60000', CF_STORE_BATCH_MAX: '1000000' }, 60_000);
    let backlog = 0;
    await stream(async () => {
      if (ackedCount() < afterFirst + 3000) return false;
      backlog = (await health()).store.spool.depth;
      return true;
    });
    expect(backlog).toBeGreaterThanOrEqual(3000);

    // 3. Replay in small store transactions, killed half way through.
    server = await startServerProcess({ ...base, CF_STORE_FLUSH_MS: '0', CF_STORE_BATCH_MAX: '50' }, 60_000);
    const deadline = Date.now() + 30_000;
    let depth = (await health()).store.spool.depth;
    while (Date.now() < deadline && !(depth > 0 && depth < backlog)) {
      await new Promise((r) => setTimeout(r, 5));
      depth = (await health()).store.spool.depth;
    }
    await server.kill9();
    server = null;
    expect(depth, 'killed during the replay').toBeGreaterThan(0);
    expect(depth).toBeLessThan(backlog);

    // 4. Once the store has caught up with the log, every acknowledged reading is there once.
    server = await startServerProcess(base, 60_000);
    const drainBy = Date.now() + 60_000;
    while ((await health()).store.spool.depth > 0 && Date.now() < drainBy) await new Promise((r) => setTimeout(r, 50));
    expect((await health()).store.spool.depth).toBe(0);
    for (const id of PACKS) {
      const r = await api('GET', `/v1/packs/${id}/readings?from=0&limit=10000`);
      expect(r.status).toBe(200);
      const seqs = (r.json.readings as { seq: number }[]).map((x) => x.seq);
      expect(new Set(seqs).size, `${id}: no seq stored twice`).toBe(seqs.length);
      const stored = new Set(seqs);
      expect([...acked.get(id)!].filter((s) => !stored.has(s)), `${id}: acknowledged but lost`).toEqual([]);
    }
  }, 400_000);
});
