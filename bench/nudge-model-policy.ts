// The server's nudge policy driving simulated customers in model mode: the same NudgeEngine the
// service runs (domain/nudge), fed the readings and swaps the server would see, with stock and
// holds from the model's kiosks. Off, blanket and personal differ only in the engine's policy.
import { NudgeEngine, type NudgeCustomer, type NudgeDecision, type NudgePolicyName, type NudgeReading, type StockLookup } from '../domain/nudge/nudge-engine.ts';
import { distanceM, stockStillThere, type StoreOption } from '../domain/nudge/nudge-policy.ts';
import type { FleetModel, ModelNudgePolicy } from '../firmware-sim/fleet-model.ts';
import type { SimNudge } from '../firmware-sim/nudge-delivery.ts';

export interface ModelPolicyConfig {
  policy: Exclude<NudgePolicyName, 'off'>;
  maxPer24h: number;
  holdoutPct: number;
  holdMin: number;
  maxHoldsPerKiosk: number;
  conversionH: number;
  episodeResetPct: number;
  maxDistanceM: number;
}

/** The server's defaults (app/config-schema.ts). */
export const SERVER_DEFAULTS: Omit<ModelPolicyConfig, 'policy'> = { maxPer24h: 2, holdoutPct: 10, holdMin: 45, maxHoldsPerKiosk: 3, conversionH: 3, episodeResetPct: 80, maxDistanceM: 3000 };

export interface PolicyTally {
  decisions: number;
  sent: number;
  suppressed: Record<string, number>;
  holds: number;
  /** A decided nudge whose stock was gone when the hold was tried (the service's recount). */
  stockGone: number;
  /** Treated nudges, and those followed by a swap within the window; the same for the holdout's would-be nudges. */
  treated: { nudges: number; converted: number };
  holdout: { nudges: number; converted: number };
  /** Engine CPU, µs per reading (process.cpuUsage around onReading). */
  readings: number;
}

export function modelPolicy(model: FleetModel, cfg: ModelPolicyConfig, tally: PolicyTally): ModelNudgePolicy {
  const { stores, kiosks, customers, packs } = model;
  const kps = stores.kiosksPerStore;
  const storeIndex = new Map(stores.ids.map((id, i) => [id, i]));
  const customerOf: NudgeCustomer[] = customers.ids.map((id, c) => ({
    id,
    timeZone: 'Europe/London',
    nudgePrefs: { consent: customers.consent[c] === 1, channel: 'mqtt', quietHours: { startHour: customers.quietStartHour[c] as number, endHour: customers.quietEndHour[c] as number } },
  }));
  const custIndex = new Map(customers.ids.map((id, c) => [id, c]));
  const stock: StockLookup = {
    options(customerId, usual, location, nowMs) {
      const c = custIndex.get(customerId)!;
      const out: StoreOption[] = [];
      const option = (s: number, usualRank: number | null): StoreOption => {
        let best = -1;
        let charged = 0;
        for (let k = s * kps; k < (s + 1) * kps; k++) {
          const kiosk = kiosks[k]!;
          const n = kiosk.online ? model.holds.readyFor(kiosk, c, nowMs) : 0;
          if (best < 0 || n > charged) {
            best = k;
            charged = n;
          }
        }
        const d = location ? distanceM(location.lat, location.lon, stores.lat[s]!, stores.lon[s]!) : null;
        return { storeId: stores.ids[s]!, storeName: `Store ${s + 1}`, kioskId: String(best), chargedPacks: charged, distanceM: d === null ? null : Math.round(d), usualRank };
      };
      usual.forEach((id, rank) => {
        const s = storeIndex.get(id);
        if (s !== undefined) out.push(option(s, rank));
      });
      if (location) {
        // The five nearest in reach, as services/nudge-stock.ts picks them.
        const near: { s: number; d: number }[] = [];
        for (let s = 0; s < stores.ids.length; s++) {
          const d = distanceM(location.lat, location.lon, stores.lat[s]!, stores.lon[s]!);
          if (d <= cfg.maxDistanceM * 1.05) near.push({ s, d });
        }
        near.sort((a, b) => a.d - b.d);
        for (const { s } of near.slice(0, 5)) if (!usual.includes(stores.ids[s]!)) out.push(option(s, null));
      }
      return out;
    },
  };
  let next = 0;
  const engine = new NudgeEngine(
    { policy: cfg.policy, maxPer24h: cfg.maxPer24h, maxDistanceM: cfg.maxDistanceM, holdoutPct: cfg.policy === 'personal' ? cfg.holdoutPct : 0, episodeResetPct: cfg.episodeResetPct, conversionWindowMs: cfg.conversionH * 3_600_000, recheckMs: 10 * 60_000 },
    stock,
    () => `n-${++next}`,
  );
  const decided: NudgeDecision[] = [];
  const reading: NudgeReading = { packId: '', atMs: 0, socPct: 0, currentMa: 0, sohPct: 100, latE7: null, lonE7: null };
  return {
    onReading(p, cust, nowMs) {
      tally.readings++;
      const pos = customers.positionOf(cust, stores.lat, stores.lon);
      reading.packId = packs.ids[p]!;
      reading.atMs = nowMs;
      // The pack reports its SoC to 0.1 % and a coarse location, as in device mode.
      reading.socPct = Math.round((packs.soc[p] as number) * 1000) / 10;
      reading.currentMa = Math.round(packs.currentMa[p] as number);
      reading.sohPct = Math.round((packs.soh[p] as number) * 1000) / 10;
      reading.latE7 = Math.round(pos.lat * 1e3) * 1e4;
      reading.lonE7 = Math.round(pos.lon * 1e3) * 1e4;
      const d = engine.onReading(customerOf[cust]!, reading, nowMs);
      if (d) decided.push(d);
    },
    onSwap(cust, store, nowMs) {
      const conv = engine.onSwap(customerOf[cust]!, stores.ids[store]!, nowMs);
      if (conv) (conv.holdout ? tally.holdout : tally.treated).converted++;
    },
    collect(nowMs) {
      decided.push(...engine.sweep(nowMs, (id) => {
        const c = custIndex.get(id)!;
        const p = customers.pack[c] as number;
        return { customer: customerOf[c]!, packIds: p >= 0 ? [packs.ids[p]!] : [] };
      }));
      const out: SimNudge[] = [];
      for (const d of decided.splice(0)) {
        tally.decisions++;
        const c = custIndex.get(d.customerId)!;
        if (d.outcome === 'suppress' || d.store === null) {
          tally.suppressed[d.reason!] = (tally.suppressed[d.reason!] ?? 0) + 1;
          if (d.reason === 'HOLDOUT') tally.holdout.nudges++;
          continue;
        }
        const s = storeIndex.get(d.store.storeId)!;
        const k = Number(d.store.kioskId);
        let holdUntilMs = 0;
        if (cfg.policy === 'personal') {
          // As the service does: hold in the kiosk's order, then send only toward a held pack or ample stock.
          if (cfg.holdMin > 0 && model.holds.place(kiosks[k]!, c, nowMs + cfg.holdMin * 60_000, nowMs, cfg.maxHoldsPerKiosk) >= 0) {
            holdUntilMs = nowMs + cfg.holdMin * 60_000;
            tally.holds++;
          }
          if (!stockStillThere(holdUntilMs > 0, model.holds.readyFor(kiosks[k]!, c, nowMs), cfg.holdMin > 0)) {
            engine.revertSend(d.customerId, d.id, nowMs);
            tally.stockGone++;
            continue;
          }
        }
        tally.sent++;
        tally.treated.nudges++;
        out.push({ cust: c, store: s, kiosk: k, packIdx: customers.pack[c] as number, holdUntilMs });
      }
      return out;
    },
  };
}

export function emptyPolicyTally(): PolicyTally {
  return { decisions: 0, sent: 0, suppressed: {}, holds: 0, stockGone: 0, treated: { nudges: 0, converted: 0 }, holdout: { nudges: 0, converted: 0 }, readings: 0 };
}
