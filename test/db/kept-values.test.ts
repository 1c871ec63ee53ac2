import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { openDatabase } from '../../db/client.ts';
import { freshSince, readTogether, whileUnchanged } from '../../db/statements.ts';

/**
 * whileUnchanged keeps a value derived from the database until the database changes, whoever
 * changes it; readTogether runs reads in one read transaction, in which values are kept too.
 */

function twoConnections(t: { teardown(fn: () => void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'samraad-kept-'));
  const path = join(dir, 'kept.db');
  const db = openDatabase(path);
  db.$client.exec('CREATE TABLE thing (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  db.$client.prepare("INSERT INTO thing (name) VALUES ('first')").run();
  // another process's connection (the CLI, a second server)
  const other = openDatabase(path);
  t.teardown(() => {
    other.$client.close();
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });
  let reads = 0;
  const names = () =>
    whileUnchanged(db, 'names', () => {
      reads++;
      return {
        names: db.$client
          .prepare<unknown[], { name: string }>('SELECT name FROM thing ORDER BY id')
          .all()
          .map((r) => r.name),
      };
    });
  return { db, other, names, reads: () => reads };
}

t.test('a kept value is read again after any write, of this connection or another', async (t) => {
  const { db, other, names, reads } = twoConnections(t);
  t.same(names().names, ['first']);
  t.same(names().names, ['first']);
  t.equal(reads(), 1, 'read once while nothing changed');

  db.$client.prepare("INSERT INTO thing (name) VALUES ('second')").run();
  t.same(names().names, ['first', 'second'], "this connection's write is seen");
  t.equal(reads(), 2);

  other.$client.prepare("UPDATE thing SET name = 'renamed' WHERE id = 1").run();
  t.same(names().names, ['renamed', 'second'], "another connection's commit is seen");
  t.equal(reads(), 3);
  t.same(names().names, ['renamed', 'second']);
  t.equal(reads(), 3);
});

t.test('a kept value is shared, so it is frozen', async (t) => {
  const { names } = twoConnections(t);
  const kept = names();
  t.ok(Object.isFrozen(kept) && Object.isFrozen(kept.names));
  t.throws(() => kept.names.push('more'));
});

t.test(
  'inside a write transaction nothing is kept: a rollback would leave the stamp where it was',
  async (t) => {
    const { db, names, reads } = twoConnections(t);
    t.throws(() =>
      db.transaction(() => {
        db.$client.prepare("INSERT INTO thing (name) VALUES ('undone')").run();
        t.same(names().names, ['first', 'undone'], 'the transaction sees its own write');
        throw new Error('roll back');
      }),
    );
    t.same(names().names, ['first'], 'the rolled-back write is not kept');
    t.equal(reads(), 2);
  },
);

t.test('reads together keep values, see one snapshot, and write nothing kept after a failure', async (t) => {
  const { db, other, names, reads } = twoConnections(t);
  const seen = readTogether(db, () => {
    const before = names().names;
    // another process commits meanwhile: the read transaction keeps its snapshot
    other.$client.prepare("INSERT INTO thing (name) VALUES ('later')").run();
    const count = db.$client.prepare<unknown[], { n: number }>('SELECT count(*) AS n FROM thing').get()!.n;
    return { before, after: names().names, count, inTransaction: db.$client.inTransaction };
  });
  t.same(seen, { before: ['first'], after: ['first'], count: 1, inTransaction: true });
  t.equal(db.$client.inTransaction, false, 'the read transaction is over');
  t.same(names().names, ['first', 'later'], 'the commit is seen after it');
  t.equal(reads(), 2);

  t.throws(() =>
    readTogether(db, () => {
      db.$client.prepare("INSERT INTO thing (name) VALUES ('undone')").run();
      t.same(names().names, ['first', 'later', 'undone']);
      throw new Error('roll back');
    }),
  );
  t.same(names().names, ['first', 'later'], 'nothing read after the undone write is kept');
});

t.test(
  "for a request, another process's commits count up to its arrival; this connection's writes always",
  async (t) => {
    const { db, other, names, reads } = twoConnections(t);
    // another process commits before the request arrives: seen, although kept before
    t.same(names().names, ['first']);
    other.$client.prepare("UPDATE thing SET name = 'before' WHERE id = 1").run();
    const arrived = performance.now();
    t.same(
      freshSince(db, arrived, () => names().names),
      ['before'],
      'a commit before the request arrived is seen',
    );
    t.equal(reads(), 2);

    // checked since it arrived: a commit after that need not be (it could have come after the request)
    other.$client.prepare("UPDATE thing SET name = 'after' WHERE id = 1").run();
    t.same(
      freshSince(db, arrived, () => names().names),
      ['before'],
      'a commit after the check may wait',
    );
    t.equal(reads(), 2);
    // its own writes are seen at once
    db.$client.prepare("INSERT INTO thing (name) VALUES ('own')").run();
    t.same(
      freshSince(db, arrived, () => names().names),
      ['after', 'own'],
      'and with it the other commit',
    );
    t.equal(reads(), 3);

    // anything not on behalf of an arrived request checks every time
    other.$client.prepare("UPDATE thing SET name = 'later' WHERE id = 1").run();
    t.same(names().names, ['later', 'own']);
    t.equal(reads(), 4);
    // a request that arrived after the last check gets the check again
    other.$client.prepare("UPDATE thing SET name = 'latest' WHERE id = 1").run();
    t.same(
      freshSince(db, performance.now(), () => names().names),
      ['latest', 'own'],
    );
  },
);
