// The aedes hooks that make aedes our device edge: who may connect (preConnect, authenticate),
// what they may publish and subscribe to (ACL), and the uplink commit hook (authorizePublish hands
// the message to onUplink and lets aedes write PUBACK only once ack() is called).
import type { Client, ConnectPacket, PublishPacket, Subscription } from 'aedes';
import { CfError, ERRORS } from '../domain/errors.ts';
import type { ErrorCode, ErrorSpec } from '../domain/errors.ts';
import type { InboundHandler } from '../domain/inbound.ts';
import { isValidId } from '../domain/topics.ts';
import { mayPublish, maySubscribe } from './acl.ts';
import type { DeviceIdentity } from './acl.ts';
import type { BrokerCounters } from './broker-metrics.ts';
import type { LogLimiter } from './log-limiter.ts';
import type { CutBackoff, DeviceBuckets } from './device-limits.ts';
import type { AuthResult } from './options.ts';

/** The identity proven at CONNECT, kept per aedes client. Ids in topics and payloads are checked against it. */
export interface SessionIdentity extends DeviceIdentity {
  /** Last topic that passed the publish ACL: devices repeat one topic, so most checks are one compare. */
  lastTopic: string;
}

// MQTT 3.1.1 CONNACK return codes (§3.2.2.3), chosen from the catalogue's MQTT 5 reason.
const CONNACK_BY_REASON: Readonly<Record<number, number>> = {
  0x85: 2, // client identifier not valid -> identifier rejected
  0x86: 4, // bad user name or password
  0x87: 5, // not authorized
  0x88: 3, // server unavailable
  0x89: 3, // server busy -> server unavailable
};

/**
 * Refusals without an MQTT 5 reason that maps. Keep-alive: 3.1.1 defines no code for it (aedes
 * sent 6, which 3.1.1 does not define); like mosquitto for 3.1.1 clients past max_keepalive, we
 * answer 2 (identifier rejected), which a client does not retry blindly.
 */
const CONNACK_BY_CODE: Partial<Record<ErrorCode, number>> = {
  CF_ERR_MQTT_KEEPALIVE_INVALID: 2,
};

export function connackReturnCode(code: ErrorCode): number {
  const fixed = CONNACK_BY_CODE[code];
  if (fixed !== undefined) return fixed;
  const spec: ErrorSpec = ERRORS[code];
  const byReason = spec.mqttReason === undefined ? undefined : CONNACK_BY_REASON[spec.mqttReason];
  return byReason ?? (spec.retryable ? 3 : 5);
}

export interface DeviceHooksDeps {
  authenticate(deviceId: string, password: string): Promise<AuthResult>;
  onUplink: InboundHandler;
  counters: BrokerCounters;
  logLimited: LogLimiter;
  /** Errors the broker raises on purpose (refusals, nacks): not counted again as client errors. */
  deliberate: WeakSet<Error>;
  /** Uplink packets that passed the ACL: aedes.publish skips fan-out for them. */
  uplinkPackets: WeakSet<object>;
  /** The publish bucket per device, across its connections. */
  buckets: DeviceBuckets;
  /** Kiosk events and swap requests per device (each is a ledger transaction). */
  ledgerBuckets: DeviceBuckets;
  /** Refusal windows for devices that keep getting cut. */
  backoff: CutBackoff;
  /** Largest keep-alive a client may ask for, seconds; 0 = any (and 0 itself is allowed). */
  keepaliveLimitS: number;
  /** Monotonic milliseconds. */
  nowMs(): number;
}

type AuthDone = (error: (Error & { returnCode: number }) | null, success: boolean | null) => void;

export function createDeviceHooks(deps: DeviceHooksDeps) {
  const identities = new WeakMap<Client, SessionIdentity>();
  /** The client id as sent: aedes replaces an empty one with a generated id before authenticate. */
  const sentClientIds = new WeakMap<Client, string>();
  const keepalives = new WeakMap<Client, number>();
  const { counters, logLimited, deliberate } = deps;

  function refuse(client: Client, done: AuthDone, deviceId: string, code: ErrorCode): void {
    const returnCode = connackReturnCode(code);
    counters.refused(code);
    logLimited.log('warn', deviceId === '' ? null : deviceId.slice(0, 64), { code, returnCode, remoteAddress: remoteAddress(client) }, 'connection refused');
    const err = Object.assign(new CfError(code), { returnCode });
    deliberate.add(err);
    done(err, false);
  }

  /** Counts a cut of an authenticated device and starts its refusal window. */
  function cut(deviceId: string): void {
    const windowMs = deps.backoff.recordCut(deviceId, deps.nowMs());
    if (windowMs > 0) logLimited.log('warn', deviceId, { refuseConnectForMs: windowMs }, 'device cut again; CONNECT refused for a while');
  }

  function preConnect(client: Client, packet: ConnectPacket, done: (err: Error | null, ok: boolean) => void): void {
    sentClientIds.set(client, packet.clientId);
    keepalives.set(client, packet.keepalive ?? 0);
    const version = packet.protocolVersion as number;
    if (version !== 3 && version !== 4) {
      // aedes 1.2 speaks MQTT 3.1 and 3.1.1 only: it answers CONNACK 1 (unacceptable protocol
      // version) [MQTT-3.1.2-2]. Say who asked, so an operator can find the MQTT 5 client.
      counters.refused('CF_ERR_MQTT_PROTOCOL_UNSUPPORTED');
      logLimited.log('warn', null, { clientId: String(packet.clientId).slice(0, 64), protocolVersion: version, returnCode: 1, remoteAddress: remoteAddress(client) }, 'connection refused: only MQTT 3.1.1 (and 3.1) are supported');
    }
    // The device contract defines no will messages; storing them would only cost memory.
    delete packet.will;
    done(null, true);
  }

  function authenticate(client: Client, username: Readonly<string | undefined>, password: Readonly<Buffer | undefined>, done: AuthDone): void {
    const clientId = sentClientIds.get(client) ?? '';
    const deviceId = username ?? '';
    // User name AND client id must both be the device id. An empty client id would get a server-assigned
    // one [MQTT-3.1.3-6]; we reject it instead with CONNACK 0x02 [MQTT-3.1.3-8].
    if (clientId === '' || deviceId !== clientId || !isValidId(deviceId)) {
      refuse(client, done, deviceId || clientId, 'CF_ERR_MQTT_CLIENT_ID_MISMATCH');
      return;
    }
    // Keep-alive 0 (never time out) or past the limit: a dead device would hold a descriptor forever.
    const keepaliveS = keepalives.get(client) ?? 0;
    if (deps.keepaliveLimitS > 0 && (keepaliveS === 0 || keepaliveS > deps.keepaliveLimitS)) {
      refuse(client, done, deviceId, 'CF_ERR_MQTT_KEEPALIVE_INVALID');
      return;
    }
    if (!password || password.length === 0) {
      refuse(client, done, deviceId, 'CF_ERR_MQTT_BAD_CREDENTIALS');
      return;
    }
    // Checked before the password: a device in its refusal window costs no scrypt.
    if (deps.backoff.refusedForMs(deviceId, deps.nowMs()) > 0) {
      refuse(client, done, deviceId, 'CF_ERR_MQTT_BACKOFF');
      return;
    }
    deps.authenticate(deviceId, password.toString('utf8')).then(
      (res) => {
        if (!res.ok) return refuse(client, done, deviceId, res.code);
        identities.set(client, { deviceId, kind: res.kind, lastTopic: '' });
        done(null, true);
      },
      (err: unknown) => {
        logLimited.log('warn', deviceId, { err }, 'authenticate failed');
        refuse(client, done, deviceId, 'CF_ERR_STORE_UNAVAILABLE');
      },
    );
  }

  function denyPublish(identity: SessionIdentity | undefined, topic: string, reason: string, cb: (err?: Error | null) => void): void {
    counters.publishesRefused++;
    logLimited.log('warn', identity?.deviceId ?? null, { topic: topic.slice(0, 200), reason }, 'publish refused; closing connection');
    const err = new CfError('CF_ERR_MQTT_TOPIC_DENIED', reason);
    deliberate.add(err);
    if (identity) cut(identity.deviceId);
    // [MQTT-3.3.5-2] the server may close the connection instead of acknowledging an
    // unauthorized PUBLISH; aedes closes it when authorizePublish calls back with an error.
    cb(err);
  }

  function authorizePublish(client: Client | null, packet: PublishPacket, cb: (err?: Error | null) => void): void {
    const identity = client ? identities.get(client) : undefined;
    // Will messages arrive here without cmd 'publish' (and client null for stale wills): refuse them.
    if (!client || !identity || packet.cmd !== 'publish') return denyPublish(identity, String(packet.topic), 'not a device publish', cb);
    if (packet.topic !== identity.lastTopic) {
      const decision = mayPublish(identity, packet.topic);
      if (!decision.ok) return denyPublish(identity, packet.topic, decision.reason, cb);
      identity.lastTopic = packet.topic;
    }
    // The device's buckets, shared by all its connections: reconnecting does not refill them.
    const ledgerTopic = identity.kind === 'kiosk' && (packet.topic.endsWith('/events') || packet.topic.endsWith('/swap/requests'));
    if (!deps.buckets.take(identity.deviceId, deps.nowMs()) || (ledgerTopic && !deps.ledgerBuckets.take(identity.deviceId, deps.nowMs()))) {
      counters.rateLimited++;
      logLimited.log('warn', identity.deviceId, {}, 'device publish rate exceeded across connections; connection cut');
      cut(identity.deviceId);
      const err = new CfError('CF_ERR_MQTT_RATE_EXCEEDED');
      deliberate.add(err);
      return cb(err); // [MQTT-3.3.5-2]: closing the connection is the refusal; no PUBACK, the device keeps it
    }
    // Uplinks are consumed in-process by onUplink and never fanned out, so there is nothing to retain.
    packet.retain = false;
    deps.uplinkPackets.add(packet);
    let settled = false;
    const ack = (err?: Error | null): void => {
      if (settled) return;
      settled = true;
      // The device is gone: no PUBACK to write, and it resends what it did not see acknowledged.
      if (client.closed) return;
      if (err) {
        const e = err instanceof Error ? err : new Error(String(err));
        counters.uplinksNacked++;
        deliberate.add(e);
        cb(e); // aedes closes the connection; no PUBACK, so the device keeps the message.
      } else {
        cb(null); // QoS 1: aedes now writes PUBACK [MQTT-4.3.2-2]; QoS 0: nothing to write.
      }
    };
    try {
      deps.onUplink(
        { deviceId: identity.deviceId, deviceKind: identity.kind, topic: packet.topic, payload: packet.payload as Buffer, qos: packet.qos, dup: packet.dup },
        ack,
      );
    } catch (err) {
      logLimited.log('warn', identity.deviceId, { err }, 'onUplink threw; closing connection');
      ack(err instanceof Error ? err : new Error(String(err)));
    }
  }

  function authorizeSubscribe(client: Client, sub: Subscription, cb: (err: Error | null, sub?: Subscription | null) => void): void {
    const identity = identities.get(client);
    const decision = identity ? maySubscribe(identity, sub.topic) : { ok: false as const, reason: 'not authenticated' };
    if (!decision.ok) {
      counters.subscriptionsRefused++;
      logLimited.log('warn', identity?.deviceId ?? null, { topic: sub.topic.slice(0, 200), reason: decision.reason }, 'subscription refused');
      // [MQTT-3.8.4-5] the SUBACK carries 0x80 (failure, 3.9.3) for this filter; the connection stays up.
      return cb(null, null);
    }
    // Downlinks are sent at QoS 1 at most.
    cb(null, sub.qos > 1 ? { ...sub, qos: 1 } : sub);
  }

  return { identities, preConnect, authenticate, authorizePublish, authorizeSubscribe, cut };
}

function remoteAddress(client: Client): string | undefined {
  return (client.conn as { remoteAddress?: string }).remoteAddress;
}
