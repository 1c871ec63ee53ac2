import t from 'tap';
import reference from '../../db/seed/dk-police-districts.json' with { type: 'json' };
import { buildTestApp } from '../helpers/app.ts';

t.test('the 12 police districts and 98 municipalities are public', async (t) => {
  const { app } = await buildTestApp(t);
  const list = await app.inject({ url: '/api/districts' });
  t.equal(list.statusCode, 200);
  const districts = list.json();
  t.equal(districts.length, 12);
  t.same(
    districts.map((d: { code: string }) => d.code),
    reference.police_districts.map((d) => d.code),
  );
  t.equal(
    districts.reduce((sum: number, d: { municipalityCount: number }) => sum + d.municipalityCount, 0),
    98,
  );

  const all = await app.inject({ url: '/api/municipalities' });
  const codes = all.json().map((m: { code: string }) => m.code);
  t.equal(codes.length, 98);
  t.equal(new Set(codes).size, 98, 'each municipality is in exactly one district');
});

t.test("a district with its municipalities and children's house", async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject({ url: '/api/districts/1471' });
  t.equal(res.statusCode, 200);
  const bornholm = res.json();
  t.equal(bornholm.name, 'Bornholms Politi');
  t.same(
    bornholm.municipalities.map((m: { code: string }) => m.code),
    ['400'],
  );
  t.same(
    bornholm.childrensHouses.map((h: { name: string }) => h.name),
    ['Børnehus Hovedstaden'],
  );

  const sydost = (await app.inject({ url: '/api/districts/1463' })).json();
  t.equal(sydost.municipalities.length, 7);
  t.same(
    sydost.childrensHouses.map((h: { name: string }) => h.name).sort(),
    ['Børnehus Midt', 'Børnehus Syd'],
    "a district spanning two regions works with two children's houses",
  );

  const copenhagen = (await app.inject({ url: '/api/municipalities?district=1470' })).json();
  t.same(copenhagen.map((m: { name: string }) => m.name).sort(), [
    'Dragør',
    'Frederiksberg',
    'København',
    'Tårnby',
  ]);
});

t.test('unknown and malformed district codes', async (t) => {
  const { app } = await buildTestApp(t);
  const unknown = await app.inject({ url: '/api/districts/1234' });
  t.equal(unknown.statusCode, 404);
  t.match(unknown.headers['content-type'], /application\/problem\+json/);
  const bad = await app.inject({ url: '/api/districts/abc' });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { status: 400, fields: [{ field: 'params.code' }] });
  const badQuery = await app.inject({ url: '/api/municipalities?district=9999' });
  t.equal(badQuery.statusCode, 404);
});

t.test('health and API documentation', async (t) => {
  const { app } = await buildTestApp(t);
  t.match((await app.inject({ url: '/health' })).json(), { status: 'ok', database: 'ok' });
  const docs = await app.inject({ url: '/docs/json' });
  t.equal(docs.statusCode, 200);
  const spec = docs.json();
  t.ok(spec.paths['/api/people'].post.requestBody, 'request bodies are documented from the zod schemas');
  t.ok(spec.paths['/api/districts/{code}'].get);
  t.equal((await app.inject({ url: '/docs' })).statusCode < 400, true, 'the documentation page is served');
});
