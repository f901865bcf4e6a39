// The broker's sockets: a TCP listener and an optional TLS one, one shared count of open sockets
// (refusing new ones beyond the limit before any MQTT byte is read), and a stop that waits for
// every socket to close.
import net from 'node:net';
import tls from 'node:tls';
import { readFile } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import type { TlsListenerOptions } from './options.ts';

export interface ListenerOptions {
  host: string;
  port: number;
  tls?: TlsListenerOptions;
  maxConnections: number;
  /** TLS handshake timeout. */
  handshakeTimeoutMs: number;
  /** A socket ready for MQTT bytes (TCP at once, TLS after the handshake). */
  onSocket(socket: Duplex): void;
  /** A socket refused because maxConnections sockets are open. */
  onRefused(remoteAddress: string | undefined): void;
  /** Server-level errors (accept failures such as EMFILE, TLS handshake failures). */
  onError(err: Error, where: 'tcp' | 'tls' | 'tls-handshake'): void;
}

export interface Listeners {
  readonly port: number;
  readonly tlsPort: number | undefined;
  /** Open sockets, TCP and TLS together. */
  socketCount(): number;
  /** Stops accepting, destroys sockets still open after `closeClients` ran, and waits for all to close. */
  close(closeClients: () => Promise<void>): Promise<void>;
}

function listen(server: net.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr !== null ? addr.port : port);
    });
  });
}

export async function openListeners(opts: ListenerOptions): Promise<Listeners> {
  const sockets = new Set<net.Socket>();

  /** Counts a raw socket, or refuses it. Returns false when refused. */
  function admit(raw: net.Socket): boolean {
    if (sockets.size >= opts.maxConnections) {
      opts.onRefused(raw.remoteAddress);
      raw.destroy();
      return false;
    }
    sockets.add(raw);
    raw.once('close', () => sockets.delete(raw));
    return true;
  }

  // noDelay: PUBACKs are small and latency-bound; Nagle plus delayed ACK would add tens of ms.
  const tcp = net.createServer({ noDelay: true }, (socket) => {
    if (admit(socket)) opts.onSocket(socket);
  });
  tcp.on('error', (err) => opts.onError(err, 'tcp'));

  let secure: tls.Server | undefined;
  if (opts.tls) {
    const [cert, key, ca] = await Promise.all([
      readFile(opts.tls.certPath),
      readFile(opts.tls.keyPath),
      opts.tls.caPath ? readFile(opts.tls.caPath) : Promise.resolve(undefined),
    ]);
    secure = tls.createServer({ cert, key, ...(ca ? { ca } : {}), noDelay: true, handshakeTimeout: opts.handshakeTimeoutMs });
    // 'connection' carries the raw TCP socket, before the handshake costs any CPU.
    secure.on('connection', (raw: net.Socket) => void admit(raw));
    secure.on('secureConnection', (socket: tls.TLSSocket) => opts.onSocket(socket));
    secure.on('tlsClientError', (err) => opts.onError(err, 'tls-handshake'));
    secure.on('error', (err) => opts.onError(err, 'tls'));
  }

  let port: number;
  let tlsPort: number | undefined;
  try {
    port = await listen(tcp, opts.port, opts.host);
    tlsPort = secure && opts.tls ? await listen(secure, opts.tls.port, opts.host) : undefined;
  } catch (err) {
    tcp.close();
    secure?.close();
    throw err;
  }

  return {
    port,
    tlsPort,
    socketCount: () => sockets.size,
    async close(closeClients) {
      const closed = [tcp, ...(secure ? [secure] : [])].map(
        (s) => new Promise<void>((resolve) => s.close(() => resolve())),
      );
      await closeClients();
      // Sockets aedes does not know yet (no CONNECT, TLS handshake) are ours to end.
      for (const s of sockets) s.destroy();
      await Promise.all(closed);
    },
  };
}
