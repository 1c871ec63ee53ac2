import Database from 'better-sqlite3';
import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';

async function bornholmId(app: Awaited<ReturnType<typeof buildTestApp>>['app']) {
  const list = (await app.inject({ url: '/api/municipalities?district=1471' })).json() as {
    id: number;
    code: string;
  }[];
  return list.find((m) => m.code === '400')!.id;
}

t.test('concurrent writes share a commit, but a failing one is refused alone', async (t) => {
  const { app, as } = await buildTestApp(t);
  const organisationId = await bornholmId(app);
  const payloads = Array.from({ length: 30 }, (_, i) => ({
    name: `Samtidig ${i}`,
    email: i === 17 ? 'samtidig-3@brk.dk' : `samtidig-${i}@brk.dk`,
    organisationId,
    roles: ['teamleder'],
  }));
  const replies = await Promise.all(
    payloads.map((payload) =>
      app.inject({ method: 'POST', url: '/api/people', headers: as.facilitator, payload }),
    ),
  );
  t.same(
    replies.map((r) => r.statusCode),
    payloads.map((_, i) => (i === 17 ? 409 : 201)),
    'only the duplicate email is refused',
  );
  const list = (
    await app.inject({ url: `/api/people?organisation=${organisationId}&limit=100`, headers: as.viewer })
  ).json();
  t.equal(list.total, 29, 'the 29 good ones are saved, the refused one left nothing behind');
  const audit = (await app.inject({ url: '/api/audit?entity=person&limit=100', headers: as.admin })).json();
  t.equal(audit.total, 29, 'one audit record per saved person');
});

t.test('cached reads follow every change, also one made by another process', async (t) => {
  const { app, as, dir } = await buildTestApp(t);
  const organisationId = await bornholmId(app);
  const listUrl = `/api/people?organisation=${organisationId}`;
  t.equal((await app.inject({ url: listUrl, headers: as.viewer })).json().total, 0);

  const created = await app.inject({
    method: 'POST',
    url: '/api/people',
    headers: as.facilitator,
    payload: { name: 'Første Kontakt', email: 'forste@brk.dk', organisationId, roles: ['teamleder'] },
  });
  t.equal(created.statusCode, 201);
  const afterCreate = await app.inject({ url: listUrl, headers: as.viewer });
  t.equal(afterCreate.headers['content-type'], 'application/json; charset=utf-8');
  t.same(
    afterCreate.json().items.map((p: { name: string }) => p.name),
    ['Første Kontakt'],
  );

  // the CLI or a second server writes through its own connection
  const other = new Database(`${dir}/samraad.db`);
  other.prepare('UPDATE person SET name = ? WHERE email = ?').run('Omdøbt Kontakt', 'forste@brk.dk');
  other.prepare("UPDATE organisation SET name = 'Bornholms Regionskommune' WHERE code = '400'").run();
  other.close();
  t.same(
    (await app.inject({ url: listUrl, headers: as.viewer }))
      .json()
      .items.map((p: { name: string }) => p.name),
    ['Omdøbt Kontakt'],
  );
  const district = (await app.inject({ url: '/api/districts/1471' })).json();
  t.ok(
    district.municipalities.some((m: { name: string }) => m.name === 'Bornholms Regionskommune'),
    'the district read shows the renamed municipality',
  );

  t.equal((await app.inject({ url: listUrl })).statusCode, 401, 'the cache never skips the access check');
});
