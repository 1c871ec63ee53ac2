import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { openDatabase } from '../../db/client.ts';

/**
 * A write in a savepoint (every write of a group commit) keeps the pages it changes in a
 * sub-journal. With temporary files on disk it became a file past 64 KiB: made, written and
 * deleted per transaction. The database keeps temporary data in memory instead.
 */

/** The SQLite temporary files this process holds open (they are deleted as soon as they are made). */
function openTemporaryFiles(): string[] {
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(join('/proc/self/fd', fd));
      } catch {
        return '';
      }
    })
    .filter((target) => target.includes('etilqs_'));
}

t.test(
  'a large write in a savepoint leaves no temporary file',
  { skip: !existsSync('/proc/self/fd') },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'samraad-temp-store-'));
    const db = openDatabase(join(dir, 'temp.db'));
    t.teardown(() => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    });
    t.equal(db.$client.pragma('temp_store', { simple: true }), 2, 'temporary data is kept in memory');
    const client = db.$client;
    client.exec('CREATE TABLE page (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
    const insert = client.prepare('INSERT INTO page (body) VALUES (?)');
    for (let i = 0; i < 100; i++) insert.run(Buffer.alloc(3000, i));

    let during: string[] = [];
    db.transaction(() => {
      // changing 100 pages of ~3 KB in a savepoint: ~300 KiB of sub-journal, far past the 64 KiB spill
      db.transaction(() => {
        client.prepare('UPDATE page SET body = zeroblob(3000)').run();
        during = openTemporaryFiles();
      });
    });
    t.same(during, [], 'the sub-journal stayed in memory');
    t.same(
      client.prepare('SELECT count(*) AS n FROM page WHERE body = zeroblob(3000)').get(),
      { n: 100 },
      'the write was kept',
    );
  },
);
