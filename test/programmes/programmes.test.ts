import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { buildTestApp } from '../helpers/app.ts';

const problemType = 'application/problem+json; charset=utf-8';

/** A Norwegian programme over areas of a new kind, as an admin sets one up by API. */
function norwegianProgramme(overrides: Record<string, unknown> = {}) {
  return {
    key: 'no-familievern',
    name: 'Familievernets samarbeidsmøter',
    language: 'nb',
    holidayCountry: 'NO',
    timeZone: 'Europe/Oslo',
    areaKind: 'family_counselling_area',
    titlePattern: 'Samarbeidsmøte {year} – {area}',
    settings: {
      audience: [{ sector: 'child_welfare', level: 'leadership' }],
      taxonomy: {
        agreementTypes: [{ key: 'samarbeidsavtale', labels: { nb: 'Samarbeidsavtale' } }],
        barrierCategories: [{ key: 'kjennskap', labels: { nb: 'Lite kjennskap til hverandre' } }],
        forumLevels: [{ key: 'felles', labels: { nb: 'Felles forum' } }],
      },
      planning: { weekdays: [2, 3], startTime: '10:00', endTime: '14:00' },
    },
    ...overrides,
  };
}

t.test('the Danish politikredsmøder are the programme the service starts with', async (t) => {
  const { app, as } = await buildTestApp(t);
  const list = await app.inject({ url: '/api/programmes', headers: as.viewer });
  t.equal(list.statusCode, 200);
  const [danish] = list.json();
  t.match(danish, {
    key: 'dk-politikredsmoeder',
    name: 'Politikredsmøder',
    language: 'da',
    holidayCountry: 'DK',
    timeZone: 'Europe/Copenhagen',
    areaKind: 'police_district',
  });
  t.equal(danish.settings.taxonomy.barrierCategories.length, 7, 'the six barriers of seed 002 and "other"');
  t.equal(
    danish.settings.taxonomy.forumLevels.find((f: { key: string }) => f.key === 'all_municipalities').labels
      .da,
    'Forum med alle kommuner',
  );
  t.same(danish.settings.planning.weekdays, [2, 3, 4]);
  const areas = app.db.$client
    .prepare('SELECT count(*) AS n FROM area WHERE programme_id = ?')
    .get(danish.id) as { n: number };
  t.equal(areas.n, 12, 'the 12 police districts belong to it');

  const plan = await app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: as.facilitator,
    payload: { year: 2027, dryRun: false },
  });
  t.equal(plan.statusCode, 201);
  const cycle = app.db.$client.prepare('SELECT programme_id AS p FROM cycle').get() as { p: number };
  t.equal(cycle.p, danish.id, 'a planned year is the Danish programme’s');
});

t.test('catalogues are rows an admin adds; a row in use cannot be deleted', async (t) => {
  const { app, as } = await buildTestApp(t);
  const kinds = (await app.inject({ url: '/api/organisation-kinds' })).json();
  t.ok(
    kinds.some((k: { key: string }) => k.key === 'borough'),
    'the Norwegian kinds are there',
  );
  const languages = (await app.inject({ url: '/api/languages' })).json();
  t.same(
    languages.map((l: { code: string }) => l.code),
    ['da', 'en', 'nb'],
  );

  const viewerTry = await app.inject({
    method: 'POST',
    url: '/api/sectors',
    headers: as.facilitator,
    payload: { key: 'health', labels: { da: 'Sundhed' } },
  });
  t.equal(viewerTry.statusCode, 403, 'only admins change the catalogues');
  const added = await app.inject({
    method: 'POST',
    url: '/api/sectors',
    headers: as.admin,
    payload: { key: 'health', labels: { da: 'Sundhed', nb: 'Helse', en: 'Health' } },
  });
  t.equal(added.statusCode, 201);
  const twice = await app.inject({
    method: 'POST',
    url: '/api/sectors',
    headers: as.admin,
    payload: { key: 'health', labels: { da: 'Sundhed' } },
  });
  t.equal(twice.statusCode, 409);

  const kind = await app.inject({
    method: 'POST',
    url: '/api/organisation-kinds',
    headers: as.admin,
    payload: { key: 'hospital', labels: { da: 'Hospital' }, sectorKey: 'nowhere' },
  });
  t.equal(kind.statusCode, 400);
  t.equal(kind.headers['content-type'], problemType);
  t.equal(kind.json().fields[0].field, 'body.sectorKey');

  const inUse = await app.inject({
    method: 'DELETE',
    url: '/api/organisation-kinds/municipality',
    headers: as.admin,
  });
  t.equal(inUse.statusCode, 409);
  t.match(inUse.json().detail, /98 organisations/, 'the refusal says what uses it');
  const languageInUse = await app.inject({ method: 'DELETE', url: '/api/languages/da', headers: as.admin });
  t.equal(languageInUse.statusCode, 409);
  t.match(languageInUse.json().detail, /1 programmes/);
  const renamed = await app.inject({
    method: 'PATCH',
    url: '/api/languages/nb',
    headers: as.admin,
    payload: { name: 'Norsk (bokmål)', textsFrom: 'nb' },
  });
  t.same(renamed.json(), { code: 'nb', name: 'Norsk (bokmål)', textsFrom: 'nb' }, 'a language is renamed');
  const ownTexts = await app.inject({
    method: 'PATCH',
    url: '/api/languages/nb',
    headers: as.admin,
    payload: { name: 'Norsk', textsFrom: 'da' },
  });
  t.equal(ownTexts.statusCode, 400, 'a language with texts of its own keeps reading them');
  t.equal(ownTexts.json().fields[0].field, 'body.textsFrom');
  const unused = await app.inject({ method: 'DELETE', url: '/api/sectors/health', headers: as.admin });
  t.equal(unused.statusCode, 204);
  t.notOk(
    (await app.inject({ url: '/api/sectors' })).json().some((s: { key: string }) => s.key === 'health'),
    'gone after the delete',
  );
});

t.test('an admin creates a programme; bad input names the field and changes nothing', async (t) => {
  const { app, as } = await buildTestApp(t);
  const count = () =>
    (app.db.$client.prepare('SELECT count(*) AS n FROM programme').get() as { n: number }).n;

  const noAreas = await app.inject({
    method: 'POST',
    url: '/api/programmes',
    headers: as.admin,
    payload: norwegianProgramme(),
  });
  t.equal(noAreas.statusCode, 400, 'an area kind nobody convenes');
  t.equal(noAreas.json().fields[0].field, 'body.areaKind');

  // an office convening two municipalities' child-welfare services
  const office = await app.inject({
    method: 'POST',
    url: '/api/organisations',
    headers: as.facilitator,
    payload: { kind: 'other', name: 'Familievernkontoret i Drammen' },
  });
  t.equal(office.statusCode, 201);
  const areaMade = await app.inject({
    method: 'POST',
    url: '/api/areas',
    headers: as.facilitator,
    payload: { name: 'Drammen og omegn', kind: 'family_counselling_area', convenerId: office.json().id },
  });
  t.equal(areaMade.statusCode, 201, areaMade.body);

  for (const [payload, field] of [
    [norwegianProgramme({ holidayCountry: 'XX' }), 'body.holidayCountry'],
    [norwegianProgramme({ language: 'fo' }), 'body.language'],
    [norwegianProgramme({ timeZone: 'Europe/Atlantis' }), 'body.timeZone'],
    [
      norwegianProgramme({
        settings: { ...norwegianProgramme().settings, audience: [{ sector: 'astronomy' }] },
      }),
      'body.settings.audience.0.sector',
    ],
    [
      norwegianProgramme({
        settings: { ...norwegianProgramme().settings, audience: [{ roleKeys: ['no-such-role'] }] },
      }),
      'body.settings.audience.0.roleKeys',
    ],
  ] as const) {
    const res = await app.inject({ method: 'POST', url: '/api/programmes', headers: as.admin, payload });
    t.equal(res.statusCode, 400, field);
    t.equal(res.headers['content-type'], problemType);
    t.ok(
      res.json().fields.some((f: { field: string }) => f.field === field),
      `${field} is named: ${res.body}`,
    );
  }
  t.equal(count(), 1, 'nothing was saved');

  const byFacilitator = await app.inject({
    method: 'POST',
    url: '/api/programmes',
    headers: as.facilitator,
    payload: norwegianProgramme(),
  });
  t.equal(byFacilitator.statusCode, 403);

  const made = await app.inject({
    method: 'POST',
    url: '/api/programmes',
    headers: as.admin,
    payload: norwegianProgramme(),
  });
  t.equal(made.statusCode, 201, made.body);
  t.match(made.json(), {
    key: 'no-familievern',
    language: 'nb',
    holidayCountry: 'NO',
    timeZone: 'Europe/Oslo',
  });
  t.same(made.json().settings.planning.weekdays, [2, 3]);
  t.equal(made.json().settings.planning.areaOrder, 'near_last_year', 'defaults fill what was not given');
  const joined = app.db.$client
    .prepare('SELECT programme_id AS p FROM area WHERE id = ?')
    .get(areaMade.json().id) as { p: number };
  t.equal(joined.p, made.json().id, 'the existing area of its kind joined it');

  const again = await app.inject({
    method: 'POST',
    url: '/api/programmes',
    headers: as.admin,
    payload: norwegianProgramme(),
  });
  t.equal(again.statusCode, 409);

  const stale = await app.inject({
    method: 'PATCH',
    url: '/api/programmes/no-familievern',
    headers: as.admin,
    payload: { version: 99, name: 'Nytt navn' },
  });
  t.equal(stale.statusCode, 409);
  const renamed = await app.inject({
    method: 'PATCH',
    url: '/api/programmes/no-familievern',
    headers: as.admin,
    payload: { version: 1, name: 'Samarbeidsmøter i familievernet', holidayRegion: null },
  });
  t.equal(renamed.statusCode, 200, renamed.body);
  t.equal(renamed.json().version, 2);
  t.equal(renamed.json().titlePattern, 'Samarbeidsmøte {year} – {area}', 'what was not sent stays');
  t.same(renamed.json().settings.planning.weekdays, [2, 3]);
  const audit = await app.inject({ url: '/api/audit?entity=programme', headers: as.admin });
  t.equal(audit.json().total, 2, 'creation and change are audited');
  t.equal((await app.inject({ url: '/api/programmes/nowhere', headers: as.viewer })).statusCode, 404);
});

t.test(
  'a database made by the previous release moves with all its data into the Danish programme',
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'samraad-release-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    // made on 2026-11-29 by the release before programmes: reference data, Bornholm's people, 2027
    // planned, Bornholm's meeting invited, one barrier
    const path = join(dir, 'samraad.db');
    copyFileSync(new URL('../fixtures/release-2026-11-29.db', import.meta.url), path);
    const app = await buildApp(
      loadConfig({
        DATABASE_PATH: path,
        MAIL_DIR: join(dir, 'mail'),
        LOG_LEVEL: 'silent',
        MAIL_SENDER: 'off',
      }),
    );
    t.teardown(() => app.close());
    const sql = (q: string) => app.db.$client.prepare(q).get() as Record<string, number>;
    t.same(sql('SELECT count(*) AS n FROM meeting'), { n: 12 }, 'every meeting is kept');
    t.same(sql('SELECT count(*) AS n FROM invitation'), { n: 4 });
    t.same(sql('SELECT count(*) AS n FROM barrier'), { n: 1 });
    const danish = sql("SELECT id FROM programme WHERE key = 'dk-politikredsmoeder'").id;
    t.same(
      sql(`SELECT count(*) AS n FROM cycle WHERE programme_id IS NULL OR programme_id <> ${danish}`),
      { n: 0 },
      'the planned year is the Danish programme’s',
    );
    t.same(sql(`SELECT count(*) AS n FROM area WHERE programme_id = ${danish}`), { n: 12 });
    t.same(sql('SELECT count(*) AS n FROM organisation'), { n: 115 }, 'the register is unchanged');
    const programme = JSON.parse(
      (
        app.db.$client.prepare('SELECT settings FROM programme WHERE id = ?').get(danish) as {
          settings: string;
        }
      ).settings,
    );
    t.equal(programme.taxonomy.agreementTypes.length, 6, 'the seed filled in its settings');
  },
);
