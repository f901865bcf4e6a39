// When a charging pack will be ready: the pack's documented CC/CV curve (firmware-sim/README.md,
// "Pack: charge": 0.5C constant current to 80 %, then a constant-voltage taper; 80 % at 1.60 h,
// 90 % at 2.32 h, full at 4.04 h for a new pack) as a table of hours from flat, scaled by the
// pack's health (a worn pack has less to fill) and, in the constant-current phase, by the current
// the slot reports. tests/unit/restock-charge-time.test.ts checks the table against the simulator's curve.

/** Hours a new pack takes from flat to each whole SoC percent, 0..100. */
const CLOCK_STEP_PCT = 1;
const CLOCK_H: readonly number[] = (() => {
  // Constant current: 0.5C fills 50 % an hour up to the 80 % knee.
  const cc = Array.from({ length: 81 }, (_, i) => i / 50);
  // Constant voltage, from the curve at 81, 82, ..., 100 % (the charger stops at 97.6 % by
  // coulomb count and the gauge then reads 100 %, so the last points are equal).
  const cv = [1.6233, 1.6558, 1.7019, 1.7636, 1.8373, 1.9191, 2.0078, 2.1038, 2.2082, 2.3226, 2.449, 2.5904, 2.7506, 2.9356, 3.1544, 3.4222, 3.7674, 4.0352, 4.0352, 4.0352];
  return [...cc, ...cv];
})();

/** Rated constant-current charge, mA (0.5C of 2,600 mAh). */
export const CC_CURRENT_MA = 1300;
const KNEE_PCT = 80;

/** Hours a new pack takes from flat to socPct. */
export function chargeClockH(socPct: number): number {
  const x = Math.min(100, Math.max(0, socPct)) / CLOCK_STEP_PCT;
  const i = Math.min(CLOCK_H.length - 2, Math.floor(x));
  const lo = CLOCK_H[i]!;
  return lo + (CLOCK_H[i + 1]! - lo) * (x - i);
}

/**
 * Hours until a pack charging in a slot reaches targetPct, or null when it is not charging (no
 * current: paused for heat, an unpowered kiosk, a fault). 0 when it is there already.
 */
export function hoursToReady(socPct: number, targetPct: number, chargeCurrentMa: number, sohPct: number | null): number | null {
  if (socPct >= targetPct) return 0;
  if (!(chargeCurrentMa > 0)) return null;
  const soh = sohPct === null ? 1 : Math.min(1, Math.max(0.3, sohPct / 100));
  let h = (chargeClockH(targetPct) - chargeClockH(socPct)) * soh;
  if (socPct < KNEE_PCT) {
    // In constant current a lower current than rated (a weak supply, a warm pack) stretches the phase.
    const ccPart = (chargeClockH(Math.min(targetPct, KNEE_PCT)) - chargeClockH(socPct)) * soh;
    const slow = Math.min(4, Math.max(1, CC_CURRENT_MA / chargeCurrentMa));
    h += ccPart * (slow - 1);
  }
  return h;
}
