import { join } from 'node:path';
import t from 'tap';
import { openDatabase } from '../../db/client.ts';
import { issueApiToken } from '../../server/accounts/accounts.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { bornholmWithPeople, norwegianProgramme } from '../helpers/scenarios.ts';

t.test(
  "an outcome cannot name another programme's contact person: it is refused as an unknown one",
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const { people } = bornholmWithPeople(app.db);
    const norwegian = await norwegianProgramme(app, as);
    const nora = await norwegianFacilitator(t, app, as, norwegian.key);

    const barrier = (contactPersonIds: number[]) =>
      app.inject({
        method: 'POST',
        url: '/api/barriers',
        headers: nora,
        payload: {
          areaId: norwegian.areaId,
          category: 'taushetsplikt',
          description: 'Uklart',
          contactPersonIds,
        },
      });
    const refused = await barrier([people.chief]);
    t.equal(refused.statusCode, 400, 'a Danish police leader is unknown to the Norwegian facilitator');
    t.equal(refused.json().fields[0].field, 'body.contactPersonIds');
    const barriers = await app.inject({ url: '/api/barriers', headers: as.admin });
    t.equal(barriers.json().items.length, 0, 'nothing saved');

    const ok = await barrier([]);
    t.equal(ok.statusCode, 201, ok.body);
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/barriers/${ok.json().id}`,
      headers: nora,
      payload: { version: ok.json().version, contactPersonIds: [people.interviewer] },
    });
    t.equal(patched.statusCode, 400, 'nor can a change add one');
    t.equal(patched.json().fields[0].field, 'body.contactPersonIds');

    const agreement = await app.inject({
      method: 'POST',
      url: '/api/agreements',
      headers: nora,
      payload: {
        areaId: norwegian.areaId,
        type: 'samarbeidsavtale',
        title: 'Felles rutine',
        contactPersonIds: [people.head],
      },
    });
    t.equal(agreement.statusCode, 400);
    t.equal(agreement.json().fields[0].field, 'body.contactPersonIds');
  },
);

t.test("a record's programmes are read again after any change, here or in another process", async (t) => {
  const { app, as, dir } = await buildTestApp(t);
  const norwegian = await norwegianProgramme(app, as);
  const nora = await norwegianFacilitator(t, app, as, norwegian.key);
  // an organisation no programme has yet: open to every facilitator
  const loose = await app.inject({
    method: 'POST',
    url: '/api/organisations',
    headers: as.admin,
    payload: { kind: 'other', name: 'Ny forening' },
  });
  const organisationId = loose.json().id as number;
  const person = (email: string) =>
    app.inject({
      method: 'POST',
      url: '/api/people',
      headers: nora,
      payload: { name: 'Kontakt', email, organisationId },
    });
  t.equal((await person('en@forening.test')).statusCode, 201);
  t.equal((await person('to@forening.test')).statusCode, 201, 'again, from what was kept');

  // another process makes it a member of a Danish area: Nora no longer knows it
  const other = openDatabase(join(dir, 'samraad.db'));
  t.teardown(() => other.$client.close());
  const danishArea = other.$client
    .prepare<unknown[], { id: number; kind: string }>(
      "SELECT a.id, a.kind FROM area a JOIN programme p ON p.id = a.programme_id WHERE p.key = 'dk-politikredsmoeder' LIMIT 1",
    )
    .get()!;
  other.$client
    .prepare('INSERT INTO area_member (area_id, organisation_id, area_kind) VALUES (?, ?, ?)')
    .run(danishArea.id, organisationId, danishArea.kind);
  const refused = await person('tre@forening.test');
  t.equal(refused.statusCode, 400, 'refused at once, as an unknown organisation');
  t.equal(refused.json().fields[0].field, 'body.organisationId');

  // and taken out again
  other.$client.prepare('DELETE FROM area_member WHERE organisation_id = ?').run(organisationId);
  t.equal((await person('fire@forening.test')).statusCode, 201, 'open again once no programme has it');
});

/** Nora, a facilitator of the Norwegian programme alone, and the API token she works with. */
async function norwegianFacilitator(
  check: Pick<typeof t, 'equal'>,
  app: TestApp['app'],
  as: TestApp['as'],
  programme: string,
): Promise<{ authorization: string }> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/accounts',
    headers: as.admin,
    payload: { email: 'nora@bufetat.test', role: 'facilitator', programmes: [programme] },
  });
  check.equal(created.statusCode, 201, created.body);
  return { authorization: `Bearer ${issueApiToken(app.db, created.json().id)}` };
}
