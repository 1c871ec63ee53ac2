import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { insertPerson } from '../helpers/factories.ts';
import { bornholmWithPeople, norwegianProgramme } from '../helpers/scenarios.ts';

t.test("a programme's cycle is facilitated by its own people only", async (t) => {
  const { app, as } = await buildTestApp(t);
  const { people } = bornholmWithPeople(app.db);
  const no = await norwegianProgramme(app, as);
  const norwegianFacilitator = insertPerson(app.db, {
    name: 'Nora Tilrettelegger',
    email: 'nora@drammen.test',
    organisationId: no.members[0]!.id,
    roles: ['facilitator'],
  });

  const plan = async (payload: object) => {
    const res = await app.inject({ method: 'POST', url: '/api/cycles', headers: as.admin, payload });
    t.equal(res.statusCode, 201, 'the cycle is planned');
    return res.json().meetings as { facilitator: { id: number } | null }[];
  };
  const facilitatorsOf = (meetings: { facilitator: { id: number } | null }[]) =>
    [...new Set(meetings.map((m) => m.facilitator?.id ?? null))].sort();

  const danish = await plan({ year: 2027 });
  t.ok(danish.length > 1, 'the Danish cycle has meetings');
  t.same(facilitatorsOf(danish), [people.facilitator], 'every Danish meeting has the Danish facilitator');

  const norwegian = await plan({ year: 2027, programme: no.key });
  t.ok(norwegian.length >= 1, 'the Norwegian cycle has meetings');
  t.same(
    facilitatorsOf(norwegian),
    [norwegianFacilitator],
    'every Norwegian meeting has the Norwegian facilitator',
  );
});
