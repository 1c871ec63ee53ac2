import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';

type Row = Record<string, number | string | null>;

/**
 * The previous release stored outcomes by the convening organisation (district_id); migrating puts
 * each on its area and keeps everything hanging off them (revisions, links, status history).
 */
t.test("migrating the previous release's database puts every outcome on its area", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'samraad-outcomes-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'samraad.db');
  copyFileSync(new URL('../fixtures/release-2026-11-29.db', import.meta.url), path);

  // more outcomes of that release, written with its own schema: agreements at and outside a
  // meeting, with a revision, a contact and a barrier link, and mappings of three districts
  const old = new Database(path);
  const districtOf = (code: string) =>
    (old.prepare("SELECT id FROM organisation WHERE kind = 'police_district' AND code = ?").get(code) as Row)
      .id;
  const bornholm = districtOf('1471');
  const fyn = districtOf('1465');
  const nord = districtOf('1460');
  const meeting = old.prepare('SELECT id FROM meeting ORDER BY id LIMIT 1').get() as Row;
  const person = old.prepare('SELECT id FROM person ORDER BY id LIMIT 1').get() as Row;
  const stamp = '2026-11-29T18:00:00.000Z';
  const addAgreement = old.prepare(
    `INSERT INTO agreement (district_id, type, title, agreed_at_meeting_id, agreed_on, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const a1 = addAgreement.run(
    bornholm,
    'kontaktaftale',
    'Bornholm: faste kontakter',
    meeting.id,
    '2027-01-14',
    'agreed',
    stamp,
    stamp,
  ).lastInsertRowid;
  addAgreement.run(
    fyn,
    'samarbejdsaftale',
    'Fyn: samarbejdsaftale',
    null,
    '2026-05-01',
    'in_force',
    stamp,
    stamp,
  );
  old
    .prepare(
      `INSERT INTO agreement_revision (agreement_id, version, title, text, status, saved_at, saved_by)
       VALUES (?, 1, 'Bornholm: faste kontakter', '', 'agreed', ?, 'facilitator@example.dk')`,
    )
    .run(a1, stamp);
  old.prepare('INSERT INTO agreement_contact (agreement_id, person_id) VALUES (?, ?)').run(a1, person.id);
  old.prepare('INSERT INTO agreement_barrier (agreement_id, barrier_id) SELECT ?, id FROM barrier').run(a1);
  const addMapping = old.prepare(
    `INSERT INTO district_mapping (district_id, year, forum_level, strengths, challenges, wishes, created_at, updated_at)
     VALUES (?, ?, 'all_municipalities', '["Faste møder"]', '[]', '[]', ?, ?)`,
  );
  for (const [district, year] of [
    [bornholm, 2026],
    [bornholm, 2027],
    [fyn, 2027],
    [nord, 2027],
  ] as const)
    addMapping.run(district, year, stamp, stamp);
  // each district's area, and what each outcome row held, read before migrating
  const areaOfDistrict = new Map(
    (old.prepare('SELECT convener_id AS d, id FROM area').all() as Row[]).map((r) => [r.d, r.id]),
  );
  const before = (table: string) =>
    (old.prepare(`SELECT id, district_id AS d FROM ${table} ORDER BY id`).all() as Row[]).map((r) => ({
      id: r.id,
      areaId: areaOfDistrict.get(r.d),
    }));
  const expected = {
    barrier: before('barrier'),
    agreement: before('agreement'),
    district_mapping: before('district_mapping'),
  };
  const counts = (c: Database.Database) =>
    Object.fromEntries(
      ['agreement_revision', 'agreement_contact', 'agreement_barrier', 'barrier_status_change'].map(
        (name) => [name, (c.prepare(`SELECT count(*) AS n FROM ${name}`).get() as Row).n],
      ),
    );
  const linksBefore = counts(old);
  old.close();
  t.equal(expected.barrier.length, 1, "the fixture's barrier");
  t.equal(expected.agreement.length, 2);
  t.equal(expected.district_mapping.length, 4);

  const app = await buildApp(
    loadConfig({ DATABASE_PATH: path, MAIL_DIR: join(dir, 'mail'), LOG_LEVEL: 'silent', MAIL_SENDER: 'off' }),
  );
  t.teardown(() => app.close());
  const c = app.db.$client;
  for (const table of ['barrier', 'agreement', 'district_mapping'] as const)
    t.same(
      c.prepare(`SELECT id, area_id AS areaId FROM ${table} ORDER BY id`).all(),
      expected[table],
      `every ${table} row is on its district's area`,
    );
  t.same(counts(c), linksBefore, 'revisions, contacts, links and status history are all kept');
  t.same(c.pragma('foreign_key_check'), [], 'every reference holds');
  t.equal(c.pragma('foreign_keys', { simple: true }), 1, 'foreign keys are enforced again after migrating');
  t.notOk(
    (c.prepare('PRAGMA table_info(barrier)').all() as { name: string }[]).some(
      (col) => col.name === 'district_id',
    ),
    'the area is the one source of truth',
  );

  // the mappings are found by their police districts as before
  const mapping = c
    .prepare(
      `SELECT m.year, o.code FROM district_mapping m JOIN area a ON a.id = m.area_id
       JOIN organisation o ON o.id = a.convener_id ORDER BY o.code, m.year`,
    )
    .all();
  t.same(mapping, [
    { year: 2027, code: '1460' },
    { year: 2027, code: '1465' },
    { year: 2026, code: '1471' },
    { year: 2027, code: '1471' },
  ]);
});
