import t from 'tap';
import { issueApiToken } from '../../server/accounts/accounts.ts';
import { buildTestApp } from '../helpers/app.ts';
import { bornholmWithPeople, norwegianProgramme } from '../helpers/scenarios.ts';

t.test(
  "an outcome cannot name another programme's contact person: it is refused as an unknown one",
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const { people } = bornholmWithPeople(app.db);
    const norwegian = await norwegianProgramme(app, as);
    const created = await app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: as.admin,
      payload: { email: 'nora@bufetat.test', role: 'facilitator', programmes: [norwegian.key] },
    });
    t.equal(created.statusCode, 201, created.body);
    const nora = { authorization: `Bearer ${issueApiToken(app.db, created.json().id)}` };

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
