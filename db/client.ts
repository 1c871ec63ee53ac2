import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Opens (and creates) the SQLite file with the pragmas the service relies on. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // WAL makes NORMAL durable against application crashes; only an OS crash may lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  // deleted rows (answer-link secrets, erased people) are overwritten, not left in free pages
  sqlite.pragma('secure_delete = ON');
  const db = drizzle(sqlite, { schema }) as Db;
  // Every transaction takes the write lock when it starts (BEGIN IMMEDIATE): a deferred one that
  // reads and then writes fails with SQLITE_BUSY(_SNAPSHOT) when another process wrote in between,
  // which busy_timeout cannot wait out. Nested calls stay savepoints (better-sqlite3).
  const deferred = db.transaction.bind(db);
  db.transaction = ((work, config) =>
    deferred(work, { ...config, behavior: config?.behavior ?? 'immediate' })) as Db['transaction'];
  return db;
}

/** Throws unless the database answers a trivial query (the health check). */
export function pingDatabase(db: Db): void {
  db.$client.prepare('SELECT 1').get();
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder });
}
