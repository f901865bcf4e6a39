// Device secrets and API tokens: generated at random, stored only as scrypt hashes,
// compared in constant time. The hash string carries its parameters so they can be raised later.
import { randomBytes, scrypt, scryptSync, timingSafeEqual, createHash } from 'node:crypto';

/**
 * Secrets are 32 random bytes, so brute force is hopeless whatever the KDF cost; scrypt's job here
 * is to make a leaked registry useless without costing a reconnect storm seconds of CPU per device.
 * N=2^12 takes about 10 ms on one core.
 */
const PARAMS = { N: 4096, r: 8, p: 1, keyLen: 32 } as const;

export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

function encode(N: number, r: number, p: number, salt: Buffer, key: Buffer): string {
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

function decode(hash: string): { N: number; r: number; p: number; salt: Buffer; key: Buffer } | null {
  const parts = hash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  if (!Number.isInteger(N) || !Number.isInteger(R) || !Number.isInteger(P)) return null;
  return { N, r: R, p: P, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

export function hashSecretSync(secret: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(secret, salt, PARAMS.keyLen, { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p });
  return encode(PARAMS.N, PARAMS.r, PARAMS.p, salt, key);
}

export function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, PARAMS.keyLen, { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p, maxmem: 64 * 1024 * 1024 }, (err, key) => {
      if (err) reject(err);
      else resolve(encode(PARAMS.N, PARAMS.r, PARAMS.p, salt, key));
    });
  });
}

/** Constant-time check of a presented secret against a stored hash. A malformed hash never matches. */
export function verifySecret(secret: string, hash: string): Promise<boolean> {
  const h = decode(hash);
  if (!h) return Promise.resolve(false);
  return new Promise((resolve) => {
    scrypt(secret, h.salt, h.key.length, { N: h.N, r: h.r, p: h.p, maxmem: 64 * 1024 * 1024 }, (err, key) => {
      resolve(!err && key.length === h.key.length && timingSafeEqual(key, h.key));
    });
  });
}

/** A fast fingerprint used as a cache key for already-verified secrets; never stored. */
export function secretFingerprint(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}
