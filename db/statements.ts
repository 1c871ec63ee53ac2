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

/** A read whose rows are made by {@link preparedRows}. */
export interface RowReader<Row> {
  get(...params: unknown[]): Row | undefined;
  all(...params: unknown[]): Row[];
}

const readers = new WeakMap<Database.Database, Map<string, RowReader<unknown>>>();

/**
 * Like {@link prepared}, for wide rows on hot paths (a meeting record's 38 columns, an invitee's 17):
 * better-sqlite3 makes a row object column by column, which for such rows cost about as much as the
 * query (measured 19 → 10 µs a meeting read). Here the statement runs in raw mode and each row is
 * one object literal, compiled once from the statement's column names: the keys are the SQL's
 * aliases in their order, as a plain `get` gives them. Its own statements, so raw mode never leaks
 * into `prepared`'s.
 */
export function preparedRows<Row>(db: DbOrTx, sqlText: string): RowReader<Row> {
  const client = sqliteOf(db);
  let ofClient = readers.get(client);
  if (!ofClient) {
    ofClient = new Map();
    readers.set(client, ofClient);
  }
  let reader = ofClient.get(sqlText) as RowReader<Row> | undefined;
  if (!reader) {
    const statement = client.prepare(sqlText).raw(true);
    const make = rowMaker(statement.columns().map((column) => column.name)) as (values: unknown[]) => Row;
    reader = {
      get: (...params) => {
        const values = statement.get(...params) as unknown[] | undefined;
        return values && make(values);
      },
      all: (...params) => (statement.all(...params) as unknown[][]).map(make),
    };
    ofClient.set(sqlText, reader as RowReader<unknown>);
  }
  return reader;
}

function rowMaker(names: string[]): (values: unknown[]) => unknown {
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new Error(`column ${twice} is selected twice: give each column its own alias`);
  const members = names.map((name, i) => `${JSON.stringify(name)}: values[${i}]`).join(', ');
  return new Function('values', `return { ${members} };`) as (values: unknown[]) => unknown;
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
