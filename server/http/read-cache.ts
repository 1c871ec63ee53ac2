import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/client.ts';
import { whileUnchanged } from '../../db/statements.ts';

export interface ReadCache {
  /** The JSON for `key`: from the cache while the database is unchanged, else computed and kept. */
  json(key: string, compute: () => unknown, serialize: (data: unknown) => string): string;
}

/**
 * Serialised responses of hot reads, kept until the database changes (whileUnchanged: SQLite's
 * own change counters, so no write path has to remember to invalidate). Reading the stamp costs
 * one tiny statement; a page of 50 people costs ~40× more.
 */
export function createReadCache(db: Db): ReadCache {
  return {
    json: (key, compute, serialize) =>
      whileUnchanged(db, `json:${key}`, () => ({ json: serialize(compute()) })).json,
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
