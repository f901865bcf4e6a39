// Login throttling: failed attempts counted per account and per network address in a sliding
// window; past the limit, the key is refused until its oldest failure leaves the window.
// Pure: time is passed in. Unknown accounts are counted exactly like known ones, so the throttle
// itself never tells an attacker which emails exist.

export interface ThrottleLimit {
  /** Failures allowed within the window; the next attempt is refused. */
  failures: number;
  windowMs: number;
}

export interface ThrottleLimits {
  perAccount: ThrottleLimit;
  perAddress: ThrottleLimit;
  /** Keys remembered at most (memory bound); past it the stalest keys are forgotten first. */
  maxKeys: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = {
  perAccount: { failures: 5, windowMs: 15 * 60_000 },
  perAddress: { failures: 30, windowMs: 15 * 60_000 },
  maxKeys: 100_000,
};

export type ThrottleVerdict = { ok: true } | { ok: false; retryAfterMs: number; by: 'account' | 'address' };

export class LoginThrottle {
  /** key → failure times, oldest first, at most `failures` of them. */
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: ThrottleLimits = DEFAULT_THROTTLE) {}

  /** May this attempt proceed? Call before checking the password. */
  check(account: string, address: string, nowMs: number): ThrottleVerdict {
    const a = this.blockedFor(`a:${account}`, this.limits.perAccount, nowMs);
    if (a > 0) return { ok: false, retryAfterMs: a, by: 'account' };
    const n = this.blockedFor(`n:${addressKey(address)}`, this.limits.perAddress, nowMs);
    if (n > 0) return { ok: false, retryAfterMs: n, by: 'address' };
    return { ok: true };
  }

  failed(account: string, address: string, nowMs: number): void {
    this.record(`a:${account}`, this.limits.perAccount, nowMs);
    this.record(`n:${addressKey(address)}`, this.limits.perAddress, nowMs);
  }

  /** A right password clears the account's failures (the address keeps its count). */
  succeeded(account: string): void {
    this.failures.delete(`a:${account}`);
  }

  get size(): number {
    return this.failures.size;
  }

  private blockedFor(key: string, limit: ThrottleLimit, nowMs: number): number {
    const times = this.failures.get(key);
    if (!times || times.length < limit.failures) return 0;
    const until = times[0]! + limit.windowMs;
    return until > nowMs ? until - nowMs : 0;
  }

  private record(key: string, limit: ThrottleLimit, nowMs: number): void {
    const times = (this.failures.get(key) ?? []).filter((t) => t > nowMs - limit.windowMs);
    times.push(nowMs);
    while (times.length > limit.failures) times.shift();
    // Re-insert so Map order is least recently failed first: eviction drops the stalest key.
    this.failures.delete(key);
    this.failures.set(key, times);
    while (this.failures.size > this.limits.maxKeys) this.failures.delete(this.failures.keys().next().value!);
  }
}

/**
 * The unit an address is throttled by: an IPv4 address, or an IPv6 /64 (one subscriber usually
 * holds a whole /64, so counting single IPv6 addresses would be no throttle at all).
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
