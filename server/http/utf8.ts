/** Scratch space for encoding: pages are a few KiB, and the bytes are copied out at once. */
const scratch = new Uint8Array(64 * 1024);
const encoder = new TextEncoder();

/**
 * A text as UTF-8 bytes, for a response body. One pass into scratch space and a copy: Buffer.from
 * measures the text in a pass of its own first (a page with a dash is a two-byte string, ~1 ns a
 * character a pass); measured 6.4 → 5.4 µs for the answer page. Longer texts go to Buffer.from.
 */
export function utf8Bytes(text: string): Buffer {
  if (text.length * 3 <= scratch.length) {
    const { written } = encoder.encodeInto(text, scratch);
    return Buffer.from(scratch.subarray(0, written));
  }
  return Buffer.from(text);
}
