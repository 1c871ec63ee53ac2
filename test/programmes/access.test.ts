import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { issueApiToken } from '../../server/accounts/accounts.ts';
import { createSession, csrfTokenFor } from '../../server/accounts/sessions.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { buildTestApp, DANISH_PROGRAMME } from '../helpers/app.ts';
import { insertMeeting } from '../helpers/factories.ts';
import { bornholmWithPeople, norwegianProgramme } from '../helpers/scenarios.ts';

type Headers = { authorization: string };
const NORWEGIAN = 'no-dialogmoter';

/** An account made as an admin makes it (POST /api/accounts), with an API token of its own. */
async function account(
  app: FastifyInstance,
  admin: Headers,
  body: { email: string; role: string; programmes?: string[] },
): Promise<{ id: number; headers: Headers }> {
  const res = await app.inject({ method: 'POST', url: '/api/accounts', headers: admin, payload: body });
  if (res.statusCode !== 201) throw new Error(res.body);
  const id = res.json().id as number;
  return { id, headers: { authorization: `Bearer ${issueApiToken(app.db, id)}` } };
}

/** Two programmes, a meeting in each, and a facilitator and a viewer of each programme only. */
async function twoProgrammes(t: Parameters<typeof buildTestApp>[0]) {
  const { app, as } = await buildTestApp(t);
  const no = await norwegianProgramme(app, as);
  const plan = await app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: as.admin,
    payload: { year: 2027, programme: NORWEGIAN },
  });
  if (plan.statusCode !== 201) throw new Error(plan.body);
  const noMeeting = plan.json().meetings[0].id as number;
  const dkMeeting = insertMeeting(app.db).meetingId;
  const nora = await account(app, as.admin, {
    email: 'nora@bufetat.test',
    role: 'facilitator',
    programmes: [NORWEGIAN],
  });
  const dan = await account(app, as.admin, {
    email: 'dan@politi.test',
    role: 'facilitator',
    programmes: [DANISH_PROGRAMME],
  });
  const vera = await account(app, as.admin, {
    email: 'vera@bufetat.test',
    role: 'viewer',
    programmes: [NORWEGIAN],
  });
  return {
    app,
    as,
    no,
    noMeeting,
    dkMeeting,
    nora: nora.headers,
    noraId: nora.id,
    dan: dan.headers,
    vera: vera.headers,
    veraId: vera.id,
  };
}

t.test('a facilitator of one programme sees and changes only its meetings; an admin sees both', async (t) => {
  const { app, as, noMeeting, dkMeeting, nora, dan } = await twoProgrammes(t);
  const ids = async (headers: Headers) =>
    ((await app.inject({ url: '/api/meetings', headers })).json() as { id: number }[]).map((m) => m.id);
  t.same(await ids(nora), [noMeeting], 'the Norwegian facilitator lists the Norwegian meeting only');
  t.notOk((await ids(dan)).includes(noMeeting), 'the Danish facilitator does not list the Norwegian meeting');
  t.ok((await ids(dan)).includes(dkMeeting));
  const all = await ids(as.admin);
  t.ok(all.includes(noMeeting) && all.includes(dkMeeting), 'an admin lists both');

  for (const path of ['', '/responses', '/audience', '/agenda', '/attendance', '/calendar.ics', '/gaps']) {
    const res = await app.inject({ url: `/api/meetings/${dkMeeting}${path}`, headers: nora });
    t.equal(
      res.statusCode,
      404,
      `GET /api/meetings/:danish${path} is not found for the Norwegian facilitator`,
    );
    t.match(res.headers['content-type'], /problem\+json/);
  }
  t.equal((await app.inject({ url: `/api/meetings/${noMeeting}`, headers: dan })).statusCode, 404);
  t.equal((await app.inject({ url: `/api/meetings/${noMeeting}`, headers: nora })).statusCode, 200);

  const before = (await app.inject({ url: `/api/meetings/${dkMeeting}`, headers: dan })).json();
  const move = await app.inject({
    method: 'PATCH',
    url: `/api/meetings/${dkMeeting}`,
    headers: nora,
    payload: { version: before.version, venueName: 'Ikke her' },
  });
  t.equal(move.statusCode, 404, 'the Danish meeting cannot be changed from Norway');
  const after = (await app.inject({ url: `/api/meetings/${dkMeeting}`, headers: dan })).json();
  t.equal(after.venueName, before.venueName, 'and it is unchanged');
});

t.test(
  'a viewer of a programme reads it but cannot change it; the refusal names the programme',
  async (t) => {
    const { app, as, noMeeting, vera, veraId } = await twoProgrammes(t);
    t.equal((await app.inject({ url: `/api/meetings/${noMeeting}`, headers: vera })).statusCode, 200);
    const meeting = (await app.inject({ url: `/api/meetings/${noMeeting}`, headers: vera })).json();
    const write = () =>
      app.inject({
        method: 'PATCH',
        url: `/api/meetings/${noMeeting}`,
        headers: vera,
        payload: { version: meeting.version, venueName: 'Drammen rådhus' },
      });
    t.equal((await write()).statusCode, 403, 'a viewer everywhere is refused every write');
    // facilitator in Denmark, still viewer in Norway: the refusal names the Norwegian programme
    const granted = await app.inject({
      method: 'PUT',
      url: `/api/accounts/${veraId}/programmes`,
      headers: as.admin,
      payload: {
        programmes: [
          { programme: NORWEGIAN, role: 'viewer' },
          { programme: DANISH_PROGRAMME, role: 'facilitator' },
        ],
      },
    });
    t.equal(granted.statusCode, 200, granted.body);
    t.same(granted.json().programmes, [
      { programme: DANISH_PROGRAMME, role: 'facilitator' },
      { programme: NORWEGIAN, role: 'viewer' },
    ]);
    const refused = await write();
    t.equal(refused.statusCode, 403);
    t.match(refused.json(), { status: 403, programme: NORWEGIAN, detail: /no-dialogmoter/ });
    t.equal(
      (await app.inject({ url: `/api/meetings/${noMeeting}`, headers: vera })).json().venueName,
      meeting.venueName,
      'nothing was saved',
    );
  },
);

t.test('the audit log records the programme of each change and filters by it', async (t) => {
  const { app, as, noMeeting, dkMeeting, nora, dan } = await twoProgrammes(t);
  const status = async (id: number, headers: Headers) => {
    const { version } = (await app.inject({ url: `/api/meetings/${id}`, headers })).json();
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/meetings/${id}`,
      headers,
      payload: { version, venueName: 'Møterom 2' },
    });
    t.equal(res.statusCode, 200, res.body);
  };
  await status(noMeeting, nora);
  await status(dkMeeting, dan);
  const entries = async (query: string) =>
    (await app.inject({ url: `/api/audit?entity=meeting${query}`, headers: as.admin })).json().items as {
      entityId: string;
      actor: string;
      programme: string | null;
    }[];
  const norwegian = await entries(`&programme=${NORWEGIAN}`);
  t.same(
    norwegian.map((e) => [e.entityId, e.actor, e.programme]),
    [[String(noMeeting), 'nora@bufetat.test', NORWEGIAN]],
    'the Norwegian change, named with its programme',
  );
  const danish = await entries(`&programme=${DANISH_PROGRAMME}`);
  t.same(
    danish.map((e) => [e.entityId, e.actor, e.programme]),
    [[String(dkMeeting), 'dan@politi.test', DANISH_PROGRAMME]],
  );
  t.equal((await app.inject({ url: '/api/audit', headers: nora })).statusCode, 403, 'the log is for admins');
});

t.test('a new account is given programmes explicitly once there is more than one', async (t) => {
  const { app, as } = await buildTestApp(t);
  const single = await app.inject({
    method: 'POST',
    url: '/api/accounts',
    headers: as.admin,
    payload: { email: 'eneste@test.example', role: 'viewer' },
  });
  t.equal(single.statusCode, 201);
  t.same(single.json().programmes, [{ programme: DANISH_PROGRAMME, role: 'viewer' }], 'the only programme');
  await norwegianProgramme(app, as);
  const unnamed = await app.inject({
    method: 'POST',
    url: '/api/accounts',
    headers: as.admin,
    payload: { email: 'hvem@test.example', role: 'facilitator' },
  });
  t.equal(unnamed.statusCode, 400);
  t.match(unnamed.json().fields, [{ field: 'body.programmes' }]);
  const unknown = await app.inject({
    method: 'POST',
    url: '/api/accounts',
    headers: as.admin,
    payload: { email: 'hvem@test.example', role: 'facilitator', programmes: ['no-such'] },
  });
  t.equal(unknown.statusCode, 400);
  t.match(unknown.json().fields, [{ field: 'body.programmes.0' }]);
  const listed = (await app.inject({ url: '/api/accounts', headers: as.admin })).json() as {
    email: string;
  }[];
  t.notOk(
    listed.some((a) => a.email === 'hvem@test.example'),
    'no half-made account',
  );
  t.equal(
    (await app.inject({ url: '/api/accounts', headers: as.facilitator })).statusCode,
    403,
    'accounts are for admins',
  );
});

t.test('the previous release’s accounts work in the Danish programme after the migration', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'samraad-release-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'samraad.db');
  copyFileSync(new URL('../fixtures/release-2026-11-29.db', import.meta.url), path);
  const app = await buildApp(
    loadConfig({ DATABASE_PATH: path, MAIL_DIR: join(dir, 'mail'), LOG_LEVEL: 'silent', MAIL_SENDER: 'off' }),
  );
  t.teardown(() => app.close());
  const admin = { authorization: `Bearer ${issueApiToken(app.db, 1)}` };
  const accounts = (await app.inject({ url: '/api/accounts', headers: admin })).json();
  t.same(
    accounts.map((a: { email: string; programmes: unknown }) => [a.email, a.programmes]),
    [
      ['admin@test.example', []],
      ['facilitator@test.example', [{ programme: DANISH_PROGRAMME, role: 'facilitator' }]],
      ['viewer@test.example', [{ programme: DANISH_PROGRAMME, role: 'viewer' }]],
    ],
    'facilitators and viewers kept their role, in the Danish programme',
  );
  const facilitator = { authorization: `Bearer ${issueApiToken(app.db, 2)}` };
  const meetings = await app.inject({ url: '/api/meetings?year=2027', headers: facilitator });
  t.equal(meetings.json().length, 12, 'the facilitator still sees the planned year');
});

t.test('contacts and organisations: each programme sees its own and the unassigned ones', async (t) => {
  const { app, as, no, nora, dan } = await twoProgrammes(t);
  const bornholm = bornholmWithPeople(app.db);
  const post = async (url: string, headers: Headers, payload: object) =>
    app.inject({ method: 'POST', url, headers, payload });
  const ingrid = await post('/api/people', nora, {
    name: 'Ingrid Barnevern',
    email: 'ingrid@drammen.test',
    organisationId: no.members[0]!.id,
    roles: [],
  });
  t.equal(ingrid.statusCode, 201, ingrid.body);
  const noPerson = ingrid.json().id as number;
  const emails = async (headers: Headers) =>
    ((await app.inject({ url: '/api/people?limit=500', headers })).json().items as { email: string }[]).map(
      (p) => p.email,
    );
  const noraSees = await emails(nora);
  t.same(noraSees, ['ingrid@drammen.test'], 'the Norwegian facilitator lists Norwegian contacts only');
  const danSees = await emails(dan);
  t.ok(danSees.includes('pia@politi.test'), 'the Danish facilitator lists Bornholm’s contacts');
  t.notOk(danSees.includes('ingrid@drammen.test'), 'but not the Norwegian contact');
  const adminSees = await emails(as.admin);
  t.ok(
    adminSees.includes('pia@politi.test') && adminSees.includes('ingrid@drammen.test'),
    'an admin sees both',
  );

  const pia = bornholm.people.chief;
  for (const [url, headers] of [
    [`/api/people/${pia}`, nora],
    [`/api/people/${noPerson}`, dan],
    [`/api/organisations/${bornholm.police.id}`, nora],
    [`/api/organisations/${no.members[0]!.id}`, dan],
  ] as const)
    t.equal(
      (await app.inject({ url, headers })).statusCode,
      404,
      `${url} is not found for the other programme`,
    );
  const patch = await app.inject({
    method: 'PATCH',
    url: `/api/people/${pia}`,
    headers: nora,
    payload: { version: 1, phone: '12345678' },
  });
  t.equal(patch.statusCode, 404, 'nor can it be changed');
  const del = await app.inject({ method: 'DELETE', url: `/api/people/${pia}`, headers: nora });
  t.equal(del.statusCode, 404);
  t.equal((await app.inject({ url: `/api/people/${pia}`, headers: dan })).json().phone, null, 'unchanged');

  // a person cannot be placed in another programme's organisation
  const smuggled = await post('/api/people', nora, {
    name: 'Snik Snoker',
    email: 'snik@politi.test',
    organisationId: bornholm.police.id,
    roles: [],
  });
  t.equal(smuggled.statusCode, 400);
  t.match(smuggled.json().fields, [{ field: 'body.organisationId' }]);

  const orgNames = async (headers: Headers) =>
    (
      (await app.inject({ url: '/api/organisations?limit=500', headers })).json().items as { name: string }[]
    ).map((o) => o.name);
  const noraOrgs = await orgNames(nora);
  t.ok(noraOrgs.includes('Drammen kommune') && noraOrgs.includes('Bufetat region øst'));
  t.notOk(noraOrgs.includes('Bornholms Politi'), 'no Danish organisation in the Norwegian list');
  t.notOk((await orgNames(dan)).includes('Drammen kommune'), 'no Norwegian organisation in the Danish list');

  // a new organisation belongs to no programme until placed: its maker (and everyone) can see it
  const made = await post('/api/organisations', nora, { kind: 'other', name: 'Familievernkontoret Drammen' });
  t.equal(made.statusCode, 201);
  t.equal((await app.inject({ url: `/api/organisations/${made.json().id}`, headers: nora })).statusCode, 200);
  const placed = await app.inject({
    method: 'PUT',
    url: `/api/areas/${no.areaId}/members/${made.json().id}`,
    headers: nora,
    payload: { memberRole: 'support' },
  });
  t.equal(placed.statusCode, 200, placed.body);
  t.equal(
    (await app.inject({ url: `/api/organisations/${made.json().id}`, headers: dan })).statusCode,
    404,
    'once in a Norwegian area it is the Norwegian programme’s',
  );
});

t.test('outcomes and reports follow the programme of their area', async (t) => {
  const { app, as, no, nora, dan } = await twoProgrammes(t);
  const barrier = await app.inject({
    method: 'POST',
    url: '/api/barriers',
    headers: nora,
    payload: {
      areaId: no.areaId,
      category: 'taushetsplikt',
      description: 'Uklart hva som kan deles',
      allMunicipalities: true,
      raisedOn: '2025-09-01',
    },
  });
  t.equal(barrier.statusCode, 201, barrier.body);
  const dkBarrier = await app.inject({
    method: 'POST',
    url: '/api/barriers',
    headers: dan,
    payload: {
      districtCode: '1471',
      category: 'other',
      description: 'Ventetid',
      allMunicipalities: true,
      raisedOn: '2025-09-01',
    },
  });
  t.equal(dkBarrier.statusCode, 201, dkBarrier.body);
  const listed = async (headers: Headers) =>
    ((await app.inject({ url: '/api/barriers', headers })).json().items as { id: number }[]).map((b) => b.id);
  const gone = await app.inject({
    method: 'DELETE',
    url: `/api/barriers/${barrier.json().id}`,
    headers: nora,
  });
  t.equal(gone.statusCode, 204);
  const audited = (
    await app.inject({ url: `/api/audit?entity=barrier&programme=${NORWEGIAN}`, headers: as.admin })
  ).json().items as { action: string; programme: string }[];
  t.same(
    audited.map((e) => [e.action, e.programme]),
    [
      ['delete', NORWEGIAN],
      ['create', NORWEGIAN],
    ],
    'creating and deleting the Norwegian barrier are both the Norwegian programme’s in the log',
  );
  const again = await app.inject({
    method: 'POST',
    url: '/api/barriers',
    headers: nora,
    payload: {
      areaId: no.areaId,
      category: 'taushetsplikt',
      description: 'Uklart hva som kan deles',
      allMunicipalities: true,
      raisedOn: '2025-09-01',
    },
  });
  t.equal(again.statusCode, 201);
  t.same(await listed(nora), [again.json().id], 'the Norwegian list has the Norwegian barrier only');
  t.same(await listed(dan), [dkBarrier.json().id]);
  t.equal(
    (await app.inject({ url: `/api/barriers/${dkBarrier.json().id}`, headers: nora })).statusCode,
    404,
    'the Danish barrier is not found from Norway',
  );
  const intoDenmark = await app.inject({
    method: 'POST',
    url: '/api/barriers',
    headers: nora,
    payload: {
      districtCode: '1471',
      category: 'other',
      description: 'Fra Norge',
      allMunicipalities: true,
      raisedOn: '2025-09-01',
    },
  });
  t.equal(intoDenmark.statusCode, 400, 'nor can one be raised in a Danish district');
  t.match(intoDenmark.json().fields, [{ field: 'body.districtCode' }]);

  const report = await app.inject({ url: '/api/reports/national?year=2025&format=json', headers: nora });
  t.equal(report.statusCode, 403, 'the Danish national report is refused, naming the programme');
  t.match(report.json(), { programme: DANISH_PROGRAMME });
  const own = await app.inject({
    url: `/api/reports/national?year=2025&format=json&programme=${NORWEGIAN}`,
    headers: nora,
  });
  t.equal(own.statusCode, 200, 'the Norwegian report is the Norwegian facilitator’s');
  const district = await app.inject({
    url: `/api/reports/agreements?year=2025&format=json&district=1471&programme=${NORWEGIAN}`,
    headers: nora,
  });
  t.equal(district.statusCode, 404, 'a Danish district’s report is not found under the Norwegian programme');
});

t.test('a token and a browser session of the scoped account carry the same scope', async (t) => {
  const { app, noMeeting, dkMeeting, noraId } = await twoProgrammes(t);
  const second = { authorization: `Bearer ${issueApiToken(app.db, noraId, 'second')}` };
  t.equal((await app.inject({ url: `/api/meetings/${dkMeeting}`, headers: second })).statusCode, 404);
  t.equal((await app.inject({ url: `/api/meetings/${noMeeting}`, headers: second })).statusCode, 200);
  const cookie = `samraad_session=${createSession(app.db, noraId)}`;
  const page = await app.inject({ url: `/moeder/${dkMeeting}`, headers: { cookie } });
  t.equal(page.statusCode, 404, 'the Danish meeting page is not found');
  t.match(page.headers['content-type'], /text\/html/);
  t.notMatch(page.body, /Rønne Rådhus/, 'and shows nothing of it');
  t.equal((await app.inject({ url: `/moeder/${noMeeting}`, headers: { cookie } })).statusCode, 200);
});

t.test('the pages say a refused programme in Danish, naming it', async (t) => {
  const { app, as, noMeeting, vera, veraId } = await twoProgrammes(t);
  await app.inject({
    method: 'PUT',
    url: `/api/accounts/${veraId}/programmes`,
    headers: as.admin,
    payload: {
      programmes: [
        { programme: NORWEGIAN, role: 'viewer' },
        { programme: DANISH_PROGRAMME, role: 'facilitator' },
      ],
    },
  });
  const before = (await app.inject({ url: `/api/meetings/${noMeeting}`, headers: vera })).json();
  const session = createSession(app.db, veraId);
  const res = await app.inject({
    method: 'POST',
    url: `/moeder/${noMeeting}/aflys`,
    headers: { cookie: `samraad_session=${session}` },
    payload: { _csrf: csrfTokenFor(session), version: String(before.version), reason: 'Ingen grunn' },
  });
  t.equal(res.statusCode, 403);
  t.match(res.headers['content-type'], /text\/html/);
  t.match(
    res.body,
    /Du kan se programmet Dialogmøter barnevern og politi, men ikke ændre i det/,
    'the Danish sentence names the programme',
  );
  t.equal(
    (await app.inject({ url: `/api/meetings/${noMeeting}`, headers: vera })).json().status,
    before.status,
    'the meeting is not cancelled',
  );
});

t.test('a CSV import writes only into the importing account’s programmes', async (t) => {
  const { app, nora } = await twoProgrammes(t);
  bornholmWithPeople(app.db);
  const csv = `Navn;Email;Organisation;Roller;Fast kontaktperson
Ola Nordmann;ola@lier.test;Lier kommune;;nej
Snik Snoker;snik@brk.test;Bornholm;;nej
Pia Omdøbt;pia@politi.test;Lier kommune;;nej
`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/people/import?dryRun=true',
    headers: { ...nora, 'content-type': 'text/csv; charset=utf-8' },
    payload: csv,
  });
  t.equal(res.statusCode, 200, res.body);
  t.match(res.json(), {
    created: 1,
    updated: 0,
    errors: [
      { line: 3, field: 'organisation', reason: 'no single organisation matches "Bornholm"' },
      { line: 4, field: 'email', reason: 'the email is a contact your account cannot change' },
    ],
  });
  const real = await app.inject({
    method: 'POST',
    url: '/api/people/import?dryRun=false',
    headers: { ...nora, 'content-type': 'text/csv; charset=utf-8' },
    payload: csv,
  });
  t.equal(real.statusCode, 422, 'a real import with refused rows writes nothing');
});
