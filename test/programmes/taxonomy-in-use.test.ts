import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { norwegianProgramme } from '../helpers/scenarios.ts';

t.test('a taxonomy key that recorded outcomes use cannot be taken away; an unused one can', async (t) => {
  const { app, as } = await buildTestApp(t);
  const norwegian = await norwegianProgramme(app, as);
  const barrier = await app.inject({
    method: 'POST',
    url: '/api/barriers',
    headers: as.facilitator,
    payload: { areaId: norwegian.areaId, category: 'taushetsplikt', description: 'Uklar taushetsplikt' },
  });
  t.equal(barrier.statusCode, 201, barrier.body);
  const programme = async () =>
    (await app.inject({ url: `/api/programmes/${norwegian.key}`, headers: as.admin })).json();
  const patch = async (barrierCategories: string[]) => {
    const p = await programme();
    const settings = {
      ...p.settings,
      taxonomy: {
        ...p.settings.taxonomy,
        barrierCategories: p.settings.taxonomy.barrierCategories.filter((c: { key: string }) =>
          barrierCategories.includes(c.key),
        ),
      },
    };
    return app.inject({
      method: 'PATCH',
      url: `/api/programmes/${norwegian.key}`,
      headers: as.admin,
      payload: { version: p.version, settings },
    });
  };
  const refused = await patch(['ventetid']);
  t.equal(refused.statusCode, 400);
  t.equal(refused.json().fields[0].field, 'body.settings.taxonomy.barrierCategories');
  t.match(refused.json().fields[0].message, /taushetsplikt is used by 1/);
  t.same(
    (await programme()).settings.taxonomy.barrierCategories.map((c: { key: string }) => c.key),
    ['taushetsplikt', 'ventetid'],
    'nothing changed',
  );
  const allowed = await patch(['taushetsplikt']);
  t.equal(allowed.statusCode, 200, 'the unused category may go');
  t.same(
    allowed.json().settings.taxonomy.barrierCategories.map((c: { key: string }) => c.key),
    ['taushetsplikt'],
  );
});
