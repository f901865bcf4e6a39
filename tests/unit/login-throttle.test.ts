// The login throttle: a sliding window per account and per address, and the address unit (IPv4,
// IPv6 /64). Time passed in.
import { describe, expect, it } from 'vitest';
import { addressKey, LoginThrottle } from '../../domain/login-throttle.ts';

const limits = { perAccount: { failures: 3, windowMs: 1000 }, perAddress: { failures: 5, windowMs: 1000 }, maxKeys: 100 };

describe('LoginThrottle', () => {
  it('refuses an account after its failures fill the window, until the oldest leaves it', () => {
    const t = new LoginThrottle(limits);
    for (const at of [0, 100, 200]) {
      expect(t.check('a@x', `10.0.0.${at}`, at).ok).toBe(true);
      t.failed('a@x', `10.0.0.${at}`, at);
    }
    expect(t.check('a@x', '10.9.9.9', 300)).toEqual({ ok: false, retryAfterMs: 700, by: 'account' });
    expect(t.check('a@x', '10.9.9.9', 999).ok).toBe(false);
    expect(t.check('a@x', '10.9.9.9', 1000).ok).toBe(true);
    expect(t.check('b@x', '10.9.9.9', 300).ok).toBe(true);
  });

  it('counts every account tried from one address, known or not', () => {
    const t = new LoginThrottle(limits);
    for (let i = 0; i < 5; i++) t.failed(`user${i}@x`, '192.0.2.7', i);
    expect(t.check('fresh@x', '192.0.2.7', 10)).toMatchObject({ ok: false, by: 'address' });
    expect(t.check('fresh@x', '192.0.2.8', 10).ok).toBe(true);
  });

  it('forgets an account\'s failures after a right password, not the address\'s', () => {
    const t = new LoginThrottle(limits);
    for (let i = 0; i < 3; i++) t.failed('a@x', `10.0.1.${i}`, i);
    t.succeeded('a@x');
    expect(t.check('a@x', '10.0.2.1', 10).ok).toBe(true);
  });

  it('treats a whole IPv6 /64 as one address, and IPv4-mapped IPv6 as IPv4', () => {
    const t = new LoginThrottle(limits);
    for (let i = 0; i < 5; i++) t.failed(`u${i}@x`, `2001:db8:1:2::${i + 1}`, i);
    expect(t.check('z@x', '2001:db8:1:2:ffff::9', 10).ok).toBe(false);
    expect(t.check('z@x', '2001:db8:1:3::1', 10).ok).toBe(true);
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('2001:0db8:0001:0002:0000:0000:0000:0001')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });

  it('keeps at most maxKeys keys, dropping the stalest', () => {
    const t = new LoginThrottle({ ...limits, maxKeys: 10 });
    for (let i = 0; i < 50; i++) t.failed(`u${i}@x`, '10.0.0.1', i);
    expect(t.size).toBe(10);
  });
});
