// What leaves the system without a bearer token is signed: the webhook body (HMAC over timestamp
// and body, replays bounded) and the opt-out link (HMAC over customer and expiry). One row per way
// to forge or misuse one.
import { describe, expect, it } from 'vitest';
import { signOptOut, signWebhook, verifyOptOut, verifyWebhook } from '../../domain/nudge/signing.ts';

const KEY = 'link-key-0123456789abcdef';
const NOW = Date.parse('2026-01-14T12:00:00Z');
const good = signOptOut(KEY, 'cust-1', NOW / 1000 + 86_400);

describe('opt-out links', () => {
  it.each<[string, { customerId: string; expiresS: number; sig: string }, number, string]>([
    ['the link as signed', good, NOW, 'ok'],
    ['another customer with the same signature', { ...good, customerId: 'cust-2' }, NOW, 'invalid'],
    ['the expiry pushed later', { ...good, expiresS: good.expiresS + 1 }, NOW, 'invalid'],
    ['a signature cut short', { ...good, sig: good.sig.slice(0, -2) }, NOW, 'invalid'],
    ['an empty signature', { ...good, sig: '' }, NOW, 'invalid'],
    ['a fractional expiry', { ...good, expiresS: good.expiresS + 0.5 }, NOW, 'invalid'],
    ['signed with another key', signOptOut('another-key-0123456789', 'cust-1', good.expiresS), NOW, 'invalid'],
    ['after its expiry', good, NOW + 86_400_000, 'expired'],
    ['a forged one after its expiry is still "invalid", not "expired"', { ...good, customerId: 'cust-2' }, NOW + 2 * 86_400_000, 'invalid'],
  ])('%s', (_what, token, nowMs, expected) => {
    const v = verifyOptOut(KEY, token, nowMs);
    expect(v.ok ? 'ok' : v.why).toBe(expected);
  });
});

describe('webhook signatures', () => {
  const body = JSON.stringify({ nudgeId: 'n-1', packSocPct: 14.5 });
  const ts = Math.floor(NOW / 1000);
  const sig = signWebhook('gateway-secret-0123456789', ts, body);

  it('is v1= and 64 hex characters', () => {
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
  });

  it.each<[string, string, string | undefined, string | undefined, string, number, boolean]>([
    ['as sent', 'gateway-secret-0123456789', sig, String(ts), body, NOW, true],
    ['four minutes later', 'gateway-secret-0123456789', sig, String(ts), body, NOW + 240_000, true],
    ['replayed six minutes later', 'gateway-secret-0123456789', sig, String(ts), body, NOW + 360_000, false],
    ['a body changed by one character', 'gateway-secret-0123456789', sig, String(ts), body.replace('14.5', '14.6'), NOW, false],
    ['another timestamp', 'gateway-secret-0123456789', sig, String(ts + 1), body, NOW, false],
    ['the wrong secret', 'not-the-secret-0123456789', sig, String(ts), body, NOW, false],
    ['no signature', 'gateway-secret-0123456789', undefined, String(ts), body, NOW, false],
    ['no timestamp', 'gateway-secret-0123456789', sig, undefined, body, NOW, false],
  ])('%s', (_what, secret, signature, timestamp, raw, nowMs, ok) => {
    expect(verifyWebhook(secret, { signature, timestamp }, raw, nowMs)).toBe(ok);
  });
});
