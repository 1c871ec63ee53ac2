/**
 * Many small strings joined into chunks of about 64 KiB: the report writers yield a string per row,
 * and a stream chunk per row costs more than writing the row.
 */
export function* inChunks(parts: Iterable<string>, size = 64 * 1024): Generator<string> {
  let chunk = '';
  for (const part of parts) {
    chunk += part;
    if (chunk.length >= size) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
