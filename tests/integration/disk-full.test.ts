// A full disk under the log (a real tmpfs of 2 MiB, filled but for a little room): ingest stops
// acknowledging with CF_ERR_STORE_BACKPRESSURE (the device is cut off and keeps its readings),
// nothing already acknowledged is damaged, and ingest takes readings again once space returns.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { topics } from '../../domain/topics.ts';
import { encodePackTelemetry, v1 } from '../../proto/codec.ts';
import { FileDurableLog } from '../../store/log/file-log.ts';
import { telemetryCodec } from '../../store/log/telemetry-codec.ts';
import type { TelemetryBatch } from '../../store/telemetry-store.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { freeSmallDisk, onSmallDisk, smallDiskSkipReason } from '../helpers/small-disk.ts';

const skip = smallDiskSkipReason();
if (skip) console.warn(`skipping the disk-full test: ${skip}`);
const TOKEN = 'disk-full-admin-token-123456';
const root = mkdtempSync(join(tmpdir(), 'cf-disk-full-'));
const logDir = join(root, 'log');
mkdirSync(logDir);
let server: ServerProcess | null = null;

afterAll(async () => {
  if (server) await server.kill9();
  rmSync(root, { recursive: true, force: true });
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(server!.httpUrl + path, { method, headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

const reading = (seq: number) => Buffer.from(encodePackTelemetry({ header: { bootId: 3, seq, sentAtMs: Date.now(), firmware: 'fw' }, socPct: seq % 100, voltageMv: 3800, tempC: 20, sohPct: 95, state: v1.PackState.PACK_STATE_DISCHARGING }));

/** Publishes one at a time until the server stops acknowledging: returns the acknowledged seqs. */
async function publishUntilRefused(c: MqttClient, from: number, max: number): Promise<number[]> {
  const acked: number[] = [];
  const closed = new Promise<'closed'>((r) => c.once('close', () => r('closed')));
  for (let seq = from; seq < from + max; seq++) {
    const outcome = await Promise.race([c.publishAsync(topics.packTelemetry('df-p1'), reading(seq), { qos: 1 }).then(() => 'acked' as const), closed]);
    if (outcome !== 'acked') return acked;
    acked.push(seq);
  }
  return acked;
}

describe.skipIf(skip !== null)(`a full disk under the log${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('stops acknowledging with CF_ERR_STORE_BACKPRESSURE, damages nothing acknowledged, and recovers when space returns', async () => {
    server = await startServerProcess(
      // The store writer idles, so the log keeps its segments and the disk fills. The device publishes
      // as fast as it is acknowledged: the per-device rate limit (tested on its own) must not be what stops it.
      { CF_DATA_DIR: join(root, 'data'), CF_LOG_DIR: logDir, CF_ADMIN_TOKEN: TOKEN, CF_STORE_FLUSH_MS: '60000', CF_STORE_BATCH_MAX: '1000000', CF_LOG_SEGMENT_BYTES: '65536', CF_PUBLISH_RATE: '100000', CF_PUBLISH_BURST: '100000' },
      60_000,
      { launch: onSmallDisk(logDir, 2048, 192) },
    );
    const pid = server.child.pid!;
    const { json: dev } = await api('POST', '/v1/devices', { kind: 'pack', id: 'df-p1' });
    const connect = () => mqtt.connectAsync(server!.mqttUrl, { clientId: 'df-p1', username: 'df-p1', password: dev.password as string, reconnectPeriod: 0 });

    const first = await publishUntilRefused(await connect(), 1, 5000);
    expect(first.length).toBeGreaterThan(50);
    expect(first.length).toBeLessThan(5000);
    const full = await api('GET', '/healthz');
    expect(full.status).toBe(503);
    expect(full.json.store.log).toMatchObject({ backpressure: true, appendError: expect.stringContaining('ENOSPC') });
    expect(full.json.ingest.rejectedBackpressure).toBeGreaterThan(0);
    expect(full.json.broker.uplinksNacked).toBeGreaterThan(0);

    // Still full: a reconnecting device is refused again, and nothing it sends is acknowledged.
    const retry = await publishUntilRefused(await connect(), first.length + 1, 20);
    expect(retry).toEqual([]);

    freeSmallDisk(pid, logDir);
    const second = await publishUntilRefused(await connect(), first.length + 1, 200);
    expect(second).toHaveLength(200);
    const after = await api('GET', '/healthz');
    expect(after.json.store.log).toMatchObject({ backpressure: false, appendError: null });

    // Every acknowledged reading is readable, once.
    const acked = [...first, ...second];
    const { json } = await api('GET', '/v1/packs/df-p1/readings?from=0&limit=10000&order=asc');
    expect((json.readings as { seq: number }[]).map((r) => r.seq)).toEqual(acked);

    // And the log on the disk is whole: every acknowledged reading is in it, nothing corrupt or torn.
    const copy = join(root, 'log-copy');
    cpSync(`/proc/${pid}/root${logDir}`, copy, { recursive: true });
    await server.kill9();
    server = null;
    const log = new FileDurableLog<TelemetryBatch>({ dir: copy, codec: telemetryCodec, consumers: ['store'], maxBytes: 1 << 30, logger: pino({ level: 'silent' }) });
    const report = await log.open();
    expect(report).toMatchObject({ truncatedBytes: 0, corrupt: [] });
    const inLog: number[] = [];
    for (let after = log.cursor('store'); ;) {
      const entries = await log.read(after, 10_000);
      if (entries.length === 0) break;
      for (const e of entries) for (const p of e.value.packs) inLog.push(p.seq);
      after = entries[entries.length - 1]!.end;
    }
    await log.close();
    expect(inLog).toEqual(acked);
  }, 120_000);
});
