// One schema for every setting: CF_* environment variables, their defaults, their meaning and
// their parsers. The README's configuration table is checked against it by a test.

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export interface Setting<T> {
  env: string;
  doc: string;
  /** Shown in docs; undefined means "unset" (optional setting). */
  default: T | undefined;
  parse(raw: string): Parsed<T>;
  secret?: boolean;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (error: string): Parsed<never> => ({ ok: false, error });

export const int = (min: number, max: number) => (raw: string): Parsed<number> => {
  if (!/^-?\d+$/.test(raw.trim())) return fail(`"${raw}" is not an integer`);
  const n = Number(raw);
  return n >= min && n <= max ? ok(n) : fail(`${n} is outside ${min}..${max}`);
};
export const num = (min: number, max: number) => (raw: string): Parsed<number> => {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) return fail(`"${raw}" is not a number`);
  return n >= min && n <= max ? ok(n) : fail(`${n} is outside ${min}..${max}`);
};
export const str = (raw: string): Parsed<string> => (raw.length > 0 ? ok(raw) : fail('must not be empty'));
export const oneOf = <T extends string>(...values: T[]) => (raw: string): Parsed<T> =>
  (values as string[]).includes(raw) ? ok(raw as T) : fail(`"${raw}" is not one of ${values.join(', ')}`);
export const bool = (raw: string): Parsed<boolean> => {
  if (/^(1|true|yes|on)$/i.test(raw)) return ok(true);
  if (/^(0|false|no|off)$/i.test(raw)) return ok(false);
  return fail(`"${raw}" is not a boolean (true/false)`);
};
export const host = (raw: string): Parsed<string> =>
  /^[A-Za-z0-9.:[\]-]+$/.test(raw) ? ok(raw) : fail(`"${raw}" is not a host name or address`);
export const url = (raw: string): Parsed<string> => {
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? ok(raw.replace(/\/$/, '')) : fail('must be an http(s) URL');
  } catch {
    return fail(`"${raw}" is not a URL`);
  }
};

/** `family=3,duo=2`: plan name → a whole number in [min, max]; every bad entry named. */
export const planCounts = (min: number, max: number) => (raw: string): Parsed<Readonly<Record<string, number>>> => {
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  const errors: string[] = [];
  for (const part of raw.split(',')) {
    const m = /^\s*([^=,\s][^=,]*?)\s*=\s*(\d+)\s*$/.exec(part);
    const n = m ? Number(m[2]) : NaN;
    if (!m) errors.push(`"${part.trim()}" is not plan=N`);
    else if (n < min || n > max) errors.push(`${m[1]}=${n} is outside ${min}..${max}`);
    else if (Object.hasOwn(out, m[1]!)) errors.push(`plan "${m[1]}" is given twice`);
    else out[m[1]!] = n;
  }
  return errors.length > 0 ? fail(errors.join('; ')) : ok(Object.freeze(out));
};

function s<T>(env: string, def: T | undefined, parse: (raw: string) => Parsed<T>, doc: string, secret = false): Setting<T> {
  return { env, default: def, parse, doc, secret };
}

export const SCHEMA = {
  dataDir: s('CF_DATA_DIR', './data', str, 'Where the DuckDB files, the durable log (unless CF_LOG_DIR) and generated secrets live.'),
  logLevel: s('CF_LOG_LEVEL', 'info', oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'), 'pino log level.'),
  mqttHost: s('CF_MQTT_HOST', '127.0.0.1', host, 'MQTT (TCP) listen address.'),
  mqttPort: s('CF_MQTT_PORT', 1883, int(0, 65535), 'MQTT (TCP) listen port; 0 picks a free port.'),
  mqttsPort: s('CF_MQTTS_PORT', 8883, int(0, 65535), 'MQTT over TLS listen port, used only when CF_TLS_CERT and CF_TLS_KEY are set.'),
  tlsCert: s<string>('CF_TLS_CERT', undefined, str, 'PEM certificate file for the TLS listener.'),
  tlsKey: s<string>('CF_TLS_KEY', undefined, str, 'PEM private key file for the TLS listener.'),
  tlsCa: s<string>('CF_TLS_CA', undefined, str, 'Optional PEM CA bundle for the TLS listener.'),
  httpHost: s('CF_HTTP_HOST', '127.0.0.1', host, 'HTTP API listen address.'),
  httpPort: s('CF_HTTP_PORT', 8080, int(0, 65535), 'HTTP API listen port; 0 picks a free port.'),
  adminToken: s<string>('CF_ADMIN_TOKEN', undefined, (raw) => (raw.length >= 16 ? ok(raw) : fail('must be at least 16 characters')), 'Bearer token with admin rights. Unset: `serve` generates one at first start, prints it once and stores only its hash.', true),
  store: s('CF_STORE', 'duckdb' as 'duckdb' | 'influx', oneOf('duckdb', 'influx'), 'Time-series store behind the durable log: the embedded DuckDB file, or InfluxDB.'),
  influxUrl: s('CF_INFLUX_URL', 'http://127.0.0.1:8086', url, 'InfluxDB base URL (CF_STORE=influx).'),
  influxToken: s<string>('CF_INFLUX_TOKEN', undefined, str, 'InfluxDB API token (2.x/3.x), or `user:password` for 1.x; unset for an open 1.x server.', true),
  influxOrg: s('CF_INFLUX_ORG', 'chargefleet', str, 'InfluxDB organisation (2.x); ignored by 1.x.'),
  influxBucket: s('CF_INFLUX_BUCKET', 'chargefleet', str, 'InfluxDB bucket written through /api/v2/write.'),
  influxDatabase: s<string>('CF_INFLUX_DATABASE', undefined, str, 'Database (DBRP-mapped name) read through InfluxQL /query; defaults to the bucket.'),
  influxBatchLines: s('CF_INFLUX_BATCH_LINES', 5000, int(1, 100_000), 'Lines per InfluxDB write request (InfluxData advises about 5,000).'),
  influxWriteConcurrency: s('CF_INFLUX_WRITE_CONCURRENCY', 2, int(1, 64), 'InfluxDB write requests in flight at once while writing the log to it.'),
  influxTimeoutMs: s('CF_INFLUX_TIMEOUT_MS', 30_000, int(100, 600_000), 'HTTP timeout of one InfluxDB write or query.'),
  influxLatestWindowDays: s('CF_INFLUX_LATEST_WINDOW_DAYS', 28, int(1, 3650), 'At start, live state is rebuilt from packs that reported within this many days.'),
  influxFlushMs: s('CF_INFLUX_FLUSH_MS', 1000, int(1, 60_000), 'InfluxDB: longest time a logged reading waits before it is written to InfluxDB.'),
  logDir: s<string>('CF_LOG_DIR', undefined, str, 'The durable log every PUBACK waits for (default `$CF_DATA_DIR/log`); a fast disk of its own helps.'),
  logMaxBytes: s('CF_LOG_MAX_BYTES', 1024 * 1024 * 1024, int(1024 * 1024, Number.MAX_SAFE_INTEGER), 'Bound on the log not yet consumed by the store and custody. Past it, ingest stops acknowledging until they catch up.'),
  logSegmentBytes: s('CF_LOG_SEGMENT_BYTES', 32 * 1024 * 1024, int(4096, 1024 * 1024 * 1024), 'Size at which a log segment is sealed and the next begun; consumed segments are deleted whole.'),
  spoolMaxBytes: s<number>('CF_SPOOL_MAX_BYTES', undefined, int(1024 * 1024, Number.MAX_SAFE_INTEGER), 'Old name of CF_LOG_MAX_BYTES, used when that is unset.'),
  logMaxUnstored: s('CF_LOG_MAX_UNSTORED', 1_000_000, int(1000, 100_000_000), 'Readings in the log not yet in the store, held in memory so reads see them. Past it, ingest stops acknowledging.'),
  storeBatchMax: s('CF_STORE_BATCH_MAX', 20_000, int(1, 1_000_000), 'DuckDB: readings per store transaction at most (written behind the log, on the telemetry thread).'),
  storeFlushMs: s('CF_STORE_FLUSH_MS', 200, int(0, 60_000), 'DuckDB: longest time a logged reading waits before it is written to the store.'),
  maxPacketBytes: s('CF_MAX_PACKET_BYTES', 65_536, int(128, 268_435_455), 'Largest MQTT packet accepted; a bigger one cuts the client off before the broker buffers it.'),
  publishRatePerSec: s('CF_PUBLISH_RATE', 200, num(0.01, 1_000_000), 'Sustained PUBLISH packets per second per connection, and per device across its connections (token buckets).'),
  publishBurst: s('CF_PUBLISH_BURST', 400, int(1, 10_000_000), 'Token bucket size: PUBLISH packets a connection may send at once.'),
  kioskLedgerRatePerSec: s('CF_KIOSK_LEDGER_RATE', 5, int(1, 10_000_000), 'Kiosk events and swap requests per second per kiosk (each is a ledger transaction); past the burst the kiosk is cut off.'),
  kioskLedgerBurst: s('CF_KIOSK_LEDGER_BURST', 100, int(1, 10_000_000), 'Kiosk events and swap requests a kiosk may send at once (a backlog after an outage).'),
  maxConnections: s('CF_MAX_CONNECTIONS', 100_000, int(1, 10_000_000), 'Open MQTT connections beyond this are refused.'),
  maxTopicLevels: s('CF_MAX_TOPIC_LEVELS', 8, int(1, 100), 'Topic levels allowed in PUBLISH/SUBSCRIBE (aedes maxTopicLevels).'),
  maxInflightInbound: s('CF_MAX_INFLIGHT_INBOUND', 100, int(1, 65_535), 'Inbound QoS 2 messages a client may hold unreleased (aedes maxInflightInbound).'),
  drainTimeoutMs: s('CF_DRAIN_TIMEOUT_MS', 10_000, int(0, 600_000), 'A client whose socket does not drain within this is disconnected (aedes drainTimeout).'),
  keepaliveLimitS: s('CF_KEEPALIVE_LIMIT_S', 300, int(0, 65_535), 'Largest MQTT keepalive a client may ask for (aedes keepaliveLimit); 0 = no limit.'),
  connectTimeoutMs: s('CF_CONNECT_TIMEOUT_MS', 10_000, int(100, 600_000), 'A socket must send CONNECT within this (aedes connectTimeout).'),
  ingestBatchMax: s('CF_INGEST_BATCH_MAX', 2000, int(1, 100_000), 'Group commit: messages per batch at most.'),
  ingestBatchMs: s('CF_INGEST_BATCH_MS', 2, int(0, 10_000), 'Group commit: a batch is appended to the log this long after its first message (sooner when full); appends during an fsync share the next one.'),
  ingestMaxLoopLagMs: s('CF_INGEST_MAX_LOOP_LAG_MS', 40, int(0, 10_000), 'Past capacity: while the event loop, busy with ingest, falls further behind than this, a growing share of packs is refused (disconnected, they resend later) so the rest keep their latency. Kiosks never are. 0 = off.'),
  ingestMaxPending: s('CF_INGEST_MAX_PENDING', 200_000, int(1, 10_000_000), 'Messages waiting for a commit beyond this are not acknowledged (the client is disconnected and resends).'),
  maxClockSkewS: s('CF_MAX_CLOCK_SKEW_S', 300, int(0, 10_000_000), 'A device clock further ahead than this is marked suspect and the receive time is used.'),
  maxBackfillH: s('CF_MAX_BACKFILL_H', 720, int(1, 1_000_000), 'A device time older than this is marked suspect too (offline backlogs are fine up to it).'),
  offlineAfterS: s('CF_OFFLINE_AFTER_S', 120, int(1, 86_400 * 30), 'A device not connected and silent for this long is offline.'),
  chargedThresholdPct: s('CF_CHARGED_THRESHOLD_PCT', 90, num(1, 100), 'A pack is ready to hand out at or above this state of charge.'),
  sohFloorPct: s('CF_SOH_FLOOR_PCT', 80, num(0, 100), 'A pack below this state of health is never handed out.'),
  fairUsePer24h: s('CF_FAIR_USE_PER_24H', 6, int(0, 1000), 'Swaps (and first issues) a customer may make in any rolling 24 h, unless their own limit is set.'),
  maxPacksHeld: s('CF_MAX_PACKS_HELD', 1, int(1, 100), 'Packs a customer may hold at once, for plans not named in CF_PLAN_MAX_PACKS_HELD; a first issue beyond it is denied (PACK_LIMIT_REACHED).'),
  planMaxPacksHeld: s<Readonly<Record<string, number>>>('CF_PLAN_MAX_PACKS_HELD', undefined, planCounts(1, 100), 'Per-plan packs held at once, e.g. `family=3,duo=2` (plan names as in the registry import).'),
  hotReturnTempC: s('CF_HOT_RETURN_TEMP_C', 60, num(20, 150), 'A returned pack at or above this temperature is taken, its slot locked and the pack flagged.'),
  releaseTtlS: s('CF_RELEASE_TTL_S', 60, int(5, 3600), 'A release command is void this long after it is issued; kiosks ignore it afterwards.'),
  holdsMaxPerKiosk: s('CF_HOLDS_MAX_PER_KIOSK', 3, int(0, 64), 'Active holds a kiosk may carry at once; a nudge never holds a kiosk\'s last unheld ready pack.'),
  // Low-battery nudges (README "Nudges").
  nudgePolicy: s('CF_NUDGE_POLICY', 'personal' as 'personal' | 'blanket' | 'off', oneOf('personal', 'blanket', 'off'), 'Nudges: personal (each customer\'s own timing, stock and rules), blanket (every pack crossing 20 % at once: a baseline to compare with), or off.'),
  nudgeMaxPer24h: s('CF_NUDGE_MAX_PER_24H', 2, int(0, 100), 'Nudges a customer may get in any rolling 24 h.'),
  nudgeHoldoutPct: s('CF_NUDGE_HOLDOUT_PCT', 10, num(0, 100), 'Share of customers (stable, by a hash of the id) who never get a nudge; their would-be nudges are logged as HOLDOUT to measure the lift.'),
  nudgeHoldMin: s('CF_NUDGE_HOLD_MIN', 45, int(0, 1440), 'A nudge holds the best ready pack at the suggested kiosk this long (time to notice, set off and cover CF_NUDGE_MAX_DISTANCE_M); 0 holds nothing.'),
  nudgeConversionH: s('CF_NUDGE_CONVERSION_H', 3, num(0.1, 168), 'A swap by the customer within this many hours of a nudge is its conversion.'),
  nudgeEpisodeResetPct: s('CF_NUDGE_EPISODE_RESET_PCT', 80, num(1, 100), 'A low-battery episode (one nudge at most) ends when its pack is swapped or charged to this SoC.'),
  nudgeMaxDistanceM: s('CF_NUDGE_MAX_DISTANCE_M', 3000, int(100, 1_000_000), 'A store further than this from the pack\'s last location is out of reach; the customer\'s usual stores always count as in reach.'),
  nudgeWebhookUrl: s<string>('CF_NUDGE_WEBHOOK_URL', undefined, url, 'Nudges for customers on the webhook channel are POSTed here as signed JSON (README "Nudges").'),
  nudgeWebhookSecret: s<string>('CF_NUDGE_WEBHOOK_SECRET', undefined, (raw) => (raw.length >= 16 ? ok(raw) : fail('must be at least 16 characters')), 'HMAC-SHA256 key of the webhook signature, shared with the receiver; required with CF_NUDGE_WEBHOOK_URL.', true),
  nudgeWebhookTimeoutMs: s('CF_NUDGE_WEBHOOK_TIMEOUT_MS', 5000, int(100, 120_000), 'A webhook POST without an answer in this long is retried.'),
  nudgeWebhookMaxAttempts: s('CF_NUDGE_WEBHOOK_MAX_ATTEMPTS', 8, int(1, 100), 'Webhook attempts per nudge (backoff between them on timeouts, 408, 429 and 5xx) before it is marked failed.'),
  nudgeLinkSecret: s<string>('CF_NUDGE_LINK_SECRET', undefined, (raw) => (raw.length >= 16 ? ok(raw) : fail('must be at least 16 characters')), 'HMAC key that signs opt-out links. Unset: a random key kept in $CF_DATA_DIR/secrets/nudge-link.key (mode 0600).', true),
  publicUrl: s<string>('CF_PUBLIC_URL', undefined, url, 'Base URL customers reach this API at, for the opt-out link in webhook nudges. Unset: http://CF_HTTP_HOST:CF_HTTP_PORT.'),
  secretsFile: s<string>('CF_SECRETS_FILE', undefined, str, 'File (mode 0600) holding the customer-token pepper; created at first start. Unset: $CF_DATA_DIR/secrets.json. Back it up apart from the data.'),
  tokenPepper: s<string>('CF_TOKEN_PEPPER', undefined, (raw) => (/^[0-9a-fA-F]{64}$/.test(raw) ? ok(raw) : fail('must be 64 hex characters (32 bytes)')), 'The customer-token pepper itself (64 hex characters), e.g. from a secret store; when set, no secrets file is read or written.', true),
  unknownCardsPerMin: s('CF_UNKNOWN_CARDS_PER_MIN', 6, num(0.1, 10_000), 'Unknown-card swap answers a kiosk may get per minute, sustained; past the burst the kiosk answers KIOSK_THROTTLED (card guessing).'),
  unknownCardsBurst: s('CF_UNKNOWN_CARDS_BURST', 10, int(1, 100_000), 'Unknown-card swap answers a kiosk may get in a row before it is throttled.'),
  quarantineEntriesPerH: s('CF_QUARANTINE_ENTRIES_PER_H', 200, int(1, 10_000_000), 'Quarantine entries one device may add per hour; past it rejects are only counted (one summary entry per hour).'),
  quarantineBytesPerH: s('CF_QUARANTINE_BYTES_PER_H', 1024 * 1024, int(0, Number.MAX_SAFE_INTEGER), 'Payload bytes one device may keep in the quarantine per hour; past it only a hash and the first 64 bytes are kept.'),
  quarantineMaxPayloadBytes: s('CF_QUARANTINE_MAX_PAYLOAD_BYTES', 4096, int(64, 268_435_455), 'Raw bytes kept of one quarantined payload; the rest is cut (its size and hash are kept).'),
  quarantineRetentionD: s('CF_QUARANTINE_RETENTION_D', 14, int(1, 3650), 'Quarantine entries older than this many days are deleted (checked hourly).'),
  importMaxBytes: s('CF_IMPORT_MAX_BYTES', 32 * 1024 * 1024, int(1024, 1024 * 1024 * 1024), 'Largest registry import document (POST /v1/registry/import), bytes; split a larger fleet into several files (import upserts by id).'),
  cookieSecure: s('CF_COOKIE_SECURE', false, bool, 'Mark session cookies Secure (sent over HTTPS only). The API speaks plain HTTP; set this when users reach it through a TLS proxy.'),
  forecastWeeks: s('CF_FORECAST_WEEKS', 4, int(1, 52), 'Weeks of swap history the restock forecast reads (hour-of-week profile and level).'),
  restockHorizonH: s('CF_RESTOCK_HORIZON_H', 24, int(24, 48), 'Hours the restock projection and plan look ahead.'),
  restockAlertH: s('CF_RESTOCK_ALERT_H', 6, int(1, 48), 'Alert when a store is projected to run out of charged packs (or of free return slots) within this many hours.'),
  restockCheckS: s('CF_RESTOCK_CHECK_S', 300, int(10, 86_400), 'How often the projection behind the stock-out and return-slot alerts runs, and overdue jobs are checked.'),
  couriers: s('CF_COURIERS', 4, int(1, 10_000), 'Couriers the restock plan schedules (courier-1 ... courier-N).'),
  courierCapacity: s('CF_COURIER_CAPACITY', 40, int(1, 10_000), 'Packs a courier carries on one trip.'),
  courierSpeedKmh: s('CF_COURIER_SPEED_KMH', 18, num(1, 200), 'Average courier speed in traffic, km/h (road distance = great circle × 1.3).'),
  courierStopMin: s('CF_COURIER_STOP_MIN', 10, num(0, 240), 'Minutes a courier spends at each stop.'),
  warehouseLat: s<number>('CF_WAREHOUSE_LAT', undefined, num(-90, 90), 'Central warehouse latitude; unset: the stores\' centroid.'),
  warehouseLon: s<number>('CF_WAREHOUSE_LON', undefined, num(-180, 180), 'Central warehouse longitude; unset: the stores\' centroid.'),
  healthScoreMin: s('CF_HEALTH_SCORE_MIN', 40, num(0, 100), 'A pack whose health score (README "Withdrawals") falls below this is withdrawn.'),
  hotIdleTempC: s('CF_HOT_IDLE_TEMP_C', 45, num(20, 150), 'A pack at or above this temperature while idle in a slot (not charging): the slot is locked and the pack flagged.'),
  liveMaxStreams: s('CF_LIVE_MAX_STREAMS', 10_000, int(1, 1_000_000), 'Dashboard live-update streams (GET /v1/live) open at once, at most; each open page holds one (about 7 KiB of server heap each, plus its socket: bench/README.md "The dashboard").'),
} as const;

export type Schema = typeof SCHEMA;
export type ConfigKey = keyof Schema;
type ValueOf<S> = S extends Setting<infer T> ? T : never;
export type Config = { readonly [K in ConfigKey]: Schema[K]['default'] extends undefined ? ValueOf<Schema[K]> | undefined : ValueOf<Schema[K]> };
