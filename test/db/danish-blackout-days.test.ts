import t from 'tap';
import { seedReferenceData } from '../../db/seed/seed.ts';
import { buildTestApp } from '../helpers/app.ts';

type Settings = { planning: Record<string, unknown> };

/**
 * A Danish programme an admin edited before the named blackout days existed gets Grundlovsdag and
 * the days before Easter at the next start; one that lifted them keeps them lifted.
 */
t.test('an edited Danish programme gets the named blackout days once, and a lifting stays', async (t) => {
  const { app, as } = await buildTestApp(t);
  const c = app.db.$client;
  const read = () =>
    JSON.parse(
      (
        c.prepare("SELECT settings FROM programme WHERE key = 'dk-politikredsmoeder'").get() as {
          settings: string;
        }
      ).settings,
    ) as Settings;
  t.same(read().planning.blackoutDays, ['constitution_day', 'days_before_easter'], 'the seeded defaults');

  // as the previous release stored an edited programme: no blackoutDays in its planning settings
  const old = read();
  delete old.planning.blackoutDays;
  old.planning.blackoutWeeks = [7, 8, 42];
  c.prepare(
    "UPDATE programme SET settings = ?, edited_at = '2026-11-01T10:00:00.000Z' WHERE key = 'dk-politikredsmoeder'",
  ).run(JSON.stringify(old));
  seedReferenceData(app.db);
  t.same(read().planning.blackoutDays, ['constitution_day', 'days_before_easter'], 'added at the next start');
  t.same(read().planning.blackoutWeeks, [7, 8, 42], "the admin's own edits are kept");

  // lifted through the programme settings API: the next start leaves the lifting alone
  const programme = (
    await app.inject({ url: '/api/programmes/dk-politikredsmoeder', headers: as.admin })
  ).json();
  const lifted = await app.inject({
    method: 'PATCH',
    url: '/api/programmes/dk-politikredsmoeder',
    headers: as.admin,
    payload: {
      version: programme.version,
      settings: { ...programme.settings, planning: { ...programme.settings.planning, blackoutDays: [] } },
    },
  });
  t.equal(lifted.statusCode, 200, lifted.body);
  seedReferenceData(app.db);
  t.same(read().planning.blackoutDays, [], 'lifted stays lifted');
  const plan = await app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: as.facilitator,
    payload: { year: 2029, dryRun: true, settings: {} },
  });
  t.same(plan.json().settings.blackoutDays, [], "the programme's cycles plan without them");
});
