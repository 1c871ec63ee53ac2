import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';

t.test('organisations: create, list by kind and district, update with version, delete', async (t) => {
  const { app, as } = await buildTestApp(t);
  const districts = (await app.inject({ url: '/api/districts' })).json() as {
    id: number;
    code: string;
    areaId: number;
  }[];
  const fyn = districts.find((d) => d.code === '1465')!;

  const created = await app.inject({
    method: 'POST',
    url: '/api/organisations',
    headers: as.facilitator,
    payload: {
      kind: 'local_police_unit',
      name: 'Lokalpoliti Svendborg',
      parentId: fyn.id,
      address: 'Svendborg',
    },
  });
  t.equal(created.statusCode, 201);
  const unit = created.json();
  t.match(unit, { kind: 'local_police_unit', parentId: fyn.id, isReferenceData: false, version: 1 });

  const units = (
    await app.inject({ url: '/api/organisations?kind=local_police_unit', headers: as.viewer })
  ).json();
  t.same(
    units.items.map((o: { name: string }) => o.name),
    ['Lokalpoliti Svendborg'],
  );
  const inFyn = (
    await app.inject({
      url: '/api/organisations?district=1465&kind=municipality&limit=500',
      headers: as.viewer,
    })
  ).json();
  t.equal(inFyn.total, 10, 'Fyns Politi has 10 municipalities');

  const renamed = await app.inject({
    method: 'PATCH',
    url: `/api/organisations/${unit.id}`,
    headers: as.facilitator,
    payload: { version: 1, name: 'Lokalpoliti Sydfyn' },
  });
  t.match(renamed.json(), { name: 'Lokalpoliti Sydfyn', version: 2 });
  const stale = await app.inject({
    method: 'PATCH',
    url: `/api/organisations/${unit.id}`,
    headers: as.facilitator,
    payload: { version: 1, name: 'X' },
  });
  t.equal(stale.statusCode, 409);

  const selfParent = await app.inject({
    method: 'PATCH',
    url: `/api/organisations/${unit.id}`,
    headers: as.facilitator,
    payload: { version: 2, parentId: unit.id },
  });
  t.equal(selfParent.statusCode, 400);

  await app.inject({
    method: 'POST',
    url: '/api/people',
    headers: as.facilitator,
    payload: { name: 'Betjent', email: 'b@politi.dk', organisationId: unit.id },
  });
  t.equal(
    (await app.inject({ method: 'DELETE', url: `/api/organisations/${unit.id}`, headers: as.admin }))
      .statusCode,
    409,
    'not while people belong to it',
  );
  t.equal(
    (await app.inject({ method: 'DELETE', url: `/api/organisations/${fyn.id}`, headers: as.admin }))
      .statusCode,
    409,
    'not a convener',
  );

  const kinds = await app.inject({
    method: 'POST',
    url: '/api/organisations',
    headers: as.facilitator,
    payload: { kind: 'bakery', name: 'X' },
  });
  t.equal(kinds.statusCode, 400);
  t.match(kinds.json().fields, [{ field: 'body.kind' }]);
  const sameCode = await app.inject({
    method: 'POST',
    url: '/api/organisations',
    headers: as.facilitator,
    payload: { kind: 'municipality', name: 'Dobbelt', code: '101' },
  });
  t.equal(sameCode.statusCode, 409, 'official codes are unique per kind');
});

t.test('a Norwegian office area fits by data alone', async (t) => {
  const { app, as } = await buildTestApp(t);
  const create = (payload: object) =>
    app.inject({ method: 'POST', url: '/api/organisations', headers: as.facilitator, payload });
  const office = (await create({ kind: 'facilitator_body', name: 'Familievernkontoret Drammen' })).json();
  const services: { id: number }[] = [];
  for (const name of [
    'Barneverntjenesten Drammen',
    'Barneverntjenesten Lier',
    'Barneverntjenesten Øvre Eiker',
  ]) {
    services.push((await create({ kind: 'municipality', name, region: 'Buskerud' })).json());
  }
  const area = await app.inject({
    method: 'POST',
    url: '/api/areas',
    headers: as.facilitator,
    payload: {
      name: 'Familievernkontoret Drammens område',
      kind: 'family_counselling_office',
      convenerId: office.id,
      members: services.map((s, i) => ({ organisationId: s.id, willingToHost: i !== 2 })),
    },
  });
  t.equal(area.statusCode, 201);
  t.match(area.json(), {
    kind: 'family_counselling_office',
    members: [
      { name: 'Familievernkontoret Drammen', memberRole: 'convener' },
      { name: 'Barneverntjenesten Drammen', memberRole: 'member', willingToHost: true },
      { name: 'Barneverntjenesten Lier', memberRole: 'member' },
      { name: 'Barneverntjenesten Øvre Eiker', memberRole: 'member', willingToHost: false },
    ],
  });
  const areaId = area.json().id;

  const moved = await app.inject({
    method: 'PUT',
    url: `/api/areas/${areaId}/members/${services[2]!.id}`,
    headers: as.facilitator,
    payload: { willingToHost: true },
  });
  t.equal(
    moved.json().members.find((m: { organisationId: number }) => m.organisationId === services[2]!.id)
      .willingToHost,
    true,
  );

  const secondArea = await app.inject({
    method: 'POST',
    url: '/api/areas',
    headers: as.facilitator,
    payload: {
      name: 'Another',
      kind: 'family_counselling_office',
      convenerId: services[0]!.id,
      members: [{ organisationId: services[1]!.id }],
    },
  });
  t.equal(secondArea.statusCode, 201, 'areas outside an exclusive programme may overlap');

  const secondOfKind = await app.inject({
    method: 'POST',
    url: '/api/areas',
    headers: as.facilitator,
    payload: { name: 'Drammen nord', kind: 'family_counselling_office', convenerId: office.id },
  });
  t.equal(secondOfKind.statusCode, 201, 'an office may convene a second area of its kind');

  const danish = (await app.inject({ url: '/api/areas?kind=police_district' })).json();
  t.equal(danish.length, 12);
  const bornholm = danish.find((a: { name: string }) => a.name === 'Bornholms Politi');
  const odense = danish
    .flatMap((a: { members: { organisationId: number; name: string }[] }) => a.members)
    .find((m: { name: string }) => m.name === 'Odense');
  const twoDistricts = await app.inject({
    method: 'PUT',
    url: `/api/areas/${bornholm.id}/members/${odense.organisationId}`,
    headers: as.facilitator,
    payload: {},
  });
  t.equal(twoDistricts.statusCode, 409, 'a Danish municipality stays in one police district');
  t.match(twoDistricts.json().detail, /already a member of area/);
});
