// broker/descriptor-limit.ts: reading RLIMIT_NOFILE from /proc and the MQTT cap derived from it.
import { describe, expect, it } from 'vitest';
import { connectionBudget, parseOpenFilesLimit, readOpenFilesLimit } from '../../broker/descriptor-limit.ts';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            1024                 524288               files
Max locked memory         8388608              8388608              bytes
`;

describe('the open-file limit', () => {
  it('reads the soft limit', () => {
    expect(parseOpenFilesLimit(LIMITS)).toBe(1024);
    expect(parseOpenFilesLimit(LIMITS.replace('1024 ', 'unlimited'))).toBeNull();
    expect(parseOpenFilesLimit('')).toBeNull();
  });

  it('is read from /proc/self/limits on Linux, and is null where the file is absent', () => {
    if (process.platform === 'linux') expect(readOpenFilesLimit()).toBeGreaterThan(0);
    expect(readOpenFilesLimit('/nonexistent/limits')).toBeNull();
  });

  it.each([
    ['limit 1,024: 128 kept', 100_000, 1024, 896, 128],
    ['limit 20,000: 10 % kept', 100_000, 20_000, 18_000, 2000],
    ['a configured cap below the limit wins', 500, 20_000, 500, 2000],
    ['a tiny limit still allows one', 100_000, 100, 1, 128],
  ])('%s', (_n, configured, limit, cap, reserve) => {
    const b = connectionBudget(configured, limit);
    expect(b.maxConnections).toBe(cap);
    expect(b.reserve).toBe(reserve);
    expect(b.httpMaxConnections).toBe(Math.max(16, Math.floor(reserve / 2)));
  });

  it('unknown limit: CF_MAX_CONNECTIONS as configured, no HTTP cap', () => {
    expect(connectionBudget(100_000, null)).toEqual({ configured: 100_000, descriptorLimit: null, reserve: 0, httpMaxConnections: null, maxConnections: 100_000 });
  });
});
