// Secrets: device passwords (random, scrypt-hashed), API tokens and session secrets (random,
// SHA-256 digests: a lookup, no KDF), and passwords people choose (scrypt with a higher cost).
// The scrypt hash string carries its parameters so they can be raised later.
import { randomBytes, randomInt, scrypt, scryptSync, timingSafeEqual, createHash } from 'node:crypto';

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

/**
 * Passwords a person chose are guessable, so they get a real KDF cost: N=2^15 (32 MiB, about
 * 50-150 ms on this machine's cores). Only logins pay it, and logins are throttled.
 */
const PASSWORD_PARAMS = { N: 32_768, r: 8, p: 1, keyLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return new Promise((resolve, reject) => {
    scrypt(password, salt, PASSWORD_PARAMS.keyLen, { N: PASSWORD_PARAMS.N, r: PASSWORD_PARAMS.r, p: PASSWORD_PARAMS.p, maxmem: 64 * 1024 * 1024 }, (err, key) => {
      if (err) reject(err);
      else resolve(encode(PASSWORD_PARAMS.N, PASSWORD_PARAMS.r, PASSWORD_PARAMS.p, salt, key));
    });
  });
}

/** Same check as verifySecret; the cost comes from the parameters stored in the hash. */
export const verifyPassword = verifySecret;

/**
 * A hash of no one's password, with the password parameters: an unknown account is checked
 * against it, so a login costs the same whether or not the account exists.
 */
export const DECOY_PASSWORD_HASH = encode(PASSWORD_PARAMS.N, PASSWORD_PARAMS.r, PASSWORD_PARAMS.p, randomBytes(16), randomBytes(32));

const OTP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i: read aloud or typed from a note

/** A one-time password a person types once: 4 groups of 5 characters, about 99 bits (31^20). */
export function oneTimePassword(): string {
  const chars = Array.from({ length: 20 }, () => OTP_ALPHABET[randomInt(OTP_ALPHABET.length)]!);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/**
 * The stored form of a random token or session secret: SHA-256, hex. The secret is 32 random
 * bytes, so nothing can be guessed from the digest and no KDF is needed: a check is one hash and
 * one map lookup (issue 9 finding 7: scrypt per token check was a CPU denial).
 */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A fast fingerprint used as a cache key for already-verified secrets; never stored. */
export function secretFingerprint(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}
