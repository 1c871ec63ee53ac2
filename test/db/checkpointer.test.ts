import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { type CheckpointerMessage, checkpointInBackground } from '../../db/checkpointer.ts';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import { forgetDeleted } from '../../server/privacy/forget.ts';
import { buildTestApp } from '../helpers/app.ts';

function freshDatabase(t: { teardown(fn: () => void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'samraad-checkpoint-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'samraad.db');
  const db = openDatabase(path);
  migrateDatabase(db);
  return { dir, path, db };
}

/** The checkpointer's reports, awaitable one by one. */
function reports() {
  const heard: CheckpointerMessage[] = [];
  let wake = () => {};
  return {
    heard,
    report: (message: CheckpointerMessage) => {
      heard.push(message);
      wake();
    },
    async until(test: (message: CheckpointerMessage) => boolean): Promise<CheckpointerMessage> {
      // the worker does not keep a process alive (unref): this test process waits for it
      const alive = setInterval(() => {}, 1000);
      try {
        for (;;) {
          const found = heard.find(test);
          if (found) return found;
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
      } finally {
        clearInterval(alive);
      }
    },
  };
}

const autocheckpoint = (db: ReturnType<typeof openDatabase>) =>
  db.$client.pragma('wal_autocheckpoint', { simple: true });

t.test('commits reach the database file through the worker, not through a commit', async (t) => {
  const { dir, path, db } = freshDatabase(t);
  const heard = reports();
  const checkpointer = checkpointInBackground(db, path, { intervalMs: 10 }, heard.report);
  t.equal(autocheckpoint(db), 10_000, 'the connection checkpoints itself only past 10,000 pages of WAL');

  // 4,000 rows of 2 KB in 40 commits: about 2,000 pages of WAL, past SQLite's own 1,000
  const insert = db.$client.prepare('INSERT INTO outbox_part (members, created_at) VALUES (?, ?)');
  const write = db.$client.transaction((batch: number) => {
    for (let i = 0; i < 100; i++)
      insert.run(`"text":"${'ø'.repeat(1000)}${batch}-${i}"`, '2027-01-01T00:00:00.000Z');
  });
  const sizeBefore = statSync(path).size;
  for (let batch = 0; batch < 40; batch++) write(batch);
  // frames in the WAL: its 32-byte header, then each page with a 24-byte header
  const log = (statSync(`${path}-wal`).size - 32) / (4096 + 24);
  // the first report of a WAL copied to its end: it is the WAL the 40 commits wrote
  const done = await heard.until((m) => 'checkpointed' in m && m.checkpointed === m.log);
  t.same(done, { checkpointed: log, log }, 'every frame of the WAL copied');
  t.ok(statSync(path).size > sizeBefore + 6_000_000, 'the database file holds the rows');

  // the file alone, without its WAL, has every row
  const copy = join(dir, 'copy.db');
  copyFileSync(path, copy);
  const alone = new Database(copy, { readonly: true });
  t.equal(alone.prepare('SELECT count(*) AS n FROM outbox_part').pluck().get(), 4_000);
  t.equal(alone.prepare("SELECT count(*) FROM outbox_part WHERE members LIKE '%39-99\"'").pluck().get(), 1);
  alone.close();

  await checkpointer.stop();
  t.equal(autocheckpoint(db), 1_000, 'stopped: the connection checkpoints itself again');
  t.same(
    heard.heard.filter((m) => 'error' in m),
    [],
    'a stop asked for is no failure',
  );
  db.$client.close();
});

t.test('deleted data still leaves the files while the worker checkpoints all the time', async (t) => {
  // forgetDeleted empties the WAL by a checkpoint of its own; SQLite refuses a second checkpoint
  // while one runs, so without taking turns it failed about every other time against this worker
  const { path, db } = freshDatabase(t);
  const checkpointer = checkpointInBackground(db, path, { intervalMs: 1 }, () => {});
  const insert = db.$client.prepare('INSERT INTO outbox_part (members, created_at) VALUES (?, ?)');
  const write = db.$client.transaction(() => {
    for (let i = 0; i < 50; i++) insert.run(`"text":"${'x'.repeat(2000)}"`, '2027-01-01T00:00:00.000Z');
  });
  let walLeft = 0;
  for (let round = 0; round < 200; round++) {
    write();
    db.$client.exec('DELETE FROM outbox_part');
    // the worker's timer runs between rounds
    await new Promise((resolve) => setImmediate(resolve));
    forgetDeleted(db);
    if (statSync(`${path}-wal`).size > 0) walLeft++;
  }
  t.equal(walLeft, 0, 'after each of 200 rounds the WAL is empty');
  await checkpointer.stop();
  db.$client.close();
});

t.test('a worker that cannot start is reported, and commits checkpoint again', async (t) => {
  const { dir, db } = freshDatabase(t);
  const heard = reports();
  checkpointInBackground(db, join(dir, 'no-such.db'), { intervalMs: 10 }, heard.report);
  const failure = await heard.until((m) => 'error' in m && m.error.includes('stopped'));
  t.match(failure, { error: /commits checkpoint again/ });
  t.equal(autocheckpoint(db), 1_000);
  db.$client.close();
});

t.test('the service checkpoints in the background and leaves no WAL behind when it stops', async (t) => {
  const { app, dir } = await buildTestApp(t);
  t.equal(autocheckpoint(app.db), 10_000, 'a worker thread checkpoints for the service');
  await app.close();
  // the worker's connection closed first: the service's close was the last and removed the WAL
  t.notOk(existsSync(join(dir, 'samraad.db-wal')), 'no -wal file left');
});

t.test('DATABASE_CHECKPOINT_INTERVAL_MS=0: commits checkpoint as SQLite does by itself', async (t) => {
  const { app } = await buildTestApp(t, { DATABASE_CHECKPOINT_INTERVAL_MS: '0' });
  t.equal(autocheckpoint(app.db), 1_000);
});
