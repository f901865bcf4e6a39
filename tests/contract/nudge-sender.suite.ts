// One contract for every nudge channel (the way tests/contract/telemetry-store.suite.ts does it for
// stores): a NudgeSender delivers a nudge whole, identified by its nudge id; says "retry" when the
// receiver cannot be reached and succeeds again once it can; and, where the channel has them,
// handles status codes, garbage answers and silence. Differences are capability flags, not ifs.
import { describe, expect, it } from 'vitest';
import type { NudgeSender } from '../../services/nudge-senders.ts';
import type { NudgeMessage } from '../../store/nudge-ledger.ts';

/** What a receiver saw of one delivery, in the channel's own terms mapped to these fields. */
export interface Received {
  nudgeId: string;
  customerId: string;
  packId: string;
  packSocPct: number;
  storeId: string;
  storeName: string;
  kioskId: string;
  distanceM: number;
  chargedPacks: number;
  holdExpiresAtMs: number;
  text: string;
  reasons: string[];
  /** The id the receiver would deduplicate on (MQTT: the nudge id in the payload; webhook: the Idempotency-Key header). */
  idempotencyKey: string;
  /** The receiver could verify who sent it (webhook: the HMAC signature; MQTT: only the broker could publish there). */
  authentic: boolean;
}

export interface SenderHarness {
  sender: NudgeSender;
  /** Deliveries the receiver accepted so far. */
  received(): Received[];
  /** Waits until at least n deliveries arrived. */
  waitFor(n: number): Promise<Received[]>;
  /** The receiver becomes unreachable... */
  breakTarget(): Promise<void>;
  /** ...and reachable again. */
  restore(): Promise<void>;
  /** Channels that answer with a status (webhook): the next answers. */
  respond?(r: { status: number; body?: string; headers?: Record<string, string>; delayMs?: number }): void;
  close(): Promise<void>;
}

export interface SenderCaps {
  /** The receiver answers each delivery with a status code the sender interprets. */
  answersWithStatus: boolean;
  /** A silent receiver makes the sender give up after its timeout. */
  timesOut: boolean;
}

let n = 0;
export function message(over: Partial<NudgeMessage> = {}): NudgeMessage {
  n++;
  return {
    nudgeId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    customerId: 'cust-contract',
    packId: 'pack-contract',
    packSocPct: 14.5,
    storeId: 'store-1',
    storeName: 'Oxford Circus',
    kioskId: 'kiosk-1',
    distanceM: 320,
    chargedPacks: 4,
    holdExpiresAtMs: Date.parse('2026-01-14T12:30:00Z'),
    text: 'Your pack is at 15% and should last about 40 min. Oxford Circus (320 m away) has 4 charged packs; one is held for you until 12:30.',
    sentAtMs: Date.parse('2026-01-14T12:00:00Z'),
    reasons: ['TIME_TO_EMPTY_WITHIN_LEAD', 'NEAREST_STORE_WITH_STOCK', 'HOLD_PLACED'],
    optOutUrl: 'http://127.0.0.1:8080/v1/nudges/opt-out?customerId=cust-contract&expires=1&sig=x',
    ...over,
  };
}

export function nudgeSenderSuite(name: string, caps: SenderCaps, make: () => Promise<SenderHarness | null>, skipWhy = ''): void {
  describe(`NudgeSender contract: ${name}`, () => {
    const withHarness = (fn: (h: SenderHarness) => Promise<void>) => async () => {
      const h = await make();
      if (!h) throw new Error(skipWhy || `${name} harness could not start`);
      try {
        await fn(h);
      } finally {
        await h.close();
      }
    };

    it('delivers a nudge whole, identified by its nudge id', withHarness(async (h) => {
      const m = message();
      expect(await h.sender.send(m)).toEqual({ ok: true });
      const [got] = await h.waitFor(1);
      expect(got).toEqual({
        nudgeId: m.nudgeId, customerId: m.customerId, packId: m.packId, packSocPct: m.packSocPct, storeId: m.storeId, storeName: m.storeName, kioskId: m.kioskId,
        distanceM: m.distanceM, chargedPacks: m.chargedPacks, holdExpiresAtMs: m.holdExpiresAtMs, text: m.text, reasons: m.reasons, idempotencyKey: m.nudgeId, authentic: true,
      });
    }));

    it('delivers each nudge it is given, in order', withHarness(async (h) => {
      const ms = [message(), message({ packSocPct: 9 }), message({ holdExpiresAtMs: 0, reasons: ['TIME_TO_EMPTY_WITHIN_LEAD', 'USUAL_STORE'] })];
      for (const m of ms) expect(await h.sender.send(m)).toEqual({ ok: true });
      const got = await h.waitFor(3);
      expect(got.map((g) => g.nudgeId)).toEqual(ms.map((m) => m.nudgeId));
      expect(got[2]).toMatchObject({ holdExpiresAtMs: 0, reasons: ['TIME_TO_EMPTY_WITHIN_LEAD', 'USUAL_STORE'] });
    }));

    it('says "retry" while the receiver is unreachable, and delivers once it is back', withHarness(async (h) => {
      await h.breakTarget();
      const m = message();
      const failed = await h.sender.send(m);
      expect(failed).toMatchObject({ ok: false, retry: true });
      expect(h.received()).toEqual([]);
      await h.restore();
      expect(await h.sender.send(m)).toEqual({ ok: true });
      expect((await h.waitFor(1)).map((g) => g.nudgeId)).toEqual([m.nudgeId]);
    }));

    // Only senders that have the capability get these cases (an MQTT PUBACK carries no status and
    // no timeout): they are not registered for the others, rather than reported as skipped.
    if (caps.answersWithStatus) it('retries on 5xx, 429 and 408 (honouring Retry-After), stops on other 4xx and redirects, ignores a garbage body', withHarness(async (h) => {
      const cases: [number, Record<string, string>, object][] = [
        [503, {}, { ok: false, retry: true, error: 'webhook answered 503' }],
        [500, {}, { ok: false, retry: true, error: 'webhook answered 500' }],
        [429, { 'retry-after': '7' }, { ok: false, retry: true, retryAfterMs: 7000 }],
        [408, {}, { ok: false, retry: true }],
        [400, {}, { ok: false, retry: false, error: 'webhook answered 400' }],
        [404, {}, { ok: false, retry: false }],
        [302, { location: 'http://127.0.0.1:1/elsewhere' }, { ok: false, retry: false, error: 'webhook answered 302' }],
        [200, {}, { ok: true }],
      ];
      for (const [status, headers, expected] of cases) {
        h.respond!({ status, headers, body: '\u0000\u00ff<html>not json at all' });
        expect(await h.sender.send(message()), String(status)).toMatchObject(expected);
      }
    }));

    if (caps.timesOut) it('gives up on a receiver that does not answer, with "retry"', withHarness(async (h) => {
      h.respond!({ status: 200, delayMs: 10_000 });
      const res = await h.sender.send(message());
      expect(res).toMatchObject({ ok: false, retry: true });
      expect((res as { error: string }).error).toMatch(/no answer within \d+ ms/);
    }));
  });
}
