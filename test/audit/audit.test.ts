import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';

t.test('every write is in the audit log with who, when, which record and the change', async (t) => {
  const { app, as } = await buildTestApp(t);
  const organisationId = (await app.inject({ url: '/api/municipalities?district=1471' })).json()[0].id;
  const person = (
    await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: as.facilitator,
      payload: { name: 'Kim', email: 'kim@brk.dk', organisationId },
    })
  ).json();
  await app.inject({
    method: 'PATCH',
    url: `/api/people/${person.id}`,
    headers: as.admin,
    payload: { version: 1, name: 'Kim Kofod' },
  });
  await app.inject({ method: 'DELETE', url: `/api/people/${person.id}`, headers: as.facilitator });
  // a refused write leaves no trace
  await app.inject({
    method: 'PATCH',
    url: `/api/people/${person.id}`,
    headers: as.admin,
    payload: { version: 1, name: 'X' },
  });

  const log = await app.inject({ url: `/api/audit?entity=person&entityId=${person.id}`, headers: as.admin });
  t.equal(log.statusCode, 200);
  const entries = log.json().items;
  t.same(
    entries.map((e: { action: string; actor: string }) => [e.action, e.actor]),
    [
      ['delete', 'facilitator@test.example'],
      ['update', 'admin@test.example'],
      ['create', 'facilitator@test.example'],
    ],
  );
  t.same(entries[1].changes, { name: ['Kim', 'Kim Kofod'] });
  t.match(entries[0].at, /^\d{4}-\d\d-\d\dT.*Z$/);
});
