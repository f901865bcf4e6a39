// Counters of the device edge, kept as plain numbers (incremented on the refusal paths only) and
// copied out by metrics().
import type { ErrorCode } from '../domain/errors.ts';

export interface BrokerMetrics {
  /** Connections that got CONNACK 0 (authenticated). */
  connectionsAccepted: number;
  /** Sockets or CONNECTs refused, by reason code. */
  connectionsRefused: Partial<Record<ErrorCode, number>>;
  /** Publishes refused by the topic ACL (each also closed its connection). */
  publishesRefused: number;
  /** Subscriptions refused by the topic ACL (SUBACK 0x80; the connection stays up). */
  subscriptionsRefused: number;
  /** Connections cut because a packet declared more than maxPacketBytes. */
  packetTooLarge: number;
  /** Connections cut because PUBLISH packets outran the token bucket. */
  rateLimited: number;
  /** Uplinks whose ack(err) closed the connection without PUBACK. */
  uplinksNacked: number;
  /** Other client errors seen by aedes (parse errors, keep-alive and connect timeouts, drain timeouts). */
  clientErrors: number;
  /** Authenticated devices connected now. */
  connections: number;
  /** Open sockets now (TCP and TLS, authenticated or not). */
  sockets: number;
  /** The effective connection cap (CF_MAX_CONNECTIONS, lowered to fit the descriptor limit). */
  maxConnections?: number;
}

export class BrokerCounters {
  connectionsAccepted = 0;
  readonly connectionsRefused: Partial<Record<ErrorCode, number>> = {};
  publishesRefused = 0;
  subscriptionsRefused = 0;
  packetTooLarge = 0;
  rateLimited = 0;
  uplinksNacked = 0;
  clientErrors = 0;

  refused(code: ErrorCode): void {
    this.connectionsRefused[code] = (this.connectionsRefused[code] ?? 0) + 1;
  }

  snapshot(connections: number, sockets: number): BrokerMetrics {
    return {
      connectionsAccepted: this.connectionsAccepted,
      connectionsRefused: { ...this.connectionsRefused },
      publishesRefused: this.publishesRefused,
      subscriptionsRefused: this.subscriptionsRefused,
      packetTooLarge: this.packetTooLarge,
      rateLimited: this.rateLimited,
      uplinksNacked: this.uplinksNacked,
      clientErrors: this.clientErrors,
      connections,
      sockets,
    };
  }
}
