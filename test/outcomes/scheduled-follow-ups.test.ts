import { join } from 'node:path';
import t from 'tap';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertPerson } from '../helpers/factories.ts';

t.test('a running server queues follow-up reminders by itself, once per due date', async (t) => {
  const { app, as, dir } = await buildTestApp(t, { MAIL_SENDER: 'off' });
  const karl = insertPerson(app.db, {
    name: 'Karl Kommune',
    email: 'karl@odense.dk',
    orgKind: 'municipality',
    orgCode: '461',
  });
  const inFiveDays = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  const created = await app.inject({
    method: 'POST',
    url: '/api/agreements',
    headers: as.facilitator,
    payload: {
      districtCode: '1465',
      type: 'samarbejdsaftale',
      title: 'Aftale til revision',
      status: 'in_force',
      reviewOn: inFiveDays,
      contactPersonIds: [karl],
    },
  });
  t.equal(created.statusCode, 201);

  const toKarl = () =>
    app.db.$client
      .prepare("SELECT count(*) AS n FROM outbox_message WHERE to_address = 'karl@odense.dk'")
      .get() as { n: number };
  t.equal(toKarl().n, 0, 'nothing is queued while no sender runs');

  // a server with its mail sender on, over the same database: the scheduled job runs at start
  for (let start = 1; start <= 2; start++) {
    const server = await buildApp(
      loadConfig({
        DATABASE_PATH: join(dir, 'samraad.db'),
        MAIL_DIR: join(dir, 'mail'),
        LOG_LEVEL: 'silent',
        MAIL_SENDER: 'on',
      }),
    );
    await server.ready();
    await server.close();
    t.equal(toKarl().n, 1, `after start ${start}: one reminder to the responsible person`);
  }
});
