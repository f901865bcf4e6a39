// Options of the MQTT device edge: limits with their defaults (validated, then frozen), and the
// aedes options derived from them.
import type { Logger } from 'pino';
import { CfError } from '../domain/errors.ts';
import type { ErrorCode } from '../domain/errors.ts';
import type { InboundHandler } from '../domain/inbound.ts';
import type { DeviceKind } from '../domain/topics.ts';
import type { CutBackoffPolicy } from './device-limits.ts';

export interface BrokerLimits {
  /** Max MQTT packet size in bytes (fixed header + remaining length), enforced on the raw socket stream before aedes/mqtt-packet parse. */
  maxPacketBytes: number;
  /** Sustained PUBLISH packets per second per connection (token bucket refill rate). Exceeding it cuts the client off. */
  publishRatePerSec: number;
  /** PUBLISH packets a connection may send in one burst (token bucket size). */
  publishBurst: number;
  /**
   * Kiosk events and swap requests per second per device: each costs a ledger transaction, which
   * ingest waits for, so one kiosk must not be able to spend them all (bench/fuzz.ts found a 55 s
   * PUBACK stall for every device). Exceeding it cuts the client off.
   */
  ledgerRatePerSec: number;
  /** Kiosk events and swap requests a device may send in one burst (a backlog after an outage). */
  ledgerBurst: number;
  /** Open sockets (TCP and TLS together) beyond which new sockets are refused. */
  maxConnections: number;
  /** Max `/`-separated levels in a topic (aedes `maxTopicLevels`); our contract needs 6. */
  maxTopicLevels: number;
  /** Inbound QoS 2 packets a client may hold awaiting PUBREL (aedes `maxInflightInbound`). */
  maxInflightInbound: number;
  /** How long a slow subscriber's socket may stay full before it is disconnected (aedes `drainTimeout`). */
  drainTimeoutMs: number;
  /** Largest keep-alive a client may ask for, in seconds; a CONNECT asking for 0 or for more gets CONNACK 2 (device-hooks.ts). */
  keepaliveLimitS: number;
  /** How long a socket may stay open without sending CONNECT (aedes `connectTimeout`), also the TLS handshake timeout. */
  connectTimeoutMs: number;
}

export const DEFAULT_BROKER_LIMITS: Readonly<BrokerLimits> = Object.freeze({
  maxPacketBytes: 65_536,
  publishRatePerSec: 200,
  publishBurst: 400,
  ledgerRatePerSec: 5,
  ledgerBurst: 100,
  maxConnections: 100_000,
  maxTopicLevels: 8,
  maxInflightInbound: 100,
  drainTimeoutMs: 10_000,
  keepaliveLimitS: 300,
  connectTimeoutMs: 10_000,
});

export type AuthResult = { ok: true; kind: DeviceKind } | { ok: false; code: ErrorCode };

export interface TlsListenerOptions {
  /** Port of the TLS listener; 0 picks an ephemeral one. */
  port: number;
  /** PEM certificate chain file. */
  certPath: string;
  /** PEM private key file. */
  keyPath: string;
  /** PEM CA bundle, when the chain needs one. */
  caPath?: string;
}

export interface BrokerOptions {
  /** Address both listeners bind to. */
  host: string;
  /** Plain MQTT port; 0 picks an ephemeral one. */
  port: number;
  /** TLS listener in addition to TCP. */
  tls?: TlsListenerOptions;
  limits: BrokerLimits;
  /** Root or parent logger; the broker makes a child with component 'broker'. */
  logger: Logger;
  /** Checks a device's credentials; app/ implements it with the registry. */
  authenticate(deviceId: string, password: string): Promise<AuthResult>;
  /** Every uplink publish that passed the ACL goes here; PUBACK is sent only when ack() is called; ack(err) closes the connection without PUBACK. */
  onUplink: InboundHandler;
  /** Refusal windows for devices that keep getting cut (default DEFAULT_CUT_BACKOFF). */
  cutBackoff?: CutBackoffPolicy;
}

/**
 * mqemitter delivery slots (aedes `concurrency`). A delivery to a slow subscriber holds its slot
 * until the socket drains or drainTimeout fires, so this is the headroom for slow kiosks.
 */
export const MQ_CONCURRENCY = 1000;
/**
 * Server downlinks allowed in flight at once. Kept below MQ_CONCURRENCY so mqemitter's own queue
 * never fills: aedes 1.2 drains that queue recursively and overflows the stack when thousands of
 * queued messages find no subscriber (see tests/integration/broker.test.ts, flood).
 */
export const DOWNLINK_IN_FLIGHT = 800;
/** Downlinks waiting for a slot before publish() refuses with CF_ERR_MQTT_SERVER_BUSY. */
export const DOWNLINK_QUEUE_MAX = 100_000;
/** From a frame-guard violation to closing the socket: time for the acks of the packets before it. */
export const CUT_GRACE_MS = 500;
/** Client ids are device ids, up to 64 characters (domain/topics.ts isValidId); MQTT 3.1 capped them at 23. */
export const MAX_CLIENT_ID_LENGTH = 64;

/** Fills defaults, checks every limit is a positive integer, and freezes the result. */
export function resolveBrokerLimits(overrides: Partial<BrokerLimits> = {}): Readonly<BrokerLimits> {
  const limits: BrokerLimits = { ...DEFAULT_BROKER_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new CfError('CF_ERR_CONFIG_INVALID', `broker limit ${name} must be a positive integer, got ${String(value)}`);
    }
  }
  if (limits.maxPacketBytes < 64) {
    throw new CfError('CF_ERR_CONFIG_INVALID', 'broker limit maxPacketBytes must be at least 64 (a CONNECT does not fit in less)');
  }
  if (limits.maxTopicLevels > 100) {
    // aedes clamps to 100 because qlobber throws past its max_words; say so instead of clamping silently.
    throw new CfError('CF_ERR_CONFIG_INVALID', 'broker limit maxTopicLevels must be at most 100');
  }
  return Object.freeze(limits);
}
