// What the system has learned about one customer, for GET /v1/customers/:id/profile: discharge by
// hour of week (their own, the population's, and the blend the policy uses), usual stores and swap
// hours, the lead time the bandit favours, and how they answered past nudges.
import { customerScale, expectedRatePctPerH } from '../domain/nudge/discharge-model.ts';
import { bestBucket, expectedConversion, LEAD_BUCKETS_MIN } from '../domain/nudge/lead-time-bandit.ts';
import { hourOfWeekLabel, HOURS_PER_WEEK } from '../domain/nudge/local-time.ts';
import { inHoldout } from '../domain/nudge/nudge-policy.ts';
import { swapShareAt } from '../domain/nudge/visit-model.ts';
import type { NudgeEngine } from '../domain/nudge/nudge-engine.ts';
import type { CustomerRecord, FleetRegistry } from '../store/fleet-registry.ts';
import type { NudgeLedger } from '../store/nudge-ledger.ts';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

export async function customerProfile(o: { engine: NudgeEngine; fleet: Pick<FleetRegistry, 'store'>; ledger: NudgeLedger; holdoutPct: number; nowMs: number }, c: CustomerRecord) {
  const { engine } = o;
  const s = engine.state(c.id);
  const scale = s ? customerScale(s.discharge, engine.discharge) : 1;
  const byHour = [];
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    const own = s?.discharge.weightH[h] ?? 0;
    byHour.push({
      hourOfWeek: h,
      label: hourOfWeekLabel(h),
      expectedPctPerH: round(s ? expectedRatePctPerH(s.discharge, engine.discharge, h, scale) : engine.discharge.ratePctPerH(h)),
      ownPctPerH: own > 0 ? round(s!.discharge.ratePctPerH[h] as number) : null,
      observedH: round(own),
      populationPctPerH: round(engine.discharge.ratePctPerH(h)),
    });
  }
  const swapHours = [];
  for (let h = 0; h < HOURS_PER_WEEK; h++) if (s && (s.visits.swapsByHour[h] as number) > 0) swapHours.push({ hourOfWeek: h, label: hourOfWeekLabel(h), swaps: s.visits.swapsByHour[h] as number, share: round(swapShareAt(s.visits, engine.visits, h), 3) });
  swapHours.sort((a, b) => b.swaps - a.swaps || a.hourOfWeek - b.hourOfWeek);
  const past = await o.ledger.list({ customerId: c.id, fromMs: 0, toMs: o.nowMs + 1, limit: 1000 });
  const sent = past.filter((n) => n.outcome === 'sent');
  const windowMs = engine.config.conversionWindowMs;
  const suppressed: Record<string, number> = {};
  for (const n of past) if (n.outcome === 'suppressed' && n.reason) suppressed[n.reason] = (suppressed[n.reason] ?? 0) + 1;
  const now = engine.timeToEmptyNow(c, o.nowMs);
  return {
    customerId: c.id,
    timeZone: c.timeZone,
    nudgePrefs: c.nudgePrefs,
    holdout: inHoldout(c.id, o.holdoutPct),
    current: now ? { packId: s!.discharge.lastPackId, socPct: now.socPct, readingAt: iso(now.atMs), timeToEmptyMin: Number.isFinite(now.timeToEmptyMin) ? Math.round(now.timeToEmptyMin) : null, leadMin: s!.leadBucket >= 0 ? LEAD_BUCKETS_MIN[s!.leadBucket]! : null, nudgedThisEpisode: s!.nudged } : null,
    discharge: {
      /** Their overall level against the population's (1 = the same). */
      scale: round(scale, 3),
      observedHours: round(s ? s.discharge.weightH.reduce((a, b) => a + b, 0) : 0),
      byHourOfWeek: byHour,
    },
    visits: {
      swaps: s?.visits.swaps ?? 0,
      usualStores: (s?.visits.stores ?? []).map((v) => ({ storeId: v.storeId, name: o.fleet.store(v.storeId)?.name ?? null, swaps: v.swaps, weight: round(v.weight, 3), lastAt: iso(v.lastAtMs) })),
      usualSwapSocPct: s && s.visits.swapSocCount > 0 ? round(s.visits.swapSocPct, 1) : null,
      swapHours: swapHours.slice(0, 10),
    },
    leadTime: {
      bestLeadMin: LEAD_BUCKETS_MIN[s ? bestBucket(s.lead, engine.lead) : bestBucket({ sent: new Uint16Array(5), converted: new Uint16Array(5) }, engine.lead)]!,
      buckets: LEAD_BUCKETS_MIN.map((leadMin, b) => ({ leadMin, sent: s?.lead.sent[b] ?? 0, converted: s?.lead.converted[b] ?? 0, expectedConversion: round(s ? expectedConversion(s.lead, engine.lead, b) : engine.lead.rate(b), 3) })),
    },
    responses: {
      sent: sent.length,
      converted: sent.filter((n) => n.convertedAtMs !== null).length,
      // Ignored: sent, its conversion window closed, no swap.
      ignored: sent.filter((n) => n.convertedAtMs === null && n.atMs + windowMs < o.nowMs).length,
      holdout: past.filter((n) => n.reason === 'HOLDOUT').length,
      suppressed,
      last: past.slice(0, 10).map((n) => ({ nudgeId: n.nudgeId, at: iso(n.atMs), outcome: n.outcome, reason: n.reason, storeId: n.storeId, leadMin: n.leadMin, delivery: n.delivery, convertedAt: iso(n.convertedAtMs) })),
    },
    consent: (await o.ledger.consentHistory(c.id, 20)).map((x) => ({ at: iso(x.atMs), consent: x.consent, source: x.source })),
  };
}
