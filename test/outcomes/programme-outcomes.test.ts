import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { norwegianProgramme } from '../helpers/scenarios.ts';

t.test(
  "a Norwegian programme's area records barriers, agreements and mappings in its own taxonomy",
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const no = await norwegianProgramme(app, as);
    const post = (url: string, payload: object) =>
      app.inject({ method: 'POST', url, headers: as.facilitator, payload });

    const barrier = await post('/api/barriers', {
      areaId: no.areaId,
      category: 'taushetsplikt',
      description: 'Uklart hva barnevernet kan dele med politiet før avhør',
      allMunicipalities: false,
      municipalityCodes: ['3301'],
      raisedOn: '2025-09-01',
    });
    t.equal(barrier.statusCode, 201, barrier.body);
    t.match(barrier.json(), {
      areaId: no.areaId,
      areaName: no.areaName,
      districtName: no.convenerName,
      districtCode: null,
      category: 'taushetsplikt',
      municipalities: [{ code: '3301', name: 'Drammen kommune' }],
    });

    const agreement = await post('/api/agreements', {
      areaId: no.areaId,
      type: 'samarbeidsavtale',
      title: 'Samarbeidsavtale om tidlig varsling',
      status: 'in_force',
      agreedOn: '2025-06-01',
      reviewOn: '2026-01-01',
      barrierIds: [barrier.json().id],
    });
    t.equal(agreement.statusCode, 201, agreement.body);
    t.match(agreement.json(), {
      areaId: no.areaId,
      type: 'samarbeidsavtale',
      barrierIds: [barrier.json().id],
    });

    const listed = (
      await app.inject({ url: `/api/barriers?areaId=${no.areaId}`, headers: as.viewer })
    ).json();
    t.same(
      listed.items.map((b: { id: number }) => b.id),
      [barrier.json().id],
      'barriers listed by area',
    );
    const agreementsListed = (
      await app.inject({ url: `/api/agreements?areaId=${no.areaId}`, headers: as.viewer })
    ).json();
    t.equal(agreementsListed.total, 1, 'agreements listed by area');

    // the Danish taxonomy is not this programme's: refused, naming the field and the keys it has
    const danishCategory = await post('/api/barriers', {
      areaId: no.areaId,
      category: 'talks_with_child',
      description: 'x',
    });
    t.equal(danishCategory.statusCode, 400, danishCategory.body);
    t.match(danishCategory.headers['content-type'], /application\/problem\+json/);
    t.match(danishCategory.json().fields, [{ field: 'body.category', message: /taushetsplikt, ventetid/ }]);
    const danishType = await post('/api/agreements', {
      areaId: no.areaId,
      type: 'samarbejdsaftale',
      title: 'x',
    });
    t.equal(danishType.statusCode, 400);
    t.match(danishType.json().fields, [
      { field: 'body.type', message: /samarbeidsavtale, rutinebeskrivelse/ },
    ]);
    const changed = await app.inject({
      method: 'PATCH',
      url: `/api/barriers/${barrier.json().id}`,
      headers: as.facilitator,
      payload: { category: 'other', version: 1 },
    });
    t.equal(changed.statusCode, 400, 'a Danish category is refused on change too');
    t.match(changed.json().fields, [{ field: 'body.category' }]);
    // and the Norwegian categories are not the Danish programme's
    const norwegianOnDanish = await post('/api/barriers', {
      districtCode: '1465',
      category: 'taushetsplikt',
      description: 'x',
    });
    t.equal(norwegianOnDanish.statusCode, 400);
    t.match(norwegianOnDanish.json().fields, [{ field: 'body.category', message: /talks_with_child/ }]);

    // the area is named exactly once
    const both = await post('/api/barriers', {
      areaId: no.areaId,
      districtCode: '1465',
      category: 'ventetid',
      description: 'x',
    });
    t.equal(both.statusCode, 400);
    t.match(both.json().fields, [{ field: 'body.areaId' }]);
    const neither = await post('/api/barriers', { category: 'ventetid', description: 'x' });
    t.equal(neither.statusCode, 400);
    t.match(neither.json().fields, [{ field: 'body.areaId' }]);
    const unknown = await post('/api/barriers', { areaId: 999_999, category: 'ventetid', description: 'x' });
    t.equal(unknown.statusCode, 400);
    t.match(unknown.json().fields, [{ field: 'body.areaId' }]);

    const mapping = await app.inject({
      method: 'PUT',
      url: `/api/areas/${no.areaId}/mappings/2027`,
      headers: as.facilitator,
      payload: { version: 0, forumLevel: 'felles-forum', strengths: ['Faste møter'] },
    });
    t.equal(mapping.statusCode, 201, mapping.body);
    t.match(mapping.json(), { areaId: no.areaId, forumLevel: 'felles-forum', strengths: ['Faste møter'] });
    const read = await app.inject({ url: `/api/areas/${no.areaId}/mappings/2027`, headers: as.viewer });
    t.equal(read.json().forumLevel, 'felles-forum');
    const danishLevel = await app.inject({
      method: 'PUT',
      url: `/api/areas/${no.areaId}/mappings/2028`,
      headers: as.facilitator,
      payload: { version: 0, forumLevel: 'all_municipalities' },
    });
    t.equal(danishLevel.statusCode, 400);
    t.match(danishLevel.json().fields, [{ field: 'body.forumLevel', message: /felles-forum/ }]);

    // follow-ups: the agreement's review and the barrier open for over a year, named by the convener
    const followUps = (await app.inject({ url: '/api/follow-ups', headers: as.viewer })).json();
    const ours = followUps.items.filter((i: { districtCode: string }) => i.districtCode === no.convenerName);
    t.same(ours.map((i: { kind: string }) => i.kind).sort(), ['agreement_review', 'barrier_open']);
  },
);
