import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { openDatabase } from '../../db/client.ts';
import { createGroupCommit } from '../../server/plugins/group-commit.ts';

/**
 * The group commit runs a batch's jobs without savepoints first; whatever a job did, the database
 * ends as if each job had had its own savepoint: a refused job leaves nothing, the others stay.
 */

function database(t: { teardown(fn: () => void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'samraad-group-commit-'));
  const db = openDatabase(join(dir, 'batch.db'));
  db.$client.exec('CREATE TABLE thing (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)');
  t.teardown(() => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const insert = db.$client.prepare('INSERT INTO thing (name) VALUES (?)');
  const add = (name: string) => Number(insert.run(name).lastInsertRowid);
  const names = () =>
    db.$client
      .prepare<unknown[], { name: string }>('SELECT name FROM thing ORDER BY name')
      .all()
      .map((r) => r.name);
  return { db, add, names };
}

const settle = <T>(promises: Promise<T>[]) =>
  Promise.allSettled(promises).then((all) =>
    all.map((s) => (s.status === 'fulfilled' ? s.value : `refused: ${(s.reason as Error).message}`)),
  );

t.test('jobs refused before writing leave the batch as it was, without a second run', async (t) => {
  const { db, add, names } = database(t);
  const writes = createGroupCommit(db);
  let runs = 0;
  const job = (name: string) => () => {
    runs++;
    if (name.startsWith('bad')) throw new Error(`${name} is refused`);
    add(name);
    return name;
  };
  const outcomes = await settle(['a', 'bad-b', 'c', 'bad-d', 'e'].map((n) => writes.run(job(n))));
  t.same(outcomes, ['a', 'refused: bad-b is refused', 'c', 'refused: bad-d is refused', 'e']);
  t.same(names(), ['a', 'c', 'e']);
  t.equal(runs, 5, 'each job ran once');
});

t.test(
  'a job refused after writing is undone alone: the batch runs again, each job in a savepoint',
  async (t) => {
    const { db, add, names } = database(t);
    const writes = createGroupCommit(db);
    let runs = 0;
    const outcomes = await settle([
      writes.run(() => {
        runs++;
        return add('first');
      }),
      writes.run(() => {
        runs++;
        add('half');
        throw new Error('refused after a write');
      }),
      // a constraint: the statement undoes itself, and the job's earlier write must go too
      writes.run(() => {
        runs++;
        add('before-duplicate');
        return add('first');
      }),
      writes.run(() => {
        runs++;
        return add('last');
      }),
    ]);
    t.equal(outcomes[0], 1);
    t.equal(outcomes[1], 'refused: refused after a write');
    t.match(outcomes[2], /refused: UNIQUE constraint failed/);
    t.equal(outcomes[3], 2, 'the ids are those of the run that was kept');
    t.same(names(), ['first', 'last'], 'only the good jobs are saved, once each');
    t.ok(runs > 4, 'the batch ran again');
  },
);

t.test('a nested transaction that failed after writing is undone, and its job goes on', async (t) => {
  const { db, add, names } = database(t);
  const writes = createGroupCommit(db);
  const outcomes = await settle([
    writes.run(() => add('other')),
    writes.run(() => {
      add('kept');
      try {
        db.transaction(() => {
          add('undone');
          throw new Error('inner refusal');
        });
      } catch {
        // the job decides to go on without the inner part, as a savepoint allows
      }
      return add('after');
    }),
  ]);
  t.equal(outcomes.length, 2);
  t.same(names(), ['after', 'kept', 'other']);
});

t.test('outside the group commit, nested transactions still have savepoints', async (t) => {
  const { db, add, names } = database(t);
  db.transaction(() => {
    add('outer');
    try {
      db.transaction(() => {
        add('inner');
        throw new Error('refused');
      });
    } catch {}
  });
  t.same(names(), ['outer']);
});
