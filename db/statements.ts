import type Database from 'better-sqlite3';
import type { Db } from './client.ts';

/** A transaction handed in by another domain (planning's tx) as well as the database itself. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/** The SQLite connection behind a database or a drizzle transaction (one connection either way). */
export function sqliteOf(db: DbOrTx): Database.Database {
  return (db as Db).$client ?? (db as unknown as { session: { client: Database.Database } }).session.client;
}

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A prepared statement, compiled once per connection (so it works inside a caller's transaction
 * too), whose `get`/`all` return `Row`. Hot reads skip the query builder: measured, building the
 * query costs ~10× the SQLite work of a single-row read. Only the domains' query modules call it,
 * and they name the row type their SQL selects.
 */
export function prepared<Row = unknown>(db: DbOrTx, sqlText: string): Database.Statement<unknown[], Row> {
  const client = sqliteOf(db);
  let statements = cache.get(client);
  if (!statements) {
    statements = new Map();
    cache.set(client, statements);
  }
  let statement = statements.get(sqlText);
  if (!statement) {
    statement = client.prepare(sqlText);
    statements.set(sqlText, statement);
  }
  return statement as Database.Statement<unknown[], Row>;
}

/**
 * Runs `work` and undoes every write it made (a savepoint rolled back): a dry run counts what
 * would happen without keeping it, and without an exception to unwind.
 */
export function undone<T>(db: DbOrTx, work: () => T): T {
  const client = sqliteOf(db);
  client.exec('SAVEPOINT dry_run');
  try {
    return work();
  } finally {
    client.exec('ROLLBACK TO dry_run');
    client.exec('RELEASE dry_run');
  }
}
