import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';

t.test('a planned meeting starts with a draft agenda from the theme catalogue', async (t) => {
  const { app, as } = await buildTestApp(t);
  const planned = await app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: as.facilitator,
    payload: { year: 2027 },
  });
  t.equal(planned.statusCode, 201);
  const list = (await app.inject({ url: '/api/meetings?year=2027', headers: as.viewer })).json() as {
    id: number;
  }[];
  t.equal(list.length, 12, 'one meeting per police district');
  const agenda = await app.inject({ url: `/api/meetings/${list[0]!.id}/agenda`, headers: as.viewer });
  t.equal(agenda.statusCode, 200);
  const items = agenda.json() as { title: string; source: string; position: number }[];
  t.ok(items.length > 0, 'the agenda is not empty');
  t.ok(
    items.every((item, i) => i === 0 || item.position > items[i - 1]!.position),
    'items are ordered',
  );
  t.ok(
    items.some((item) => item.source === 'catalogue'),
    'suggested from the theme catalogue',
  );

  const dryRun = await app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: as.facilitator,
    payload: { year: 2028, dryRun: true },
  });
  t.equal(dryRun.statusCode, 200);
  t.ok(dryRun.json().meetings.length > 0, 'the dry run did plan meetings');
  t.equal(
    (await app.inject({ url: '/api/meetings?year=2028', headers: as.viewer })).json().length,
    0,
    'a dry run saves neither meetings nor agendas',
  );
});
