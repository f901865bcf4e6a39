// How long before their pack is empty a customer should be nudged: a small bandit over lead-time
// buckets. Each customer's record of nudges and swaps that followed is a Beta posterior per
// bucket, with the population's record as its prior; a Thompson draw, seeded by the customer and
// the episode so it is repeatable, picks the bucket, so buckets that might be better still get tried.
import { beta, hash32, seededUniform } from './seeded-random.ts';

/** Lead times a nudge may fire at, minutes before the expected empty. */
export const LEAD_BUCKETS_MIN = [30, 60, 90, 120, 180] as const;
export const LEAD_BUCKETS = LEAD_BUCKETS_MIN.length;

/** Pseudo-observations the population's record is worth in a customer's posterior. */
export const LEAD_PRIOR_STRENGTH = 4;

export interface LeadState {
  /** Nudges sent per bucket whose outcome is known, and how many of them led to a swap. */
  readonly sent: Uint16Array;
  readonly converted: Uint16Array;
}

export function newLeadState(): LeadState {
  return { sent: new Uint16Array(LEAD_BUCKETS), converted: new Uint16Array(LEAD_BUCKETS) };
}

/** The population's record per bucket. */
export class LeadPrior {
  readonly sent = new Float64Array(LEAD_BUCKETS);
  readonly converted = new Float64Array(LEAD_BUCKETS);
  /** Laplace-smoothed conversion rate of bucket b. */
  rate(b: number): number {
    return ((this.converted[b] as number) + 1) / ((this.sent[b] as number) + 2);
  }
}

function posterior(s: LeadState, prior: LeadPrior, b: number): { a: number; b: number } {
  const p = prior.rate(b);
  const sent = s.sent[b] as number;
  const conv = s.converted[b] as number;
  return { a: conv + LEAD_PRIOR_STRENGTH * p, b: sent - conv + LEAD_PRIOR_STRENGTH * (1 - p) };
}

/** Posterior mean conversion rate of bucket b for this customer. */
export function expectedConversion(s: LeadState, prior: LeadPrior, b: number): number {
  const q = posterior(s, prior, b);
  return q.a / (q.a + q.b);
}

/** The bucket with the best posterior mean (ties: the shorter lead), for the profile. */
export function bestBucket(s: LeadState, prior: LeadPrior): number {
  let best = 0;
  for (let b = 1; b < LEAD_BUCKETS; b++) if (expectedConversion(s, prior, b) > expectedConversion(s, prior, best)) best = b;
  return best;
}

/** Thompson sampling, repeatable: the same customer and episode key always draw the same bucket. */
export function chooseLeadBucket(s: LeadState, prior: LeadPrior, seedKey: string): number {
  const u = seededUniform(hash32(seedKey));
  let best = 0;
  let bestDraw = -1;
  for (let b = 0; b < LEAD_BUCKETS; b++) {
    const q = posterior(s, prior, b);
    const draw = beta(q.a, q.b, u);
    if (draw > bestDraw) {
      bestDraw = draw;
      best = b;
    }
  }
  return best;
}

/** A nudge's outcome is known: it led to a swap within the conversion window, or it did not. */
export function recordLeadOutcome(s: LeadState, prior: LeadPrior, b: number, converted: boolean): void {
  s.sent[b] = Math.min(65_535, (s.sent[b] as number) + 1);
  if (converted) s.converted[b] = Math.min(s.sent[b] as number, (s.converted[b] as number) + 1);
  prior.sent[b] = (prior.sent[b] as number) + 1;
  if (converted) prior.converted[b] = (prior.converted[b] as number) + 1;
}
