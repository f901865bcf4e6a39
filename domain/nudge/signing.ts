// Signatures for what leaves the system without a bearer token: the webhook body (HMAC-SHA256
// over "timestamp.body", so a receiver can refuse replays and forgeries) and the opt-out link
// (HMAC-SHA256 over the customer id and an expiry, so it cannot be made for another customer or
// kept for ever). Time is passed in; comparisons are constant-time.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The webhook headers: the receiver recomputes v1 over `${timestamp}.${rawBody}` with the shared secret. */
export const SIGNATURE_HEADER = 'x-chargefleet-signature';
export const TIMESTAMP_HEADER = 'x-chargefleet-timestamp';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

export function signWebhook(secret: string, timestampS: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestampS}.${body}`, 'utf8').digest('hex')}`;
}

/** What a receiver does (README "Nudges" shows the same in a few lines). toleranceS bounds replays. */
export function verifyWebhook(secret: string, headers: { signature: string | undefined; timestamp: string | undefined }, body: string, nowMs: number, toleranceS = 300): boolean {
  const ts = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(ts) || Math.abs(nowMs / 1000 - ts) > toleranceS) return false;
  return safeEqual(signWebhook(secret, ts, body), headers.signature);
}

export interface OptOutToken {
  customerId: string;
  /** Unix seconds. */
  expiresS: number;
  /** base64url HMAC. */
  sig: string;
}

function linkMac(key: string | Buffer, customerId: string, expiresS: number): string {
  return createHmac('sha256', key).update(`opt-out\n${customerId}\n${expiresS}`, 'utf8').digest('base64url');
}

export function signOptOut(key: string | Buffer, customerId: string, expiresS: number): OptOutToken {
  return { customerId, expiresS, sig: linkMac(key, customerId, expiresS) };
}

export type OptOutCheck = { ok: true } | { ok: false; why: 'invalid' | 'expired' };

/** Valid when the MAC matches (constant time) and the expiry is still ahead; a forged one is 'invalid' whatever its expiry. */
export function verifyOptOut(key: string | Buffer, t: { customerId: string; expiresS: number; sig: string }, nowMs: number): OptOutCheck {
  if (!Number.isSafeInteger(t.expiresS) || !safeEqual(linkMac(key, t.customerId, t.expiresS), t.sig)) return { ok: false, why: 'invalid' };
  return nowMs / 1000 < t.expiresS ? { ok: true } : { ok: false, why: 'expired' };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
