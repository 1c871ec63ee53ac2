import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';

const importCsv = (
  app: Awaited<ReturnType<typeof buildTestApp>>['app'],
  headers: object,
  csv: string,
  dryRun: boolean,
) =>
  app.inject({
    method: 'POST',
    url: `/api/people/import?dryRun=${dryRun}`,
    headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' },
    payload: csv,
  });

const goodSemicolon = `\uFEFFNavn;Email;Telefon;Organisation;Roller;Fast kontaktperson
Åse Ødegård;aase@rksk.dk;+45 99 74 14 14;Ringkøbing-Skjern;Børne- og ungechef|teamleder;ja
Bjørn Ærlig;bjorn@politi.dk;;1462;Sektionsleder;nej
"Hansen, Søs";soes@kk.dk;;101;kommunal-sagsbehandler;
`;

t.test(
  'a semicolon file with Danish letters imports, and importing it again duplicates nothing',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const dry = await importCsv(app, as.facilitator, goodSemicolon, true);
    t.equal(dry.statusCode, 200);
    t.match(dry.json(), { dryRun: true, rows: 3, created: 3, updated: 0, errors: [] });
    t.match(
      dry.json().outcomes[0],
      {
        line: 2,
        name: 'Åse Ødegård',
        organisation: { kind: 'municipality', name: 'Ringkøbing-Skjern' },
        roles: [{ name: 'Børne- og ungechef' }, { name: 'Teamleder' }],
      },
      'the dry run says which organisation and roles each row resolved to',
    );
    t.match(dry.json().outcomes[1], { organisation: { kind: 'police_district', code: '1462' } });
    t.equal(
      (await app.inject({ url: '/api/people', headers: as.viewer })).json().total,
      0,
      'a dry run saves nothing',
    );

    const real = await importCsv(app, as.facilitator, goodSemicolon, false);
    t.match(real.json(), { dryRun: false, created: 3, updated: 0, errors: [] });
    const people = (await app.inject({ url: '/api/people', headers: as.viewer })).json();
    t.equal(people.total, 3);
    const aase = people.items.find((p: { email: string }) => p.email === 'aase@rksk.dk');
    t.match(aase, { name: 'Åse Ødegård', isFixedContact: true, organisation: { name: 'Ringkøbing-Skjern' } });
    t.same(aase.roles.map((r: { key: string }) => r.key).sort(), ['boerne-ungechef', 'teamleder']);
    t.match(
      people.items.find((p: { email: string }) => p.email === 'soes@kk.dk'),
      { name: 'Hansen, Søs', organisation: { name: 'København' } },
    );
    t.match(
      people.items.find((p: { email: string }) => p.email === 'bjorn@politi.dk'),
      { organisation: { kind: 'police_district' } },
    );

    const again = await importCsv(app, as.facilitator, goodSemicolon, false);
    t.match(again.json(), { created: 0, updated: 0, unchanged: 3 });
    t.equal((await app.inject({ url: '/api/people', headers: as.viewer })).json().total, 3, 'no duplicates');

    const changed = await importCsv(
      app,
      as.facilitator,
      goodSemicolon.replace('+45 99 74 14 14', '+45 12 34 56 78'),
      false,
    );
    t.match(
      changed.json(),
      { created: 0, updated: 1, unchanged: 2 },
      'people are matched by email and updated',
    );
  },
);

t.test(
  'a comma file with bad rows: the dry run names every bad row, the real import writes nothing',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const csv = [
      'name,email,organisation,roles',
      'Good One,good@example.dk,Aalborg,teamleder',
      'No Email,,Aalborg,',
      'Bad Org,bad.org@example.dk,Atlantis,',
      'Bad Role,bad.role@example.dk,Aalborg,astronaut',
      'Twice,GOOD@example.dk,Aalborg,',
    ].join('\r\n');
    const dry = await importCsv(app, as.facilitator, csv, true);
    t.equal(dry.statusCode, 200);
    const report = dry.json();
    t.same(
      report.errors.map((e: { line: number; field: string }) => [e.line, e.field]),
      [
        [3, 'email'],
        [4, 'organisation'],
        [5, 'roles'],
        [6, 'email'],
      ],
    );
    t.match(report.errors[3].reason, /line 2/);

    const real = await importCsv(app, as.facilitator, csv, false);
    t.equal(real.statusCode, 422);
    t.match(real.headers['content-type'], /application\/problem\+json/);
    t.equal(real.json().errors.length, 4);
    t.equal(
      (await app.inject({ url: '/api/people', headers: as.viewer })).json().total,
      0,
      'all or nothing: the good row was not saved either',
    );

    const noColumns = await importCsv(app, as.facilitator, 'foo;bar\n1;2\n', true);
    t.match(noColumns.json().errors[0], { line: 1, field: 'name' });
    const viewer = await importCsv(app, as.viewer, csv, true);
    t.equal(viewer.statusCode, 403);
  },
);
