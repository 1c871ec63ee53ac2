import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';

const problemType = /application\/problem\+json/;

async function bornholmId(app: Awaited<ReturnType<typeof buildTestApp>>['app']) {
  const list = (await app.inject({ url: '/api/municipalities' })).json() as { id: number; code: string }[];
  return list.find((m) => m.code === '400')!.id;
}

t.test(
  'a person reads any language of the catalogue; an unknown one is refused naming the field',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const organisationId = await bornholmId(app);
    const count = () => (app.db.$client.prepare('SELECT count(*) AS n FROM person').get() as { n: number }).n;

    const norwegian = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: as.facilitator,
      payload: { name: 'Kari Nordmann', email: 'kari@kommune.no', organisationId, language: 'nb' },
    });
    t.equal(norwegian.statusCode, 201, norwegian.body);
    t.equal(norwegian.json().language, 'nb');

    const faroese = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: as.facilitator,
      payload: { name: 'Jóan Jacobsen', email: 'joan@kommuna.fo', organisationId, language: 'fo' },
    });
    t.equal(faroese.statusCode, 400);
    t.match(faroese.headers['content-type'], problemType);
    t.same(
      faroese.json().fields.map((f: { field: string }) => f.field),
      ['body.language'],
    );
    t.match(faroese.json().fields[0].message, /no language fo in the catalogue; choose one of da, en, nb/);
    t.equal(count(), 1, 'nothing was written');

    const badUpdate = await app.inject({
      method: 'PATCH',
      url: `/api/people/${norwegian.json().id}`,
      headers: as.facilitator,
      payload: { language: 'fo', version: 1 },
    });
    t.equal(badUpdate.statusCode, 400);
    t.equal(badUpdate.json().fields[0].field, 'body.language');
    const still = (
      await app.inject({ url: `/api/people/${norwegian.json().id}`, headers: as.viewer })
    ).json();
    t.match(still, { language: 'nb', version: 1 }, 'the refused update changed nothing');

    const nynorsk = await app.inject({
      method: 'POST',
      url: '/api/languages',
      headers: as.admin,
      payload: { code: 'nn', name: 'Norsk nynorsk', textsFrom: 'nb' },
    });
    t.equal(nynorsk.statusCode, 201);
    const toNynorsk = await app.inject({
      method: 'PATCH',
      url: `/api/people/${norwegian.json().id}`,
      headers: as.facilitator,
      payload: { language: 'nn', version: 1 },
    });
    t.equal(toNynorsk.statusCode, 200, 'a language an admin added is accepted at once');
    t.equal(toNynorsk.json().language, 'nn');
    const inUse = await app.inject({ method: 'DELETE', url: '/api/languages/nn', headers: as.admin });
    t.equal(inUse.statusCode, 409);
    t.match(inUse.json().detail, /1 people/, 'a language a person reads cannot be deleted');
  },
);

t.test('the CSV import checks the language against the catalogue, line by line', async (t) => {
  const { app, as } = await buildTestApp(t);
  const csv = [
    'navn;email;organisation;sprog',
    'Kari Nordmann;kari@kommune.no;Bornholm;nb',
    'Ola Nordmann;ola@kommune.no;Bornholm;NB',
    'Jóan Jacobsen;joan@kommuna.fo;Bornholm;fo',
    'Søren Dansk;soren@kommune.dk;Bornholm;',
  ].join('\n');
  const dry = await app.inject({
    method: 'POST',
    url: '/api/people/import?dryRun=true',
    headers: { ...as.facilitator, 'content-type': 'text/csv; charset=utf-8' },
    payload: csv,
  });
  t.equal(dry.statusCode, 200);
  const report = dry.json();
  t.same(
    report.errors.map((e: { line: number; field: string }) => [e.line, e.field]),
    [[4, 'language']],
    'the dry run names the line and the column',
  );
  t.match(report.errors[0].reason, /no language "fo" in the catalogue/);

  const real = await app.inject({
    method: 'POST',
    url: '/api/people/import',
    headers: { ...as.facilitator, 'content-type': 'text/csv; charset=utf-8' },
    payload: csv,
  });
  t.equal(real.statusCode, 422);
  t.equal((await app.inject({ url: '/api/people', headers: as.viewer })).json().total, 0, 'nothing imported');

  const fixed = await app.inject({
    method: 'POST',
    url: '/api/people/import',
    headers: { ...as.facilitator, 'content-type': 'text/csv; charset=utf-8' },
    payload: csv.replace(';fo', ';da'),
  });
  t.equal(fixed.statusCode, 200, fixed.body);
  const people = (await app.inject({ url: '/api/people', headers: as.viewer })).json().items as {
    email: string;
    language: string;
  }[];
  t.same(
    Object.fromEntries(people.map((p) => [p.email, p.language])),
    { 'kari@kommune.no': 'nb', 'ola@kommune.no': 'nb', 'joan@kommuna.fo': 'da', 'soren@kommune.dk': 'da' },
    'codes are read case-insensitively; an empty one is Danish',
  );
});
