// Fast-path duplicate detection on (device, bootId, seq), like IPsec's anti-replay window:
// per device the highest committed seq of its current boot and a 64-wide bitmap below it.
// It answers "seen", "new" or "unknown" (older than the window or another boot); the store's
// idempotent write is the authority for "unknown", so memory stays bounded per device.

export type WindowVerdict = 'new' | 'seen' | 'unknown';

interface DeviceWindow {
  bootId: number;
  hi: number;
  /** Bit i set = seq (hi - i) committed; bits 0..31 in lo, 32..63 in hiBits. */
  lo: number;
  hiBits: number;
}

const WIDTH = 64;

export class ReplayWindow {
  private readonly devices = new Map<string, DeviceWindow>();

  check(deviceId: string, bootId: number, seq: number): WindowVerdict {
    const w = this.devices.get(deviceId);
    if (!w || w.bootId !== bootId) return 'unknown';
    if (seq > w.hi) return 'new';
    const d = w.hi - seq;
    if (d >= WIDTH) return 'unknown';
    return bit(w, d) ? 'seen' : 'new';
  }

  /** Records a committed reading. A new boot id restarts the window. */
  commit(deviceId: string, bootId: number, seq: number): void {
    let w = this.devices.get(deviceId);
    if (!w || w.bootId !== bootId) {
      w = { bootId, hi: seq, lo: 1, hiBits: 0 };
      this.devices.set(deviceId, w);
      return;
    }
    if (seq > w.hi) {
      shift(w, seq - w.hi);
      w.hi = seq;
      w.lo |= 1;
      return;
    }
    const d = w.hi - seq;
    if (d < WIDTH) setBit(w, d);
  }

  size(): number {
    return this.devices.size;
  }
}

function bit(w: DeviceWindow, d: number): boolean {
  return d < 32 ? ((w.lo >>> d) & 1) === 1 : ((w.hiBits >>> (d - 32)) & 1) === 1;
}

function setBit(w: DeviceWindow, d: number): void {
  if (d < 32) w.lo |= 1 << d;
  else w.hiBits |= 1 << (d - 32);
}

function shift(w: DeviceWindow, n: number): void {
  if (n >= WIDTH) {
    w.lo = 0;
    w.hiBits = 0;
  } else if (n >= 32) {
    w.hiBits = n === 32 ? w.lo : w.lo << (n - 32);
    w.lo = 0;
  } else {
    w.hiBits = ((w.hiBits << n) | (w.lo >>> (32 - n))) >>> 0;
    w.lo = (w.lo << n) >>> 0;
  }
}
