import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';

type Row = Record<string, number | string | null>;

/**
 * The previous release assumed every member willing to host (willing_to_host defaulted to true).
 * Migrated, nobody is assumed willing: those rows are "not asked"; one recorded unwilling stays so.
 */
t.test(
  "migrating the previous release's database: hosts not asked, a recorded no kept, meetings as they were",
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'samraad-willingness-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'samraad.db');
    copyFileSync(new URL('../fixtures/release-2026-11-29.db', import.meta.url), path);

    const old = new Database(path);
    const unwilling = old
      .prepare(
        "SELECT area_id AS areaId, organisation_id AS organisationId FROM area_member WHERE member_role = 'member' ORDER BY area_id, organisation_id LIMIT 1",
      )
      .get() as Row;
    old
      .prepare('UPDATE area_member SET willing_to_host = 0 WHERE area_id = ? AND organisation_id = ?')
      .run(unwilling.areaId, unwilling.organisationId);
    const meetingBefore = old
      .prepare(
        'SELECT id, venue_name AS venueName, venue_address AS venueAddress FROM meeting ORDER BY id LIMIT 1',
      )
      .get() as Row;
    const members = (old.prepare('SELECT count(*) AS n FROM area_member').get() as Row).n;
    old.close();

    const app = await buildApp(
      loadConfig({
        DATABASE_PATH: path,
        MAIL_DIR: join(dir, 'mail'),
        LOG_LEVEL: 'silent',
        MAIL_SENDER: 'off',
      }),
    );
    t.teardown(() => app.close());
    const rows = app.db.$client
      .prepare('SELECT host_willingness AS w, count(*) AS n FROM area_member GROUP BY 1 ORDER BY 1')
      .all() as Row[];
    t.same(rows, [
      { w: 'not_asked', n: Number(members) - 1 },
      { w: 'not_willing', n: 1 },
    ]);
    const columns = (app.db.$client.prepare('PRAGMA table_info(area_member)').all() as Row[]).map(
      (c) => c.name,
    );
    t.notOk(columns.includes('willing_to_host'), 'the old boolean is gone');

    const meeting = app.db.$client
      .prepare(
        'SELECT venue_name AS venueName, venue_address AS venueAddress, venue_id AS venueId, reply_by AS replyBy FROM meeting WHERE id = ?',
      )
      .get(meetingBefore.id) as Row;
    t.same(
      meeting,
      {
        venueName: meetingBefore.venueName,
        venueAddress: meetingBefore.venueAddress,
        venueId: null,
        replyBy: null,
      },
      "an old meeting keeps its place text and has no venue; its deadline is the cycle's default",
    );
  },
);
