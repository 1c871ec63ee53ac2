/** What the text writers (CSV, JSON, HTML, and Word's XML) share. */

/**
 * Many small strings written as UTF-8 into chunks of about 64 KiB: the report writers yield a string
 * per row, and a stream chunk per row costs more than writing the row. Each string is encoded as it
 * comes, which costs less than encoding a long string joined from thousands of pieces. A part that is
 * already UTF-8 (an area's lines, written by SQLite) is copied in when it fits, else passed on whole.
 */
export function* inChunks(parts: Iterable<string | Buffer>, size = 64 * 1024): Generator<Buffer> {
  let chunk = Buffer.allocUnsafe(size);
  let at = 0;
  for (const part of parts) {
    if (typeof part !== 'string') {
      if (at + part.length <= chunk.length) at += part.copy(chunk, at);
      else {
        if (at > 0) {
          yield chunk.subarray(0, at);
          chunk = Buffer.allocUnsafe(size);
          at = 0;
        }
        yield part;
      }
      continue;
    }
    // UTF-8 takes at most 3 bytes for a UTF-16 unit
    if (at + part.length * 3 > chunk.length) {
      if (at > 0) yield chunk.subarray(0, at);
      chunk = Buffer.allocUnsafe(Math.max(size, part.length * 3));
      at = 0;
    }
    at += chunk.write(part, at);
  }
  if (at > 0) yield chunk.subarray(0, at);
}

/**
 * `make` remembered by key, for one export: the cells that repeat on 100,000 rows (a label, a
 * date) are escaped or formatted once each.
 */
export function onceEach(make: (key: string) => string): (key: string) => string {
  const made = new Map<string, string>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) {
      value = make(key);
      made.set(key, value);
    }
    return value;
  };
}
