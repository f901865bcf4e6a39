// Prometheus metrics (prom-client). Counters the modules already keep (pipeline.stats(),
// broker.metrics(), store.health(), swap counters) are read at scrape time through functions the
// composition root passes in, so ingest and the broker carry no metrics code; the latency
// histograms are fed by the store's commit, the swap service's decisions and the HTTP API.
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { ApiMetrics } from '../api/app.ts';
import type { TelemetryStore } from '../store/telemetry-store.ts';

/** What the scrape reads; structural, so the modules' own stats types fit. */
export interface MetricSources {
  broker(): {
    connections: number;
    sockets: number;
    connectionsAccepted: number;
    connectionsRefused: Partial<Record<string, number>>;
    publishesRefused: number;
    subscriptionsRefused: number;
    packetTooLarge: number;
    rateLimited: number;
    uplinksNacked: number;
    clientErrors: number;
  };
  ingest(): { received: number; accepted: number; duplicates: number; quarantined: number; quarantinedByReason: Record<string, number>; batches: number; commitFailures: number; rejectedBackpressure: number; pending: number };
  store(): { ok: boolean; writeFailures: number; spool?: { depth: number; bytes: number; oldestUnshippedAtMs: number | null; backpressure: boolean } };
  swaps(): { requests: number; replayed: number; allowed: number; denied: number; failures: number; publishFailures: number };
  live(): { packs: number; kiosks: number; connected: number };
  /** Wall time for ages (the spool's oldest reading). */
  nowMs(): number;
}

export type DecisionOutcome = 'allowed' | 'denied' | 'replayed' | 'failed';

export interface SystemMetrics extends ApiMetrics {
  observeCommit(seconds: number): void;
  observeDecision(outcome: DecisionOutcome, seconds: number): void;
}

type Sample = { labels?: Record<string, string>; value: number };

/** A metric whose values are read when Prometheus scrapes, from counters kept elsewhere. */
function scraped(registry: Registry, name: string, help: string, type: 'counter' | 'gauge', read: () => Sample[]): void {
  registry.registerMetric({
    name,
    help,
    type,
    aggregator: 'sum',
    get: async () => ({ name, help, type, aggregator: 'sum', values: read().map((s) => ({ labels: s.labels ?? {}, value: s.value })) }),
    reset: () => {},
  } as never);
}

const one = (value: number): Sample[] => [{ value }];
const LATENCY_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(src: MetricSources): SystemMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cf_' }); // cf_process_*, cf_nodejs_* (event loop lag, heap, GC)

  // --- device connections ---
  scraped(registry, 'cf_mqtt_connections', 'Authenticated devices connected now', 'gauge', () => one(src.broker().connections));
  scraped(registry, 'cf_mqtt_sockets', 'Open MQTT sockets now (authenticated or not)', 'gauge', () => one(src.broker().sockets));
  scraped(registry, 'cf_mqtt_connections_accepted_total', 'Connections that got CONNACK 0', 'counter', () => one(src.broker().connectionsAccepted));
  scraped(registry, 'cf_mqtt_connections_refused_total', 'Sockets or CONNECTs refused, by reason code', 'counter', () =>
    Object.entries(src.broker().connectionsRefused).map(([reason, n]) => ({ labels: { reason }, value: n ?? 0 })));
  scraped(registry, 'cf_mqtt_cut_total', 'Connections cut by the edge, by why', 'counter', () => {
    const b = src.broker();
    return [
      { labels: { why: 'acl_publish' }, value: b.publishesRefused },
      { labels: { why: 'packet_too_large' }, value: b.packetTooLarge },
      { labels: { why: 'rate_limited' }, value: b.rateLimited },
      { labels: { why: 'uplink_nacked' }, value: b.uplinksNacked },
      { labels: { why: 'client_error' }, value: b.clientErrors },
    ];
  });
  scraped(registry, 'cf_mqtt_subscriptions_refused_total', 'Subscriptions refused by the topic ACL', 'counter', () => one(src.broker().subscriptionsRefused));

  // --- readings ---
  scraped(registry, 'cf_ingest_received_total', 'Uplink messages received by the pipeline', 'counter', () => one(src.ingest().received));
  scraped(registry, 'cf_ingest_committed_total', 'Readings, statuses and events committed to the store', 'counter', () => one(src.ingest().accepted));
  scraped(registry, 'cf_ingest_duplicates_total', 'Redelivered messages acknowledged without a new row', 'counter', () => one(src.ingest().duplicates));
  scraped(registry, 'cf_ingest_quarantined_total', 'Messages rejected into the quarantine, by reason code', 'counter', () =>
    Object.entries(src.ingest().quarantinedByReason).map(([reason, n]) => ({ labels: { reason }, value: n })));
  scraped(registry, 'cf_ingest_backpressure_refused_total', 'Messages not acknowledged because too many waited for a commit', 'counter', () => one(src.ingest().rejectedBackpressure));
  scraped(registry, 'cf_ingest_batches_total', 'Group commits', 'counter', () => one(src.ingest().batches));
  scraped(registry, 'cf_ingest_commit_failures_total', 'Group commits that failed (their messages were not acknowledged)', 'counter', () => one(src.ingest().commitFailures));
  scraped(registry, 'cf_ingest_pending', 'Messages waiting for or inside a commit', 'gauge', () => one(src.ingest().pending));
  const commit = new Histogram({ name: 'cf_ingest_commit_seconds', help: 'Durable commit of one batch to the log (what a PUBACK waits for)', buckets: LATENCY_BUCKETS_S, registers: [registry] });

  // --- the store and the log behind it (metric names kept from the InfluxDB spool) ---
  scraped(registry, 'cf_store_up', '1 while the time-series store is healthy', 'gauge', () => one(src.store().ok ? 1 : 0));
  scraped(registry, 'cf_store_write_failures_total', 'Store write failures since start', 'counter', () => one(src.store().writeFailures));
  scraped(registry, 'cf_spool_depth_readings', 'Readings in the durable log not yet written to the time-series store', 'gauge', () => one(src.store().spool?.depth ?? 0));
  scraped(registry, 'cf_spool_bytes', 'Bytes in the durable log', 'gauge', () => one(src.store().spool?.bytes ?? 0));
  scraped(registry, 'cf_spool_oldest_unshipped_age_seconds', 'Age of the oldest unshipped reading (0 when empty)', 'gauge', () => {
    const at = src.store().spool?.oldestUnshippedAtMs ?? null;
    return one(at === null ? 0 : Math.max(0, (src.nowMs() - at) / 1000));
  });
  scraped(registry, 'cf_spool_backpressure', '1 while ingest holds PUBACKs back because the log is full or the store is behind', 'gauge', () => one(src.store().spool?.backpressure ? 1 : 0));

  // --- swaps ---
  scraped(registry, 'cf_swap_requests_total', 'Swap requests (MQTT and HTTP)', 'counter', () => one(src.swaps().requests));
  scraped(registry, 'cf_swap_decisions_total', 'Swap decisions by outcome', 'counter', () => {
    const s = src.swaps();
    return [
      { labels: { outcome: 'allowed' }, value: s.allowed },
      { labels: { outcome: 'denied' }, value: s.denied },
      { labels: { outcome: 'replayed' }, value: s.replayed },
      { labels: { outcome: 'failed' }, value: s.failures },
    ];
  });
  scraped(registry, 'cf_swap_publish_failures_total', 'Decisions or commands that could not be published', 'counter', () => one(src.swaps().publishFailures));
  const decision = new Histogram({ name: 'cf_swap_decision_seconds', help: 'From a swap request to its recorded, published decision (per-kiosk queueing included), by outcome', labelNames: ['outcome'], buckets: LATENCY_BUCKETS_S, registers: [registry] });

  // --- live fleet and HTTP ---
  scraped(registry, 'cf_live_packs', 'Packs with a latest reading in live state', 'gauge', () => one(src.live().packs));
  scraped(registry, 'cf_live_kiosks', 'Kiosks with a latest status in live state', 'gauge', () => one(src.live().kiosks));
  const http = new Histogram({ name: 'cf_http_request_duration_seconds', help: 'HTTP API requests, by method, route pattern and status', labelNames: ['method', 'route', 'status'], buckets: LATENCY_BUCKETS_S, registers: [registry] });

  return {
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    observeHttp(method, route, status, seconds) {
      http.observe({ method, route, status: String(status) }, seconds);
    },
    observeCommit(seconds) {
      commit.observe(seconds);
    },
    observeDecision(outcome, seconds) {
      decision.observe({ outcome }, seconds);
    },
  };
}

/** The store as the pipeline sees it, with each batch commit timed (reads pass straight through). */
export function timedWrites(store: TelemetryStore, observe: (seconds: number) => void): TelemetryStore {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'writeBatch') {
        return async (batch: Parameters<TelemetryStore['writeBatch']>[0]) => {
          const t0 = performance.now();
          try {
            return await target.writeBatch(batch);
          } finally {
            observe((performance.now() - t0) / 1000);
          }
        };
      }
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
