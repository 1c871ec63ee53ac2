import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';

async function municipalityId(app: Awaited<ReturnType<typeof buildTestApp>>['app'], code: string) {
  const list = (await app.inject({ url: '/api/municipalities' })).json() as { id: number; code: string }[];
  return list.find((m) => m.code === code)!.id;
}

t.test('a facilitator creates, reads, updates and deletes a contact person', async (t) => {
  const { app, as } = await buildTestApp(t);
  const organisationId = await municipalityId(app, '400');
  const created = await app.inject({
    method: 'POST',
    url: '/api/people',
    headers: as.facilitator,
    payload: {
      name: 'Søren Ærø Åberg',
      email: 'Soren.Aberg@Brk.dk',
      phone: '+45 56 92 00 00',
      organisationId,
      roles: ['boerne-ungechef', 'teamleder'],
      isFixedContact: true,
    },
  });
  t.equal(created.statusCode, 201);
  const person = created.json();
  t.match(person, {
    name: 'Søren Ærø Åberg',
    email: 'soren.aberg@brk.dk',
    organisation: { id: organisationId, name: 'Bornholm', kind: 'municipality', code: '400' },
    isFixedContact: true,
    language: 'da',
    version: 1,
  });
  t.same(person.roles.map((r: { key: string }) => r.key).sort(), ['boerne-ungechef', 'teamleder']);
  t.match(
    person.createdAt,
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/,
    'ISO 8601 with offset',
  );

  const read = await app.inject({ url: `/api/people/${person.id}`, headers: as.viewer });
  t.equal(read.statusCode, 200);
  t.equal(read.json().email, 'soren.aberg@brk.dk');

  const updated = await app.inject({
    method: 'PATCH',
    url: `/api/people/${person.id}`,
    headers: as.facilitator,
    payload: { version: 1, phone: '+45 11 22 33 44', roles: ['teamleder'] },
  });
  t.equal(updated.statusCode, 200);
  t.match(updated.json(), {
    phone: '+45 11 22 33 44',
    version: 2,
    roles: [{ key: 'teamleder', level: 'leadership' }],
  });

  const stale = await app.inject({
    method: 'PATCH',
    url: `/api/people/${person.id}`,
    headers: as.facilitator,
    payload: { version: 1, name: 'Someone Else' },
  });
  t.equal(stale.statusCode, 409, 'a stale version is refused');
  t.match(stale.json(), { status: 409, currentVersion: 2 });
  t.equal(
    (await app.inject({ url: `/api/people/${person.id}`, headers: as.viewer })).json().name,
    'Søren Ærø Åberg',
  );

  const duplicate = await app.inject({
    method: 'POST',
    url: '/api/people',
    headers: as.facilitator,
    payload: { name: 'Twin', email: 'SOREN.ABERG@brk.dk', organisationId },
  });
  t.equal(duplicate.statusCode, 409, 'email is unique, whatever its case');

  const deleted = await app.inject({ method: 'DELETE', url: `/api/people/${person.id}`, headers: as.admin });
  t.equal(deleted.statusCode, 204);
  t.equal((await app.inject({ url: `/api/people/${person.id}`, headers: as.viewer })).statusCode, 404);
});

t.test('lists are paginated and filterable by organisation, district and role', async (t) => {
  const { app, as } = await buildTestApp(t);
  const bornholm = await municipalityId(app, '400');
  const aalborg = await municipalityId(app, '851');
  for (let i = 0; i < 7; i++) {
    await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: as.facilitator,
      payload: {
        name: `Person ${i}`,
        email: `p${i}@example.dk`,
        organisationId: i < 3 ? bornholm : aalborg,
        roles: i % 2 ? ['videoafhoerer'] : ['teamleder'],
      },
    });
  }
  const page = (await app.inject({ url: '/api/people?limit=5&offset=5', headers: as.viewer })).json();
  t.equal(page.total, 7);
  t.equal(page.items.length, 2);
  t.match(page, { limit: 5, offset: 5 });

  const byOrg = (
    await app.inject({ url: `/api/people?organisation=${bornholm}`, headers: as.viewer })
  ).json();
  t.equal(byOrg.total, 3);
  const byDistrict = (await app.inject({ url: '/api/people?district=1460', headers: as.viewer })).json();
  t.equal(byDistrict.total, 4, 'Aalborg is in Nordjyllands Politi');
  const byRole = (
    await app.inject({ url: '/api/people?role=videoafhoerer&district=1471', headers: as.viewer })
  ).json();
  t.same(
    byRole.items.map((p: { name: string }) => p.name),
    ['Person 1'],
  );

  const tooMany = await app.inject({ url: '/api/people?limit=100000', headers: as.viewer });
  t.equal(tooMany.statusCode, 400);
  t.match(tooMany.json().fields, [{ field: 'querystring.limit' }]);
});

t.test('bad input is a 4xx problem naming the field, and changes nothing', async (t) => {
  const { app, as } = await buildTestApp(t);
  const organisationId = await municipalityId(app, '101');
  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { ...as.facilitator, ...headers },
      payload: payload as object,
    });

  const malformed = await app.inject({
    method: 'POST',
    url: '/api/people',
    headers: { ...as.facilitator, 'content-type': 'application/json' },
    payload: '{"name": "x",',
  });
  t.equal(malformed.statusCode, 400);
  t.match(malformed.headers['content-type'], /application\/problem\+json/);

  const wrongType = await post({ name: 42, email: 'a@b.dk', organisationId });
  t.equal(wrongType.statusCode, 400);
  t.match(wrongType.json(), { status: 400, title: 'Bad Request', fields: [{ field: 'body.name' }] });

  const unknownField = await post({ name: 'A', email: 'a@b.dk', organisationId, shoeSize: 44 });
  t.equal(unknownField.statusCode, 400);
  t.match(unknownField.json().fields, [{ field: 'body.shoeSize', message: 'unknown field' }]);

  const badEmail = await post({ name: 'A', email: 'not-an-email', organisationId });
  t.match(badEmail.json().fields, [{ field: 'body.email' }]);

  const unknownOrg = await post({ name: 'A', email: 'a@b.dk', organisationId: 999999 });
  t.equal(unknownOrg.statusCode, 400);
  t.match(unknownOrg.json().fields, [{ field: 'body.organisationId' }]);

  const unknownRole = await post({
    name: 'A',
    email: 'a@b.dk',
    organisationId,
    roles: ['teamleder', 'astronaut'],
  });
  t.equal(unknownRole.statusCode, 400);
  t.match(unknownRole.json().fields, [{ field: 'body.roles' }]);

  const huge = await post({ name: 'A', email: 'a@b.dk', organisationId, title: 'x'.repeat(300 * 1024) });
  t.equal(huge.statusCode, 413);
  t.match(huge.json(), { status: 413 });

  for (const id of ['abc', '-1', '1.5', '99999999999999999999']) {
    const res = await app.inject({ url: `/api/people/${id}`, headers: as.viewer });
    t.equal(res.statusCode, 400, `id ${id} is refused`);
  }
  t.equal((await app.inject({ url: '/api/people/424242', headers: as.viewer })).statusCode, 404);
  t.equal((await app.inject({ url: '/api/nothing-here' })).statusCode, 404);

  const list = (await app.inject({ url: '/api/people', headers: as.viewer })).json();
  t.equal(list.total, 0, 'no refused request left anything behind');
});

t.test('contact details need an account; writes need a facilitator', async (t) => {
  const { app, as } = await buildTestApp(t);
  const organisationId = await municipalityId(app, '101');
  const payload = { name: 'A', email: 'a@b.dk', organisationId };

  t.equal((await app.inject({ url: '/api/people' })).statusCode, 401);
  t.equal(
    (await app.inject({ url: '/api/people', headers: { authorization: 'Bearer smr_nope' } })).statusCode,
    401,
  );
  t.equal(
    (await app.inject({ url: '/api/people', headers: { authorization: 'Basic abc' } })).statusCode,
    401,
  );
  const forged = `${as.viewer.authorization.slice(0, -4)}AAAA`;
  t.equal((await app.inject({ url: '/api/people', headers: { authorization: forged } })).statusCode, 401);

  t.equal((await app.inject({ method: 'POST', url: '/api/people', payload })).statusCode, 401);
  const viewerWrite = await app.inject({ method: 'POST', url: '/api/people', headers: as.viewer, payload });
  t.equal(viewerWrite.statusCode, 403);
  t.match(viewerWrite.headers['content-type'], /application\/problem\+json/);
  t.equal(
    (await app.inject({ method: 'POST', url: '/api/people', headers: as.admin, payload })).statusCode,
    201,
  );

  t.equal(
    (await app.inject({ url: '/api/audit', headers: as.facilitator })).statusCode,
    403,
    'only admins read the audit log',
  );
  t.equal((await app.inject({ url: '/api/districts' })).statusCode, 200, 'district names are public');
});

t.test("a new person's reply is the person as stored, whatever the shape of the request", async (t) => {
  const { app, as } = await buildTestApp(t);
  const bornholm = await municipalityId(app, '400');
  const copenhagen = await municipalityId(app, '101');
  const frederiksberg = await municipalityId(app, '147');
  const payloads = [
    { name: 'Kun Navn', email: 'kun@brk.dk', organisationId: bornholm },
    {
      name: 'Alle Felter',
      email: 'Alle.Felter@BRK.dk',
      phone: '  +45 56 92 00 00 ',
      title: 'Afdelingsleder',
      organisationId: bornholm,
      // out of catalogue order, one twice: the reply lists each once, in the order reads give
      roles: ['teamleder', 'boerne-ungechef', 'teamleder'],
      covers: [frederiksberg, copenhagen, frederiksberg],
      isFixedContact: true,
      language: 'en',
    },
    { name: 'Uden Roller', email: 'uden@kk.dk', organisationId: copenhagen, roles: [], title: null },
  ];
  for (const payload of payloads) {
    const created = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: as.facilitator,
      payload,
    });
    t.equal(created.statusCode, 201, created.body);
    const read = await app.inject({ url: `/api/people/${created.json().id}`, headers: as.viewer });
    t.equal(created.body, read.body, `${payload.name}: the same JSON as a read`);
  }
  t.equal(
    (await app.inject({ url: '/api/people?q=Alle', headers: as.viewer })).json().items[0].covers.length,
    2,
    'each covered organisation once',
  );

  // refused after the other checks passed (a covered organisation that does not exist): nothing written
  const before = (await app.inject({ url: '/api/audit?entity=person', headers: as.admin })).json().total;
  const refused = await app.inject({
    method: 'POST',
    url: '/api/people',
    headers: as.facilitator,
    payload: { name: 'Afvist', email: 'afvist@brk.dk', organisationId: bornholm, covers: [999_999] },
  });
  t.equal(refused.statusCode, 400);
  t.equal(refused.json().fields[0].field, 'body.covers');
  t.equal((await app.inject({ url: '/api/people?q=Afvist', headers: as.viewer })).json().total, 0);
  t.equal(
    (await app.inject({ url: '/api/audit?entity=person', headers: as.admin })).json().total,
    before,
    'and audited nothing',
  );
});

t.test('a new person with several faults is refused for the first of them, in a fixed order', async (t) => {
  const { app, as } = await buildTestApp(t);
  const bornholm = await municipalityId(app, '400');
  const post = (payload: object) =>
    app.inject({ method: 'POST', url: '/api/people', headers: as.facilitator, payload });
  const taken = await post({ name: 'Først', email: 'foerst@brk.dk', organisationId: bornholm });
  t.equal(taken.statusCode, 201);

  // every fault at once, then one fewer each time: organisation, language, roles, email, covers
  const faults = {
    organisationId: 999_999,
    language: 'fo',
    roles: ['astronaut'],
    email: 'FOERST@brk.dk',
    covers: [999_998],
  };
  const refusals: [string, number, string | undefined][] = [];
  for (const fixed of [
    {},
    { organisationId: bornholm },
    { language: 'da' },
    { roles: [] },
    { email: 'ny@brk.dk' },
  ]) {
    Object.assign(faults, fixed);
    const res = await post({ name: 'Fejl', ...faults });
    refusals.push([
      res.headers['content-type'] as string,
      res.statusCode,
      res.json().fields?.[0]?.field ?? res.json().detail,
    ]);
  }
  t.same(
    refusals.map(([, status, field]) => [status, field]),
    [
      [400, 'body.organisationId'],
      [400, 'body.language'],
      [400, 'body.roles'],
      [409, 'A person with email foerst@brk.dk already exists'],
      [400, 'body.covers'],
    ],
  );
  t.ok(
    refusals.every(([type]) => type.startsWith('application/problem+json')),
    'each a problem document',
  );
  t.equal((await app.inject({ url: '/api/people', headers: as.viewer })).json().total, 1, 'nothing written');
});
