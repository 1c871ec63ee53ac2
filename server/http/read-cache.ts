import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/client.ts';

export interface ReadCache {
  /** The JSON for `key`: from the cache while the database is unchanged, else computed and kept. */
  json(key: string, compute: () => unknown, serialize: (data: unknown) => string): string;
}

/**
 * Serialised responses of hot reads, kept until the database changes. The stamp is SQLite's own
 * change counters: total_changes() counts this connection's writes, data_version moves when
 * another process (the CLI, a second server) commits, so no write path has to remember to
 * invalidate. Reading the stamp costs one tiny statement; a page of 50 people costs ~40× more.
 */
export function createReadCache(db: Db, maxEntries = 500): ReadCache {
  const stampStatement = db.$client
    .prepare<unknown[], [number, number]>('SELECT total_changes(), data_version FROM pragma_data_version')
    .raw(true);
  const entries = new Map<string, string>();
  let entriesStamp = '';

  return {
    json(key, compute, serialize) {
      const [changes, dataVersion] = stampStatement.get() ?? [0, 0];
      const stamp = `${changes}:${dataVersion}`;
      if (stamp !== entriesStamp) {
        entries.clear();
        entriesStamp = stamp;
      }
      let json = entries.get(key);
      if (json === undefined) {
        json = serialize(compute());
        // Map keeps insertion order: dropping the oldest is enough for a bounded cache
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(key, json);
      }
      return json;
    },
  };
}

/**
 * Sends JSON that is already serialised (Fastify passes a string with a JSON type through
 * untouched). Typed loosely because a route's typed reply only accepts its schema's shape.
 */
export function sendJson<R>(reply: R, json: string): R {
  (reply as FastifyReply).type('application/json; charset=utf-8').send(json);
  return reply;
}
