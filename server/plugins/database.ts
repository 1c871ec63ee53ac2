import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { checkpointInBackground } from '../../db/checkpointer.ts';
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

/**
 * Opens the SQLite file, brings its schema up to date, loads the reference data, has a worker thread
 * checkpoint it, closes it on shutdown.
 */
export default fp(
  async function database(app: FastifyInstance, opts: { config: Config }) {
    const { DATABASE_PATH: path, DATABASE_CHECKPOINT_INTERVAL_MS: intervalMs } = opts.config;
    const db = openDatabase(path);
    migrateDatabase(db);
    const checkpointer =
      intervalMs > 0 && !db.$client.memory
        ? checkpointInBackground(db, path, { intervalMs }, (message) => {
            if ('error' in message) app.log.error({ checkpoint: message.error }, 'WAL checkpoint failed');
            else app.log.trace({ checkpoint: message }, 'WAL checkpointed');
          })
        : null;
    if (opts.config.SEED_ON_START) {
      const report = seedReferenceData(db);
      app.log.info({ seed: report }, 'reference data checked');
    }
    app.decorate('db', db);
    app.decorate('readCache', createReadCache(db));
    app.addHook('onClose', async () => {
      await checkpointer?.stop();
      db.$client.close();
    });
  },
  { name: 'database' },
);
