import * as crypto from 'node:crypto';
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { randomBytesPooled } from '../random.ts';

const scryptAsync = promisify(scrypt) as (
  pw: string,
  salt: Buffer,
  len: number,
  opts: object,
) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 64 };

/** Passwords are low-entropy, so they get a slow, salted hash. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  // Hash even without a stored password so a missing account takes as long as a wrong password.
  const [scheme, n, r, p, salt, hash] = (
    stored ?? `scrypt$16384$8$1$${'A'.repeat(22)}$${'A'.repeat(86)}`
  ).split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return stored !== null && timingSafeEqual(actual, expected);
}

export interface NewSecretToken {
  /** Shown to the user once. */
  token: string;
  lookupId: string;
  secretHash: string;
}

/**
 * API and answer-link tokens carry 256 random bits, so a fast hash is as safe as a slow one here
 * (nothing to brute-force), and every request can afford to check it.
 */
export function newSecretToken(prefix: string): NewSecretToken {
  return newSecretTokens(prefix, 1)[0]!;
}

/**
 * `count` new tokens, their randomness drawn in one call (a meeting's invitations get theirs at
 * once). A lookup id is 9 bytes: the millisecond it was made (5 bytes, counting round every 34
 * years), then a random 4-byte number counted up for each token of the call. Ids made together
 * then sit side by side in their table's unique index, so a meeting's 25 new links write one or
 * two index pages instead of one each. The lookup id only finds the row; the 256-bit secret is
 * what is checked.
 */
export function newSecretTokens(prefix: string, count: number, now = Date.now()): NewSecretToken[] {
  const random = randomBytesPooled(4 + 32 * count);
  const lookup = Buffer.alloc(9);
  lookup.writeUIntBE(now % 2 ** 40, 0, 5);
  const first = random.readUInt32BE(0);
  return Array.from({ length: count }, (_, i) => {
    lookup.writeUInt32BE((first + i) % 2 ** 32, 5);
    const lookupId = lookup.toString('base64url');
    const secret = random.subarray(4 + 32 * i, 4 + 32 * (i + 1)).toString('base64url');
    return { token: `${prefix}_${lookupId}_${secret}`, lookupId, secretHash: sha256(secret) };
  });
}

/** One pattern per kind of token (a handful), compiled once: every answer link and API call parses one. */
const tokenPatterns = new Map<string, RegExp>();

export function parseSecretToken(prefix: string, token: string): { lookupId: string; secret: string } | null {
  let pattern = tokenPatterns.get(prefix);
  if (!pattern) {
    pattern = new RegExp(`^${prefix}_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})$`);
    tokenPatterns.set(prefix, pattern);
  }
  const match = pattern.exec(token);
  return match ? { lookupId: match[1]!, secret: match[2]! } : null;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(sha256(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

// crypto.hash (Node 20.12 and later) hashes without a Hash object: under half the time for a
// token's few bytes, on every answer link made and checked. Older Node 20 releases have no such
// function, and use the Hash object as before; both give the same digest.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export const sha256: (value: string) => string = oneShot
  ? (value) => oneShot('sha256', value, 'hex')
  : (value) => createHash('sha256').update(value).digest('hex');
