// A real notification gateway on loopback for the webhook tests: records every POST, verifies the
// signature the way the README tells an operator to (HMAC-SHA256 over "timestamp.body", constant
// time), deduplicates on the Idempotency-Key as a well-behaved receiver would, and answers as a
// test tells it: a status, a body, a delay, or a dropped connection.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookHit {
  headers: IncomingMessage['headers'];
  body: string;
  json: Record<string, unknown> | null;
  signatureValid: boolean;
  /** What the receiver answered. */
  status: number | 'dropped';
}

export interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Destroy the socket instead of answering. */
  drop?: boolean;
}

/** The README's verification snippet, verbatim in spirit: recompute, compare in constant time, bound the age. */
export function verifySignature(secret: string, timestamp: string | undefined, signature: string | undefined, rawBody: string, nowMs = Date.now()): boolean {
  if (!timestamp || !signature || Math.abs(nowMs / 1000 - Number(timestamp)) > 300) return false;
  const expected = 'v1=' + createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}

export class WebhookReceiver {
  readonly hits: WebhookHit[] = [];
  /** Nudge ids accepted (2xx answered), once each. */
  readonly accepted = new Map<string, WebhookHit>();
  /** Answers for the next requests, in order; then `fallback`. */
  readonly script: Answer[] = [];
  fallback: Answer = { status: 200, body: '{"ok":true}' };
  private readonly sockets = new Set<import('node:net').Socket>();
  private constructor(private readonly server: Server, readonly url: string, private readonly secret: string, private readonly clockNow: () => number) {}

  static async start(secret: string, clockNow: () => number = Date.now): Promise<WebhookReceiver> {
    let self: WebhookReceiver | null = null;
    const server = createServer((req, res) => self!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self = new WebhookReceiver(server, `http://127.0.0.1:${port}/hooks/nudges`, secret, clockNow);
    server.on('connection', (s) => {
      self!.sockets.add(s);
      s.once('close', () => self!.sockets.delete(s));
    });
    return self;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, unknown> | null = null;
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        json = null;
      }
      const ts = req.headers['x-chargefleet-timestamp'];
      const sig = req.headers['x-chargefleet-signature'];
      const hit: WebhookHit = { headers: req.headers, body, json, signatureValid: verifySignature(this.secret, String(ts), typeof sig === 'string' ? sig : undefined, body, this.clockNow()), status: 200 };
      this.hits.push(hit);
      const a = this.script.shift() ?? this.fallback;
      if (a.drop) {
        hit.status = 'dropped';
        req.socket.destroy();
        return;
      }
      const answer = () => {
        hit.status = a.status;
        const key = String(req.headers['idempotency-key'] ?? '');
        if (a.status >= 200 && a.status < 300 && hit.signatureValid && !this.accepted.has(key)) this.accepted.set(key, hit);
        res.writeHead(a.status, { 'content-type': 'application/octet-stream', ...a.headers });
        res.end(a.body ?? '');
      };
      if (a.delayMs) setTimeout(answer, a.delayMs).unref();
      else answer();
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
