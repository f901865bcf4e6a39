// How a simulated customer answers a low-battery nudge: the chance they act depends on how soon
// their pack will be flat (as they would judge it), how far the suggested store is, the hour, their
// persona's readiness, a held pack, and how many nudges they have ignored. If they act, they walk
// or ride there after a short delay. Also each customer's nudge preferences as registered with the
// server. Parameters and their sources: README "Customers: how they answer a nudge". Pure: Rng in.
import { BATTERY } from './battery-curves.ts';
import { PHONE_CHARGE_EFFICIENCY, PHONE_WH } from './customer-model.ts';
import { PERSONAS } from './customer-routine.ts';
import type { Rng } from './rng.ts';

/**
 * The response model's parameters. Fixed before any nudge policy was tuned against them; change
 * them only in a commit of their own that says why (firmware-sim/README.md).
 */
export const RESPONSE = {
  /** Urgency: full readiness while the pack would be flat within this many hours... */
  urgentWithinH: 1.5,
  /** ...falling linearly to `laterFactor` at `laterAtH`, then to `distantFactor` at `distantAtH` and beyond. */
  laterAtH: 4,
  laterFactor: 0.3,
  distantAtH: 8,
  distantFactor: 0.1,
  /** Distance decay: readiness × exp(−distance / this), km (0.5 km: 0.72; 1 km: 0.51; 2 km: 0.26). */
  distanceScaleKm: 1.5,
  /** In the last hour before they go to sleep, readiness is multiplied by this; asleep, a nudge is not acted on. */
  lastHourFactor: 0.4,
  /** A pack held for them by name makes the trip a sure thing: readiness × this (capped at 0.98). */
  heldFactor: 1.15,
  /** Every nudge ignored multiplies readiness by this; acting on one forgives half of them. */
  ignoredFactor: 0.75,
  /** They set off this long after the nudge (uniform), minutes. */
  reactionMin: [5, 20] as const,
  /** Walking speed, km/h, for trips up to `walkUpToKm`; beyond, a wait and a bus. */
  walkKmh: 5,
  walkUpToKm: 2,
  transitWaitMin: 10,
  transitKmh: 15,
  /** A swap this long after a nudge counts as its conversion (the server's CF_NUDGE_CONVERSION_H default). */
  conversionWindowH: 3,
  /** Share of customers who consented to nudges at sign-up. */
  consentShare: 0.8,
  /** Quiet hours each persona registers: light 22-08, heavy 23-07, commuter 22-06 (local). */
  quietHours: [
    { startHour: 22, endHour: 8 },
    { startHour: 23, endHour: 7 },
    { startHour: 22, endHour: 6 },
  ] as const,
} as const;

/** What a full pack gives a phone, Wh: cell energy through the 5 V boost and the phone's charger. */
export const PACK_DELIVERED_WH = (BATTERY.ratedMah / 1000) * 3.7 * BATTERY.boostEfficiency * PHONE_CHARGE_EFFICIENCY;

/** How fast this customer's pack runs down away from home, as they would judge it, % of the pack per hour. */
export function typicalPackDrainPctPerH(persona: number, drainFactor: number): number {
  const per = PERSONAS[persona] ?? PERSONAS[0]!;
  return per.phoneDrainPctPerH * drainFactor * (PHONE_WH / PACK_DELIVERED_WH);
}

export interface ResponseInput {
  /** The customer's own readiness to act on a nudge (CustomerBank.nudgeAccept). */
  accept: number;
  /** Hours until their pack is flat, as they judge it. */
  timeToEmptyH: number;
  /** From where they are to the suggested store, km. */
  distanceKm: number;
  /** Local minute of the day, and when they wake and go to sleep. */
  minuteOfDay: number;
  wakeMin: number;
  sleepMin: number;
  /** A pack is held for them there. */
  held: boolean;
  /** Nudges they ignored so far (after forgiveness). */
  ignored: number;
}

export function urgencyFactor(timeToEmptyH: number): number {
  const r = RESPONSE;
  if (!(timeToEmptyH > r.urgentWithinH)) return 1;
  if (timeToEmptyH <= r.laterAtH) return 1 - ((1 - r.laterFactor) * (timeToEmptyH - r.urgentWithinH)) / (r.laterAtH - r.urgentWithinH);
  if (timeToEmptyH <= r.distantAtH) return r.laterFactor - ((r.laterFactor - r.distantFactor) * (timeToEmptyH - r.laterAtH)) / (r.distantAtH - r.laterAtH);
  return r.distantFactor;
}

export function hourFactor(minuteOfDay: number, wakeMin: number, sleepMin: number): number {
  if (minuteOfDay < wakeMin || minuteOfDay >= sleepMin) return 0;
  return minuteOfDay >= sleepMin - 60 ? RESPONSE.lastHourFactor : 1;
}

/** The probability this customer acts on this nudge. */
export function actProbability(i: ResponseInput): number {
  const r = RESPONSE;
  const p = i.accept * urgencyFactor(i.timeToEmptyH) * Math.exp(-Math.max(0, i.distanceKm) / r.distanceScaleKm) * hourFactor(i.minuteOfDay, i.wakeMin, i.sleepMin) * (i.held ? r.heldFactor : 1) * r.ignoredFactor ** i.ignored;
  return Math.min(0.98, Math.max(0, p));
}

/** Door to store, minutes: walking up to 2 km, else a wait and a bus. */
export function travelMinutes(distanceKm: number): number {
  const r = RESPONSE;
  const d = Math.max(0, distanceKm);
  return d <= r.walkUpToKm ? (d / r.walkKmh) * 60 : r.transitWaitMin + (d / r.transitKmh) * 60;
}

/** One draw: do they act, and if so when do they reach the store. */
export function respond(i: ResponseInput, nowMs: number, rng: Rng): { acts: boolean; arriveAtMs: number; probability: number } {
  const probability = actProbability(i);
  const acts = rng.chance(probability);
  const [lo, hi] = RESPONSE.reactionMin;
  // The reaction delay is drawn either way, so acting or not leaves later draws in step.
  const delayMin = rng.uniform(lo, hi);
  return { acts, probability, arriveAtMs: nowMs + (delayMin + travelMinutes(i.distanceKm)) * 60_000 };
}

/** A customer's nudge preferences as the simulator registers them: consent (drawn) and their persona's quiet hours. */
export function nudgePrefsFor(persona: number, rng: Rng): { consent: boolean; channel: 'mqtt'; quietHours: { startHour: number; endHour: number } } {
  const q = RESPONSE.quietHours[persona] ?? RESPONSE.quietHours[0];
  return { consent: rng.chance(RESPONSE.consentShare), channel: 'mqtt', quietHours: { startHour: q.startHour, endHour: q.endHour } };
}
