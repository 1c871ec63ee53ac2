/** Room in which response bodies are encoded one after another; a new one when the next may not fit. */
const SLAB_SIZE = 64 * 1024;
let slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
let used = 0;

/**
 * A text as UTF-8 bytes, for a response body. Encoded in one pass straight into shared room and
 * handed out as a view of it: Buffer.from measures the text in a pass of its own first (a page with
 * a dash is a two-byte string, ~1 ns a character a pass), and encoding into scratch space meant a
 * new buffer and a copy for every page (Node's own pool holds two pages). A view's bytes are never
 * written again: the room only moves on, and a full slab is left to the views still holding it.
 * Longer texts (beyond a third of a slab) go to Buffer.from.
 */
export function utf8Bytes(text: string): Buffer {
  // at most three bytes a UTF-16 unit
  const most = text.length * 3;
  if (most > SLAB_SIZE / 3) return Buffer.from(text);
  if (used + most > SLAB_SIZE) {
    slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
    used = 0;
  }
  const start = used;
  used += slab.write(text, start, 'utf8');
  return slab.subarray(start, used);
}
