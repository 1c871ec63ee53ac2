import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import * as schema from './schema/index.ts';
import { totalChanges } from './statements.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Switches the file to WAL. On a brand-new file several processes may try at the same instant, and
 * SQLite answers SQLITE_BUSY at once (without its busy handler, to avoid a deadlock) to all but
 * one; they wait a moment and try again, up to busy_timeout.
 */
function switchToWal(sqlite: Database.Database): void {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

/** Opens (and creates) the SQLite file with the pragmas the service relies on. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // first, so that switching a brand-new file to WAL waits for another process doing the same
  sqlite.pragma('busy_timeout = 5000');
  switchToWal(sqlite);
  sqlite.pragma('foreign_keys = ON');
  // WAL makes NORMAL durable against application crashes; only an OS crash may lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  // deleted rows (answer-link secrets, erased people) are overwritten, not left in free pages
  sqlite.pragma('secure_delete = ON');
  // Savepoints (each group-committed write has one) copy the pages they change to a sub-journal,
  // which SQLite spills to a temporary file past 64 KiB: a pwrite per page, ~15 µs of a person's
  // creation (measured 44 → 29 µs in a batch of 32). In memory, no personal data reaches temp files.
  sqlite.pragma('temp_store = MEMORY');
  const db = drizzle(sqlite, { schema }) as Db;
  // Every transaction takes the write lock when it starts (BEGIN IMMEDIATE): a deferred one that
  // reads and then writes fails with SQLITE_BUSY(_SNAPSHOT) when another process wrote in between,
  // which busy_timeout cannot wait out. Nested calls become savepoints (better-sqlite3), except
  // inside withoutSavepoints. The work gets the database itself as its `tx` (one connection: the
  // same thing): drizzle's own transaction object builds a query builder per table of the schema,
  // every time, which was a fifth of a small write request's CPU. One transaction function serves
  // every call: better-sqlite3 builds five closures for each, which cost more than the savepoint of
  // a nested call (~6 µs).
  const inTransaction = sqlite.transaction((work: (tx: unknown) => unknown) => work(db));
  db.transaction = ((
    work: (tx: unknown) => unknown,
    config?: { behavior?: 'deferred' | 'immediate' | 'exclusive' },
  ) => {
    const flat = flatRuns.get(sqlite);
    if (!flat || !sqlite.inTransaction) return inTransaction[config?.behavior ?? 'immediate'](work);
    // nested in withoutSavepoints: no savepoint, but a failure after a write is noted
    const before = totalChanges(sqlite);
    try {
      return work(db);
    } catch (error) {
      if (totalChanges(sqlite) !== before || !sqlite.inTransaction) flat.broken = true;
      throw error;
    }
  }) as Db['transaction'];
  return db;
}

/** Whether a transaction run without its savepoint failed after writing (see withoutSavepoints). */
export interface SavepointsLeftOut {
  broken: boolean;
}

const flatRuns = new WeakMap<Database.Database, SavepointsLeftOut>();

/**
 * Runs `work`, which begins a transaction, with the transactions nested in it run without savepoints.
 * A savepoint copies each page it first changes to a sub-journal, ~3 µs of a person's creation; most
 * nested transactions succeed, or fail on a check before their first write, with nothing to undo.
 * One that failed after writing (SQLite's total_changes() moved; a failed statement undoes its own
 * rows and counts none) sets `broken`: the caller must then roll the whole transaction back, as only
 * a savepoint could have undone that part of it.
 */
export function withoutSavepoints<T>(db: Db, work: (flat: SavepointsLeftOut) => T): T {
  const flat = { broken: false };
  flatRuns.set(db.$client, flat);
  try {
    return work(flat);
  } finally {
    flatRuns.delete(db.$client);
  }
}

/** Throws unless the database answers a trivial query (the health check). */
export function pingDatabase(db: Db): void {
  db.$client.prepare('SELECT 1').get();
}

/** When the newest migration applied to the file was written (its folderMillis), if any. */
function lastMigration(db: Db): number | undefined {
  const client = db.$client;
  const ledger = client
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!ledger) return undefined;
  const last = client
    .prepare('SELECT created_at FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1')
    .pluck()
    .get() as number | string | undefined;
  return last === undefined ? undefined : Number(last);
}

/**
 * Applies the migrations drizzle-kit wrote, keeping drizzle's own ledger (__drizzle_migrations).
 * drizzle's migrator reads the ledger before its (deferred) BEGIN, so two processes starting on a
 * brand-new file both decide to migrate and the second fails; here the ledger is read and the
 * migrations run under one BEGIN IMMEDIATE, so the others wait and then find nothing to do.
 */
export function migrateDatabase(db: Db): void {
  const migrations = readMigrationFiles({ migrationsFolder });
  const client = db.$client;
  const newest = Math.max(...migrations.map((m) => m.folderMillis));
  // an up-to-date file (every start but the first) is only read: no write lock to wait for
  if ((lastMigration(db) ?? -1) >= newest) return;
  // A migration that rebuilds a table (CREATE new, copy, DROP old, RENAME) must run without foreign
  // key enforcement: with it, DROP TABLE deletes the old rows first and cascades to their children
  // (an agreement's revisions, contacts …). The pragma is a no-op inside a transaction, so it is
  // set around it, and the references are checked before the commit instead.
  const enforced = client.pragma('foreign_keys', { simple: true }) === 1;
  client.pragma('foreign_keys = OFF');
  client.exec('BEGIN IMMEDIATE');
  try {
    client.exec(
      'CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)',
    );
    const last = lastMigration(db);
    const record = client.prepare('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)');
    for (const migration of migrations) {
      if (last !== undefined && last >= migration.folderMillis) continue;
      for (const statement of migration.sql) if (statement.trim()) client.exec(statement);
      record.run(migration.hash, migration.folderMillis);
    }
    const broken = client.pragma('foreign_key_check') as { table: string; parent: string }[];
    if (broken.length)
      throw new Error(
        `Migrating would break ${broken.length} reference(s), e.g. ${broken[0]!.table} → ${broken[0]!.parent}`,
      );
    client.exec('COMMIT');
  } catch (err) {
    if (client.inTransaction) client.exec('ROLLBACK');
    throw err;
  } finally {
    if (enforced) client.pragma('foreign_keys = ON');
  }
}
