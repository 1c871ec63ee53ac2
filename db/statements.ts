import type Database from 'better-sqlite3';
import type { Db } from './client.ts';

/** A transaction handed in by another domain (planning's tx) as well as the database itself. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/** The SQLite connection behind a database or a drizzle transaction (one connection either way), or the connection itself. */
export function sqliteOf(db: DbOrTx | Database.Database): Database.Database {
  const wrapped = db as { $client?: Database.Database; session?: { client: Database.Database } };
  return wrapped.$client ?? wrapped.session?.client ?? (db as Database.Database);
}

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A prepared statement, compiled once per connection (so it works inside a caller's transaction
 * too), whose `get`/`all` return `Row`. Hot reads skip the query builder: measured, building the
 * query costs ~10× the SQLite work of a single-row read. Only the domains' query modules call it,
 * and they name the row type their SQL selects.
 */
export function prepared<Row = unknown>(
  db: DbOrTx | Database.Database,
  sqlText: string,
): Database.Statement<unknown[], Row> {
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

/** Rows one multi-row INSERT takes at most: 64 rows of a dozen values stay far below SQLite's 32,766 parameters. */
const ROWS_PER_INSERT = 64;

/** A multi-row INSERT: `INSERT INTO t (a, b)` and one row's `(?, ?)`. */
export interface RowsInsert {
  into: string;
  tuple: string;
}

const multiRow = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The INSERT of `count` rows, prepared once per connection and count. */
function multiRowInsert(client: Database.Database, insert: RowsInsert, count: number): Database.Statement {
  let ofClient = multiRow.get(client);
  if (!ofClient) {
    ofClient = new Map();
    multiRow.set(client, ofClient);
  }
  const key = `${count} ${insert.into}`;
  let statement = ofClient.get(key);
  if (!statement) {
    statement = client.prepare(`${insert.into} VALUES ${Array(count).fill(insert.tuple).join(', ')}`);
    ofClient.set(key, statement);
  }
  return statement;
}

/**
 * Inserts many rows with one statement per {@link ROWS_PER_INSERT}: SQLite does the same work per
 * row, but the call, binding and reset of a statement are paid once. `rows` are each row's values
 * in the tuple's order. (Not for rows whose ids the caller needs: RETURNING's rows come in no
 * promised order, and reading them cost more than the statements saved.)
 */
export function insertRows(db: DbOrTx, insert: RowsInsert, rows: unknown[][]): void {
  const client = sqliteOf(db);
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const end = Math.min(start + ROWS_PER_INSERT, rows.length);
    // a loop, not rows.slice().flat(): flat() took 17 µs for a send's 25 rows, this 1 µs
    const values: unknown[] = [];
    for (let i = start; i < end; i++) for (const value of rows[i]!) values.push(value);
    multiRowInsert(client, insert, end - start).run(values);
  }
}

/** The rows this connection has written so far (SQLite's total_changes()), rolled-back ones included. */
export function totalChanges(db: DbOrTx | Database.Database): number {
  return prepared<number>(db, 'SELECT total_changes()').pluck().get() ?? 0;
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

interface KeptValues {
  values: Map<string, unknown>;
  /** When data_version was last read (performance.now(), taken before the read). */
  checkedAt: number;
  /** The stamp the values were computed at: total_changes() and data_version as last read. */
  changesThen: number;
  dataVersionThen: number;
}

const kept = new WeakMap<Database.Database, KeptValues>();
const MAX_KEPT = 500;

/** Connections inside readTogether's transaction, which writes nothing. */
const readingTogether = new WeakSet<Database.Database>();

/**
 * Runs `read`'s statements in one read transaction (BEGIN DEFERRED): outside a transaction each
 * statement takes and drops the WAL read lock itself, about 2 µs, more than a small indexed read.
 * They also see one snapshot. Inside a caller's transaction it just runs `read`. For reads only.
 */
export function readTogether<T>(db: Db, read: () => T): T {
  const client = sqliteOf(db);
  if (client.inTransaction) return read();
  readingTogether.add(client);
  try {
    return db.transaction(read, { behavior: 'deferred' });
  } catch (error) {
    // rolled back: a value kept after a write the rollback undid would outlive it
    kept.get(client)?.values.clear();
    throw error;
  } finally {
    readingTogether.delete(client);
  }
}

/**
 * A value derived from the database alone (no clock), computed once and kept while the database is
 * unchanged: the stamp is SQLite's change counters (total_changes() counts this connection's
 * writes, data_version another process's commits), so no write path has to remember to drop it.
 * Within a transaction it is computed afresh, never kept: writes that are rolled back leave
 * total_changes() where they took it (readTogether's reads are kept: it writes nothing). At most
 * 500 values per connection, the oldest dropped first. The value is frozen, as every caller
 * shares it.
 */
export function whileUnchanged<T extends object>(db: DbOrTx, key: string, compute: () => T): T {
  const client = sqliteOf(db);
  if (client.inTransaction && !readingTogether.has(client)) return compute();
  let cache = kept.get(client);
  if (!cache) {
    cache = {
      values: new Map(),
      checkedAt: Number.NEGATIVE_INFINITY,
      changesThen: -1,
      dataVersionThen: -1,
    };
    kept.set(client, cache);
  }
  const changes = totalChanges(client);
  const since = freshSinceOf.get(client);
  // data_version takes and drops the WAL read lock (two fcntl calls): read again unless read since `since`
  if (since === undefined || cache.checkedAt < since || changes !== cache.changesThen) {
    cache.checkedAt = performance.now();
    // total_changes() and the PRAGMA in two statements, not one reading pragma_data_version: that
    // table prepares its PRAGMA on every read
    const dataVersion = prepared<number>(client, 'PRAGMA data_version').pluck().get() ?? 0;
    if (changes !== cache.changesThen || dataVersion !== cache.dataVersionThen) {
      cache.values.clear();
      cache.changesThen = changes;
      cache.dataVersionThen = dataVersion;
    }
  }
  let value = cache.values.get(key) as T | undefined;
  if (value === undefined) {
    value = deepFreeze(compute());
    // a Map keeps insertion order: dropping the oldest is enough for a bounded cache
    if (cache.values.size >= MAX_KEPT) cache.values.delete(cache.values.keys().next().value!);
    cache.values.set(key, value);
  }
  return value;
}

const freshSinceOf = new WeakMap<Database.Database, number>();

/**
 * Runs `read` (synchronous) for a request that arrived at `since` (performance.now()): its
 * whileUnchanged values need another process's commits only up to then, so SQLite's data_version
 * is read again only if it was last read before `since` (a commit the caller could have seen before
 * it asked is then already counted). This connection's own writes are checked every time. Saves a
 * request that its authentication already stamped a second read lock (~2 µs) for its access check.
 */
export function freshSince<T>(db: DbOrTx, since: number, read: () => T): T {
  const client = sqliteOf(db);
  const outer = freshSinceOf.get(client);
  freshSinceOf.set(client, since);
  try {
    return read();
  } finally {
    if (outer === undefined) freshSinceOf.delete(client);
    else freshSinceOf.set(client, outer);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
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
