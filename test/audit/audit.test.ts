import t from 'tap';
import { buildTestApp, DANISH_PROGRAMME } from '../helpers/app.ts';

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

t.test(
  "a programme's log holds its own changes, read by its index; the register's are in no programme",
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const organisationId = (await app.inject({ url: '/api/municipalities?district=1471' })).json()[0].id;
    const person = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: as.facilitator,
      payload: { name: 'Kim', email: 'kim@brk.dk', organisationId },
    });
    t.equal(person.statusCode, 201);
    const barrier = await app.inject({
      method: 'POST',
      url: '/api/barriers',
      headers: as.facilitator,
      payload: {
        districtCode: '1471',
        category: 'other',
        description: 'Ventetid',
        allMunicipalities: true,
        raisedOn: '2025-09-01',
      },
    });
    t.equal(barrier.statusCode, 201, barrier.body);

    const ofProgramme = (
      await app.inject({ url: `/api/audit?programme=${DANISH_PROGRAMME}`, headers: as.admin })
    ).json();
    t.same(
      ofProgramme.items.map((e: { entity: string; programme: string }) => [e.entity, e.programme]),
      [['barrier', DANISH_PROGRAMME]],
    );
    t.equal(ofProgramme.total, 1);
    const ofPerson = (await app.inject({ url: '/api/audit?entity=person', headers: as.admin })).json();
    t.same(
      ofPerson.items.map((e: { action: string; programme: string | null }) => [e.action, e.programme]),
      [['create', null]],
    );

    // the index holds only entries of a programme (register writes pay no entry for it), and still
    // serves the log of one programme, its page and its count
    const plan = (sql: string) =>
      (app.db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1) as { detail: string }[])
        .map((row) => row.detail)
        .join('; ');
    t.match(
      plan('SELECT id FROM audit_entry WHERE programme_id = ? ORDER BY id DESC LIMIT 50'),
      /USING COVERING INDEX audit_programme_idx \(programme_id=\?\)/,
    );
    t.match(
      plan('SELECT count(*) FROM audit_entry WHERE programme_id = ?'),
      /USING COVERING INDEX audit_programme_idx \(programme_id=\?\)/,
    );
  },
);

t.test(
  "one record's history, among the interleaved entries of others of its kind, newest first and read by the kind's index",
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const organisationId = (await app.inject({ url: '/api/municipalities?district=1471' })).json()[0].id;
    const create = async (name: string, email: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/people',
          headers: as.facilitator,
          payload: { name, email, organisationId },
        })
      ).json() as { id: number };
    const kim = await create('Kim', 'kim@brk.dk');
    const ole = await create('Ole', 'ole@brk.dk');
    for (const [person, name] of [
      [kim, 'Kim Kofod'],
      [ole, 'Ole Olsen'],
    ] as const) {
      const renamed = await app.inject({
        method: 'PATCH',
        url: `/api/people/${person.id}`,
        headers: as.admin,
        payload: { version: 1, name },
      });
      t.equal(renamed.statusCode, 200, renamed.body);
    }

    const log = (
      await app.inject({ url: `/api/audit?entity=person&entityId=${kim.id}`, headers: as.admin })
    ).json();
    t.same(
      log.items.map((e: { action: string; entityId: string }) => [e.action, e.entityId]),
      [
        ['update', String(kim.id)],
        ['create', String(kim.id)],
      ],
    );
    t.equal(log.total, 2);

    // new entries go at the end of their kind's run in the index (a write adds no page at a random
    // place of it); a record's page and count are read from it, without sorting
    const plan = (sql: string) =>
      (
        app.db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('person', String(kim.id)) as {
          detail: string;
        }[]
      )
        .map((row) => row.detail)
        .join('; ');
    const page = plan(
      'SELECT * FROM audit_entry WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 50',
    );
    t.match(page, /USING INDEX audit_entity_time_idx \(entity=\?\)/);
    t.notMatch(page, /TEMP B-TREE/);
    t.match(
      plan('SELECT count(*) FROM audit_entry WHERE entity = ? AND entity_id = ?'),
      /USING COVERING INDEX audit_entity_time_idx \(entity=\?\)/,
    );
  },
);
