// When a charging pack will be ready: a CC/CV estimate for one 2,600 mAh cell. Constant current up
// to 80 % (at the slot's measured current when it reports one, else 0.5C), then a constant-voltage
// taper where the missing charge decays as two exponentials (the same curve firmware-sim/ uses;
// its README gives the sources). Pure; time passed in.

const RATED_MAH = 2600;
const CC_RATE_C = 0.5;
const KNEE = 0.8;
const CV_FAST_TAU_H = 0.05;
const CV_SLOW_TAU_H = 1.2;
const U0 = 1 - KNEE;
const FAST_SHARE = (CV_SLOW_TAU_H - U0 / CC_RATE_C) / (CV_SLOW_TAU_H - CV_FAST_TAU_H);
const A = FAST_SHARE * CC_RATE_C * CV_FAST_TAU_H;
const B = (1 - FAST_SHARE) * CC_RATE_C * CV_SLOW_TAU_H;
const H_MS = 3_600_000;

/** Charge still missing, as a fraction, `t` hours into the CV phase. */
function cvMissing(tH: number): number {
  return A * Math.exp(-tH / CV_FAST_TAU_H) + B * Math.exp(-tH / CV_SLOW_TAU_H);
}

/** Hours into the CV phase at which the missing charge falls to `u` (bisection; cvMissing falls monotonically). */
function cvHoursTo(u: number): number {
  if (u >= U0) return 0;
  let lo = 0;
  let hi = 48;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (cvMissing(mid) > u) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Estimated time the pack reaches `targetPct`, Unix ms; `nowMs` when it is already there; null when
 * the target is beyond what a charger reaches (≥ 100 %) or the pack is not charging (current ≤ 0
 * with no reading expected to rise).
 */
export function chargeReadyAtMs(socPct: number, targetPct: number, chargeCurrentMa: number, nowMs: number): number | null {
  if (socPct >= targetPct) return nowMs;
  if (targetPct >= 100 || !Number.isFinite(socPct)) return null;
  const s = Math.max(0, socPct / 100);
  const target = targetPct / 100;
  // CC: the measured current when the slot reports a plausible one, else the standard 0.5C.
  const ratePerH = chargeCurrentMa > 50 && chargeCurrentMa <= 2 * RATED_MAH ? chargeCurrentMa / RATED_MAH : CC_RATE_C;
  let hours = 0;
  if (s < KNEE) hours += (Math.min(target, KNEE) - s) / ratePerH;
  if (target > KNEE) hours += cvHoursTo(1 - target) - cvHoursTo(1 - Math.max(s, KNEE));
  return nowMs + Math.round(hours * H_MS);
}
