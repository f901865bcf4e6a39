// The MQTT device edge on aedes 1.2: listeners with a frame guard in front of aedes' parser,
// device authentication and topic ACL, the uplink commit hook, and server downlinks.
import { Aedes } from 'aedes';
import type { Client, PublishPacket } from 'aedes';
import type { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { CfError } from '../domain/errors.ts';
import type { ErrorCode } from '../domain/errors.ts';
import { parseTopic } from '../domain/topics.ts';
import type { DeviceKind } from '../domain/topics.ts';
import { BrokerCounters } from './broker-metrics.ts';
import type { BrokerMetrics } from './broker-metrics.ts';
import { DeviceEvents } from './device-events.ts';
import type { DeviceEventName, DeviceListener } from './device-events.ts';
import { createDeviceHooks } from './device-hooks.ts';
import { DownlinkGate } from './downlink-gate.ts';
import { installFrameGuard } from './frame-guard.ts';
import { openListeners } from './listeners.ts';
import type { Listeners } from './listeners.ts';
import { LogLimiter } from './log-limiter.ts';
import { CutBackoff, DEFAULT_CUT_BACKOFF, DeviceBuckets } from './device-limits.ts';
import { subscribeProblem } from './subscribe-guard.ts';
import { CUT_GRACE_MS, DOWNLINK_IN_FLIGHT, DOWNLINK_QUEUE_MAX, MAX_CLIENT_ID_LENGTH, MQ_CONCURRENCY, resolveBrokerLimits } from './options.ts';
import type { BrokerOptions } from './options.ts';

export interface BrokerEndpoints {
  mqttUrl: string;
  mqttsUrl?: string;
  port: number;
  tlsPort?: number;
}

export interface DeviceBroker {
  /** Starts aedes and the listeners; resolves with the URLs devices connect to. */
  start(): Promise<BrokerEndpoints>;
  /** Closes listeners and aedes, and waits for every socket to close. */
  stop(): Promise<void>;
  /**
   * Server-originated downlink (commands, decisions, nudges); bypasses authorizePublish. Resolves
   * once aedes handed it to every local subscriber's socket (not when the device acknowledged it).
   * Rejects with CF_ERR_MQTT_TOPIC_DENIED for a topic that is not a fleet/v1 downlink.
   */
  publish(topic: string, payload: Uint8Array, qos: 0 | 1): Promise<void>;
  /** Disconnects a device now (used on revoke). Returns true if it was connected. */
  disconnect(deviceId: string, code: ErrorCode): boolean;
  isConnected(deviceId: string): boolean;
  /** Authenticated devices connected now. */
  connectedCount(): number;
  on(event: DeviceEventName, fn: DeviceListener): void;
  metrics(): BrokerMetrics;
}

const nowMs = (): number => performance.now();

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export function createDeviceBroker(opts: BrokerOptions): DeviceBroker {
  const limits = resolveBrokerLimits(opts.limits);
  const log = opts.logger.child({ component: 'broker' });
  const logLimited = new LogLimiter(log, nowMs);
  const counters = new BrokerCounters();
  const events = new DeviceEvents(log);
  const gate = new DownlinkGate(DOWNLINK_IN_FLIGHT, DOWNLINK_QUEUE_MAX);
  const deliberate = new WeakSet<Error>();
  const uplinkPackets = new WeakSet<object>();
  /** Registered sessions by device id (set when aedes registers the client, before CONNACK). */
  const sessions = new Map<string, Client>();
  /** Clients announced with deviceConnected, so each gets exactly one deviceDisconnected. */
  const announced = new WeakSet<Client>();
  let readyCount = 0;

  const hooks = createDeviceHooks({
    authenticate: opts.authenticate,
    onUplink: opts.onUplink,
    counters,
    logLimited,
    deliberate,
    uplinkPackets,
    buckets: new DeviceBuckets(limits.publishRatePerSec, limits.publishBurst),
    ledgerBuckets: new DeviceBuckets(limits.ledgerRatePerSec, limits.ledgerBurst),
    backoff: new CutBackoff(opts.cutBackoff ?? DEFAULT_CUT_BACKOFF),
    keepaliveLimitS: limits.keepaliveLimitS,
    nowMs,
  });
  /** Set when the connection cap refused a socket; cleared when a socket is accepted again. */
  let atCap = false;

  const aedes = new Aedes({
    concurrency: MQ_CONCURRENCY,
    drainTimeout: limits.drainTimeoutMs,
    connectTimeout: limits.connectTimeoutMs,
    // Checked in our authenticate hook instead: aedes answers CONNACK 6, which MQTT 3.1.1 does not define.
    keepaliveLimit: 0,
    maxTopicLevels: limits.maxTopicLevels,
    maxInflightInbound: limits.maxInflightInbound,
    maxClientsIdLength: MAX_CLIENT_ID_LENGTH,
    preConnect: hooks.preConnect,
    authenticate: hooks.authenticate,
    authorizePublish: hooks.authorizePublish,
    authorizeSubscribe: hooks.authorizeSubscribe,
  });

  // Uplinks go to onUplink, not to subscribers (the ACL lets no device subscribe to them), so they
  // skip aedes' fan-out: no retained store, no offline enqueue, no mqemitter slot.
  const fanOut = aedes.publish.bind(aedes) as unknown as (packet: PublishPacket, client: Client | null, done: (err?: Error | null) => void) => void;
  (aedes as unknown as { publish: unknown }).publish = function publish(
    packet: PublishPacket,
    client: Client | null | ((err?: Error | null) => void),
    done?: (err?: Error | null) => void,
  ): void {
    if (typeof client === 'function') return fanOut(packet, null, client);
    if (uplinkPackets.has(packet)) return done?.(null);
    fanOut(packet, client ?? null, done ?? (() => {}));
  };

  aedes.on('client', (client) => {
    const identity = hooks.identities.get(client);
    if (identity) sessions.set(identity.deviceId, client);
  });
  aedes.on('clientReady', (client) => {
    const identity = hooks.identities.get(client);
    if (!identity) return;
    announced.add(client);
    readyCount++;
    counters.connectionsAccepted++;
    events.emit('deviceConnected', identity.deviceId, identity.kind);
  });
  aedes.on('clientDisconnect', (client) => {
    const identity = hooks.identities.get(client);
    if (!identity) return;
    if (sessions.get(identity.deviceId) === client) sessions.delete(identity.deviceId);
    if (!announced.has(client)) return;
    announced.delete(client);
    readyCount--;
    events.emit('deviceDisconnected', identity.deviceId, identity.kind);
  });
  const onClientError = (client: Client, err: Error): void => {
    if (deliberate.has(err)) return;
    counters.clientErrors++;
    logLimited.log('debug', hooks.identities.get(client)?.deviceId ?? null, { err: err.message }, 'client error');
  };
  aedes.on('clientError', onClientError);
  aedes.on('connectionError', onClientError);
  // aedes emits 'error' for persistence failures; unhandled, an EventEmitter 'error' kills the process.
  (aedes as EventEmitter).on('error', (err: Error) => log.error({ err }, 'aedes error'));

  function acceptSocket(socket: Duplex): void {
    let client: Client | null = null;
    installFrameGuard(socket, {
      limits,
      nowMs,
      graceMs: CUT_GRACE_MS,
      onViolation(violation, declaredBytes) {
        const deviceId = client ? (hooks.identities.get(client)?.deviceId ?? null) : null;
        if (violation === 'packet-too-large') {
          counters.packetTooLarge++;
          logLimited.log('warn', deviceId, { declaredBytes, maxPacketBytes: limits.maxPacketBytes }, 'packet too large; connection cut');
        } else {
          counters.rateLimited++;
          logLimited.log('warn', deviceId, { publishRatePerSec: limits.publishRatePerSec, publishBurst: limits.publishBurst }, 'publish rate exceeded; connection cut');
        }
        if (deviceId !== null) hooks.cut(deviceId);
      },
    });
    atCap = false;
    const c = aedes.handle(socket);
    client = c;
    // Runs before aedes' own 'packet' listener, so a refused SUBSCRIBE never reaches its handler.
    (c as unknown as { _parser: EventEmitter })._parser.prependListener('packet', (packet: { cmd: string; subscriptions?: { topic: string }[] }) => {
      if (packet.cmd !== 'subscribe') return;
      const problem = subscribeProblem((packet.subscriptions ?? []).map((sub) => sub.topic));
      if (problem === null) return;
      const deviceId = hooks.identities.get(c)?.deviceId ?? null;
      counters.refused('CF_ERR_MQTT_SUBSCRIBE_REFUSED');
      logLimited.log('warn', deviceId, { reason: problem }, 'SUBSCRIBE refused; closing connection');
      if (deviceId !== null) hooks.cut(deviceId);
      // An unknown command makes aedes' handler destroy the connection without answering.
      packet.cmd = 'refused-subscribe';
      socket.destroy();
    });
  }

  let listeners: Listeners | null = null;
  let state: 'new' | 'started' | 'stopped' = 'new';

  async function publishDownlink(topic: string, payload: Uint8Array, qos: 0 | 1): Promise<void> {
    const parsed = parseTopic(topic);
    if (!parsed.ok || parsed.direction !== 'down') {
      throw new CfError('CF_ERR_MQTT_TOPIC_DENIED', `not a downlink topic: ${topic.slice(0, 200)}`);
    }
    const buf = Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    await gate.acquire();
    try {
      await new Promise<void>((resolve, reject) => {
        fanOut({ cmd: 'publish', topic, payload: buf, qos, retain: false, dup: false }, null, (err) => (err ? reject(err) : resolve()));
      });
    } finally {
      gate.release();
    }
  }

  return {
    async start() {
      if (state !== 'new') throw new Error('a DeviceBroker starts once');
      state = 'started';
      await aedes.listen();
      try {
        listeners = await openListeners({
          host: opts.host,
          port: opts.port,
          ...(opts.tls ? { tls: opts.tls } : {}),
          maxConnections: limits.maxConnections,
          handshakeTimeoutMs: limits.connectTimeoutMs,
          onSocket: acceptSocket,
          onRefused(remoteAddress) {
            counters.refused('CF_ERR_MQTT_SERVER_BUSY');
            // Said once per episode whatever the log budget: a full edge must never be silent.
            if (!atCap) log.warn({ maxConnections: limits.maxConnections, sockets: listeners?.socketCount() ?? null }, 'connection cap reached: refusing new sockets');
            atCap = true;
            logLimited.log('warn', null, { remoteAddress, maxConnections: limits.maxConnections }, 'socket refused: too many connections');
          },
          onError(err, where) {
            logLimited.log(where === 'tls-handshake' ? 'debug' : 'warn', null, { err: err.message, where }, 'listener error');
          },
        });
      } catch (err) {
        await new Promise<void>((resolve) => aedes.close(() => resolve()));
        throw err;
      }
      const host = urlHost(opts.host);
      const endpoints: BrokerEndpoints = { mqttUrl: `mqtt://${host}:${listeners.port}`, port: listeners.port };
      if (listeners.tlsPort !== undefined) {
        endpoints.mqttsUrl = `mqtts://${host}:${listeners.tlsPort}`;
        endpoints.tlsPort = listeners.tlsPort;
      }
      log.info(endpoints, 'broker listening');
      return endpoints;
    },

    async stop() {
      if (state === 'stopped') return;
      const wasStarted = state === 'started';
      state = 'stopped';
      gate.close(new CfError('CF_ERR_MQTT_SERVER_BUSY', 'broker is stopping'));
      const closeAedes = () => new Promise<void>((resolve) => aedes.close(() => resolve()));
      if (listeners) await listeners.close(closeAedes);
      else if (wasStarted) await closeAedes();
      log.info('broker stopped');
    },

    publish: publishDownlink,

    disconnect(deviceId, code) {
      const client = sessions.get(deviceId);
      if (!client) return false;
      log.child({ deviceId }).info({ code }, 'disconnecting device');
      // MQTT 3.1.1 has no server DISCONNECT: closing the network connection is the signal (MQTT 3.1.1 §3.14).
      client.close();
      return true;
    },

    isConnected(deviceId) {
      return sessions.get(deviceId)?.connected === true;
    },

    connectedCount: () => readyCount,

    on(event: DeviceEventName, fn: (deviceId: string, kind: DeviceKind) => void) {
      events.on(event, fn);
    },

    metrics: () => ({ ...counters.snapshot(readyCount, listeners?.socketCount() ?? 0), maxConnections: limits.maxConnections }),
  };
}
