// Delivery channels for nudges behind one interface: the customer app's own MQTT topic
// (fleet/v1/customers/{id}/nudges, QoS 1, protobuf), and a signed webhook for an operator's
// notification gateway (JSON, HMAC-SHA256 over timestamp and body, the nudge id as idempotency key).
// A sender makes one attempt and says whether another could help; the outbox does the retrying.
import { CfError } from '../domain/errors.ts';
import type { Clock } from '../domain/clock.ts';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from '../domain/nudge/signing.ts';
import { topics } from '../domain/topics.ts';
import { encodeNudge } from '../proto/codec.ts';
import type { NudgeChannel, NudgeMessage } from '../store/nudge-ledger.ts';

export type SendResult = { ok: true } | { ok: false; retry: boolean; error: string; retryAfterMs?: number };

export interface NudgeSender {
  readonly channel: NudgeChannel;
  /** One attempt. Never throws: failures come back with whether a retry may help. */
  send(m: NudgeMessage): Promise<SendResult>;
}

/** The fleet.v1 Nudge a customer app receives. */
export function nudgeToProto(m: NudgeMessage) {
  return {
    nudgeId: m.nudgeId,
    packId: m.packId,
    packSocPct: m.packSocPct,
    storeId: m.storeId,
    storeName: m.storeName,
    distanceM: m.distanceM ?? 0,
    chargedPacks: m.chargedPacks,
    holdExpiresAtMs: m.holdExpiresAtMs,
    text: m.text,
    sentAtMs: m.sentAtMs,
    reasons: m.reasons,
    kioskId: m.kioskId,
  };
}

/** The webhook's JSON body (README "Nudges"). */
export function webhookBody(m: NudgeMessage) {
  return {
    type: 'nudge',
    nudgeId: m.nudgeId,
    customerId: m.customerId,
    packId: m.packId,
    packSocPct: m.packSocPct,
    store: { id: m.storeId, name: m.storeName },
    kioskId: m.kioskId,
    distanceM: m.distanceM,
    chargedPacks: m.chargedPacks,
    holdExpiresAt: m.holdExpiresAtMs > 0 ? new Date(m.holdExpiresAtMs).toISOString() : null,
    text: m.text,
    reasons: m.reasons,
    sentAt: new Date(m.sentAtMs).toISOString(),
    optOutUrl: m.optOutUrl,
  };
}

/** QoS 1 to the customer's topic: delivered once the broker took it (a persistent app session gets it when it reconnects). */
export class MqttNudgeSender implements NudgeSender {
  readonly channel = 'mqtt' as const;
  constructor(private readonly publish: (topic: string, payload: Uint8Array, qos: 0 | 1) => Promise<void>) {}

  async send(m: NudgeMessage): Promise<SendResult> {
    try {
      await this.publish(topics.customerNudges(m.customerId), encodeNudge(nudgeToProto(m)), 1);
      return { ok: true };
    } catch (err) {
      return { ok: false, retry: true, error: `MQTT publish failed: ${(err as Error).message}` };
    }
  }
}

export interface WebhookOptions {
  url: string;
  secret: string;
  timeoutMs: number;
  clock: Clock;
  /** The fetch to use (tests pass none: the real one, against a real local server). */
  fetch?: typeof fetch;
}

/**
 * One signed POST. 2xx: delivered. Timeouts, connection errors, 408, 429 and 5xx: worth another
 * try (Retry-After honoured). Other 4xx and redirects: not (a redirect is not followed: a signed
 * body goes only where it was configured to). The answer's body is never read, so a receiver that
 * answers slowly or with garbage costs one socket until the timeout, and nothing else.
 */
export class WebhookNudgeSender implements NudgeSender {
  readonly channel = 'webhook' as const;
  private readonly doFetch: typeof fetch;
  constructor(private readonly o: WebhookOptions) {
    this.doFetch = o.fetch ?? fetch;
  }

  async send(m: NudgeMessage): Promise<SendResult> {
    const body = JSON.stringify(webhookBody(m));
    const ts = Math.floor(this.o.clock.now() / 1000);
    let res: Response;
    try {
      res = await this.doFetch(this.o.url, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/json', 'user-agent': 'chargefleet-nudges/1', [IDEMPOTENCY_HEADER]: m.nudgeId, [TIMESTAMP_HEADER]: String(ts), [SIGNATURE_HEADER]: signWebhook(this.o.secret, ts, body) },
        body,
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
    } catch (err) {
      const e = err as Error;
      const why = e.name === 'TimeoutError' ? `no answer within ${this.o.timeoutMs} ms` : (e.cause instanceof Error ? e.cause.message : e.message);
      return { ok: false, retry: true, error: `webhook: ${why}` };
    }
    // The body is not ours to read: drop it, whatever it is, and free the socket.
    void res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) return { ok: true };
    const retry = res.status === 408 || res.status === 429 || res.status >= 500;
    const after = retryAfterMs(res.headers.get('retry-after'), this.o.clock.now());
    return { ok: false, retry, error: `webhook answered ${res.status}`, ...(after !== null ? { retryAfterMs: after } : {}) };
  }
}

function retryAfterMs(h: string | null, nowMs: number): number | null {
  if (!h) return null;
  if (/^\d+$/.test(h.trim())) return Number(h.trim()) * 1000;
  const at = Date.parse(h);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** The senders the configuration asks for. */
export function configuredSenders(o: { publish: (topic: string, payload: Uint8Array, qos: 0 | 1) => Promise<void>; webhook: Omit<WebhookOptions, 'clock'> | null; clock: Clock }): Partial<Record<NudgeChannel, NudgeSender>> {
  const out: Partial<Record<NudgeChannel, NudgeSender>> = { mqtt: new MqttNudgeSender(o.publish) };
  if (o.webhook) {
    if (!o.webhook.secret) throw new CfError('CF_ERR_CONFIG_INVALID', 'a webhook needs a signing secret');
    out.webhook = new WebhookNudgeSender({ ...o.webhook, clock: o.clock });
  }
  return out;
}
