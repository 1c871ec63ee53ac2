import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type Db, migrateDatabase, openDatabase } from '../../db/client.ts';
import { seedReferenceData } from '../../db/seed/seed.ts';
import type { Config } from '../config.ts';
import { createReadCache, type ReadCache } from '../http/read-cache.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    /** Serialised hot reads, valid until the database changes. */
    readCache: ReadCache;
  }
}

/** Opens the SQLite file, brings its schema up to date, loads the reference data, closes it on shutdown. */
export default fp(
  async function database(app: FastifyInstance, opts: { config: Config }) {
    const db = openDatabase(opts.config.DATABASE_PATH);
    migrateDatabase(db);
    if (opts.config.SEED_ON_START) {
      const report = seedReferenceData(db);
      app.log.info({ seed: report }, 'reference data checked');
    }
    app.decorate('db', db);
    app.decorate('readCache', createReadCache(db));
    app.addHook('onClose', async () => db.$client.close());
  },
  { name: 'database' },
);
