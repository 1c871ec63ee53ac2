import { randomBytes } from 'node:crypto';

/** Bytes drawn from the operating system's generator this many at a time. */
const POOL_BYTES = 64 * 1024;

let pool = Buffer.alloc(0);
let offset = 0;

/**
 * `n` cryptographically random bytes, taken from a pool filled 64 KiB at a time, as Node's own
 * randomUUID does: a call to the generator took ~20 µs in the profile of a send (2 µs in a loop of
 * its own), whatever its size, and a send takes 1.2 KB (a meeting's answer links and Message-IDs).
 * The bytes are a view of the pool, handed out once: read them, or copy them before writing.
 */
export function randomBytesPooled(n: number): Buffer {
  if (n > POOL_BYTES) return randomBytes(n);
  if (offset + n > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  offset += n;
  return pool.subarray(offset - n, offset);
}
