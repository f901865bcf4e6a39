// The operator's standard interfaces on the real system: GET /metrics in the Prometheus format
// (behind a token) counting what really happened over MQTT and HTTP; the OpenAPI description with
// every route and who may call it; and 5xx answers that keep internals to the log.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { topics } from '../../domain/topics.ts';
import { encodePackTelemetry, v1 } from '../../proto/codec.ts';
import { ADMIN, newSession, TWO_STORES } from '../helpers/accounts.ts';
import { startTestSystem, type TestSystem } from '../helpers/system.ts';

let t: TestSystem;
let metricsAuth: Record<string, string>;

beforeAll(async () => {
  t = await startTestSystem();
  expect((await t.sys.api.inject({ method: 'POST', url: '/v1/registry/import', headers: ADMIN, payload: TWO_STORES })).statusCode).toBe(200);
  const tok = await t.sys.api.inject({ method: 'POST', url: '/v1/tokens', headers: ADMIN, payload: { kind: 'metrics', name: 'prometheus' } });
  metricsAuth = { authorization: `Bearer ${tok.json().token}` };
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

/** `name{labels} value` lines of the exposition, by the text before the value. */
async function scrape(): Promise<Map<string, number>> {
  const res = await t.sys.api.inject({ url: '/metrics', headers: metricsAuth });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  const out = new Map<string, number>();
  for (const line of res.body.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    out.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return out;
}

describe('GET /metrics', () => {
  it('is behind a token: anonymous 401, a manager 403, the metrics token 200', async () => {
    expect((await t.sys.api.inject({ url: '/metrics' })).statusCode).toBe(401);
    const mgr = await newSession(t.sys.api, 'manager', ['st-own']);
    expect((await t.sys.api.inject({ url: '/metrics', headers: mgr.headers })).statusCode).toBe(403);
    expect((await t.sys.api.inject({ url: '/metrics', headers: ADMIN })).statusCode).toBe(200);
  });

  it('counts connections, committed and quarantined readings, commit latency, swap decisions and HTTP requests', async () => {
    const before = await scrape();
    const { password } = await t.provision('pack', 'p-metrics');
    const c = await t.connect('p-metrics', password);
    const reading = encodePackTelemetry({ header: { bootId: 1, seq: 1, sentAtMs: Date.now(), firmware: 'fw' }, socPct: 50, voltageMv: 3800, currentMa: -500, tempC: 25, cycles: 3, sohPct: 99, state: v1.PackState.PACK_STATE_DISCHARGING });
    await c.publishAsync(topics.packTelemetry('p-metrics'), Buffer.from(reading), { qos: 1 });
    await c.publishAsync(topics.packTelemetry('p-metrics'), Buffer.from(reading), { qos: 1 }); // a redelivery
    await c.publishAsync(topics.packTelemetry('p-metrics'), Buffer.from([0x0a, 0xff, 0xff]), { qos: 1 });
    const swap = await t.sys.api.inject({ method: 'POST', url: '/v1/kiosks/k-own/swaps', headers: ADMIN, payload: { requestId: 'm-1', customerToken: 'card-nobody' } });
    expect(swap.json().allowed).toBe(false);
    expect((await t.sys.api.inject({ url: '/v1/packs/p-own', headers: ADMIN })).statusCode).toBe(200);

    const after = await scrape();
    const delta = (k: string) => (after.get(k) ?? 0) - (before.get(k) ?? 0);
    expect(after.get('cf_mqtt_connections')).toBe(1);
    expect(delta('cf_ingest_received_total')).toBe(3);
    expect(delta('cf_ingest_committed_total')).toBe(1);
    expect(delta('cf_ingest_duplicates_total')).toBe(1);
    expect(delta('cf_ingest_quarantined_total{reason="CF_ERR_INGEST_DECODE"}')).toBe(1);
    expect(delta('cf_ingest_commit_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(after.get('cf_ingest_commit_seconds_bucket{le="+Inf"}')).toBe(after.get('cf_ingest_commit_seconds_count'));
    expect(delta('cf_swap_decisions_total{outcome="denied"}')).toBe(1);
    expect(delta('cf_swap_decision_seconds_count{outcome="denied"}')).toBe(1);
    // The reading is durable in the log at its PUBACK; the store writes it behind, so the depth falls to 0.
    expect(after.has('cf_spool_depth_readings')).toBe(true);
    await vi.waitFor(async () => expect((await scrape()).get('cf_spool_depth_readings')).toBe(0), { timeout: 10_000, interval: 50 });
    expect(after.get('cf_store_up')).toBe(1);
    expect(delta('cf_http_request_duration_seconds_count{method="GET",route="/v1/packs/:id",status="200"}')).toBe(1);
    expect(after.get('cf_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(after.has('cf_nodejs_eventloop_lag_p99_seconds')).toBe(true);
  });
});

describe('the API description', () => {
  it('describes every route, with a summary, its answers and who may call it', async () => {
    const doc = (await t.sys.api.inject({ url: '/openapi.json' })).json() as { openapi: string; paths: Record<string, Record<string, { summary?: string; description?: string; responses: Record<string, unknown>; security?: unknown[] }>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    // The API page's files and the dashboard's static files are plugin routes without schemas.
    const routes = t.sys.api.routeAccess.filter((r) => r.url !== '/openapi.json' && !r.url.startsWith('/docs') && !r.url.startsWith('/ui/'));
    expect(routes.length).toBeGreaterThan(35);
    const problems: string[] = [];
    for (const r of routes) {
      const op = doc.paths[r.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[r.method.toLowerCase()];
      if (!op) {
        problems.push(`${r.method} ${r.url}: missing`);
        continue;
      }
      if (!op.summary) problems.push(`${r.method} ${r.url}: no summary`);
      if (!Object.keys(op.responses).some((code) => code.startsWith('2'))) problems.push(`${r.method} ${r.url}: no success answer described`);
      if (!op.description?.includes('Access')) problems.push(`${r.method} ${r.url}: does not say who may call it`);
      if ((r.access.scope === 'public') !== (op.security?.length === 0)) problems.push(`${r.method} ${r.url}: security does not match its scope`);
    }
    expect(problems).toEqual([]);
    expect(doc.paths['/v1/packs/{id}']!.get!.description).toContain('manager: own only');
    expect(doc.components.schemas.ErrorBody).toBeDefined();
    expect(JSON.stringify(doc)).not.toMatch(/"\$ref":"(?!#\/components\/schemas\/)/);
  });

  it('matches the README: every route is in its HTTP API table, with the scope it declares', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const rows = readme.split('\n').filter((l) => l.startsWith('| `GET ') || l.startsWith('| `POST ') || l.startsWith('| `PATCH ') || l.startsWith('| `DELETE '));
    const problems: string[] = [];
    for (const r of t.sys.api.routeAccess.filter((x) => !x.url.startsWith('/docs/'))) {
      const row = rows.find((l) => l.includes(`\`${r.method} ${r.url}\``) || l.includes(`\`${r.method} ${r.url}?`));
      if (!row) problems.push(`${r.method} ${r.url}: not in the README`);
      else if (!row.includes(`| \`${r.access.scope}\` |`)) problems.push(`${r.method} ${r.url}: README does not say \`${r.access.scope}\``);
    }
    expect(problems).toEqual([]);
  });

  it('renders it at /docs from local files (no network)', async () => {
    const page = await t.sys.api.inject({ url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui');
    const init = await t.sys.api.inject({ url: '/docs/static/swagger-initializer.js' });
    expect(init.body).toContain('./json');
    expect(page.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)[a-z]/i);
  });
});

describe('a 5xx answer', () => {
  it('carries the catalogue message, never the store\'s own words; the log gets the cause', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk: Buffer, _e, cb) { lines.push(chunk.toString()); cb(); } });
    const s = await startTestSystem({ logger: pino({ level: 'error' }, sink) });
    try {
      await s.sys.store.close(); // the telemetry store goes away under a running API
      const res = await s.sys.api.inject({ url: '/v1/packs/p-1/readings', headers: ADMIN });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ error: { code: 'CF_ERR_STORE_UNAVAILABLE', message: 'The store is unavailable' } });
      expect(res.headers['retry-after']).toBe('1');
      expect(lines.join('')).toContain('DuckDB telemetry store is not open');
    } finally {
      await s.stop();
    }
  });
});
