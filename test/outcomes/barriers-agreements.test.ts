import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { insertHeldMeeting, insertPerson } from '../helpers/factories.ts';

t.test('barriers: create, filter, status changes with history, validation and access', async (t) => {
  const { app, as } = await buildTestApp(t);
  const meetingId = insertHeldMeeting(app.db, {
    districtCode: '1465',
    startsAt: '2027-03-12T08:00:00Z',
  });
  const otherMeeting = insertHeldMeeting(app.db, {
    districtCode: '1460',
    startsAt: '2027-03-15T08:00:00Z',
  });

  const created = await app.inject({
    method: 'POST',
    url: '/api/barriers',
    headers: as.facilitator,
    payload: {
      districtCode: '1465',
      category: 'talks_with_child',
      description: 'Uklart hvornår sagsbehandler må tale med forældre',
      allMunicipalities: false,
      municipalityCodes: ['410', '420'],
      raisedAtMeetingId: meetingId,
    },
  });
  t.equal(created.statusCode, 201, created.body);
  const b = created.json();
  t.match(b, {
    districtCode: '1465',
    districtName: 'Fyns Politi',
    status: 'open',
    raisedOn: '2027-03-12',
    version: 1,
    allMunicipalities: false,
  });
  t.same(b.municipalities.map((m: { code: string }) => m.code).sort(), ['410', '420']);
  t.equal(b.history.length, 1);

  const bad = await Promise.all([
    app.inject({
      method: 'POST',
      url: '/api/barriers',
      headers: as.facilitator,
      payload: { districtCode: '1465', category: 'nonsense', description: 'x' },
    }),
    app.inject({
      method: 'POST',
      url: '/api/barriers',
      headers: as.facilitator,
      payload: {
        districtCode: '1465',
        category: 'other',
        description: 'x',
        allMunicipalities: false,
        municipalityCodes: ['101'],
      },
    }),
    app.inject({
      method: 'POST',
      url: '/api/barriers',
      headers: as.facilitator,
      payload: { districtCode: '1465', category: 'other', description: 'x', raisedAtMeetingId: otherMeeting },
    }),
    app.inject({
      method: 'POST',
      url: '/api/barriers',
      headers: as.facilitator,
      payload: { districtCode: '9999', category: 'other', description: 'x' },
    }),
  ]);
  for (const r of bad) {
    t.equal(r.statusCode, 400, r.body);
    t.match(r.headers['content-type'], /application\/problem\+json/);
  }
  t.match(bad[0].json().fields, [{ field: 'body.category' }]);
  t.match(bad[1].json().fields, [{ field: 'body.municipalityCodes' }]);
  t.match(bad[2].json().fields, [{ field: 'body.raisedAtMeetingId' }]);
  t.match(bad[3].json().fields, [{ field: 'body.districtCode' }]);

  t.equal(
    (await app.inject({ method: 'POST', url: '/api/barriers', payload: { districtCode: '1465' } }))
      .statusCode,
    401,
  );
  t.equal(
    (
      await app.inject({
        method: 'POST',
        url: '/api/barriers',
        headers: as.viewer,
        payload: { districtCode: '1465', category: 'other', description: 'x' },
      })
    ).statusCode,
    403,
  );

  const noReason = await app.inject({
    method: 'PATCH',
    url: `/api/barriers/${b.id}`,
    headers: as.facilitator,
    payload: { version: 1, status: 'being_addressed' },
  });
  t.equal(noReason.statusCode, 400);
  t.match(noReason.json().fields, [{ field: 'body.statusReason' }]);

  const moving = await app.inject({
    method: 'PATCH',
    url: `/api/barriers/${b.id}`,
    headers: as.facilitator,
    payload: { version: 1, status: 'being_addressed', statusReason: 'Arbejdsgruppe nedsat' },
  });
  t.equal(moving.statusCode, 200, moving.body);
  t.match(moving.json(), { status: 'being_addressed', version: 2 });

  const stale = await app.inject({
    method: 'PATCH',
    url: `/api/barriers/${b.id}`,
    headers: as.facilitator,
    payload: { version: 1, description: 'ny' },
  });
  t.equal(stale.statusCode, 409);
  t.equal(stale.json().currentVersion, 2);

  const resolved = await app.inject({
    method: 'PATCH',
    url: `/api/barriers/${b.id}`,
    headers: as.admin,
    payload: {
      version: 2,
      status: 'resolved',
      statusReason: 'Aftale indgået',
      resolutionNote: 'Samarbejdsaftale om børnesamtaler',
    },
  });
  t.equal(resolved.statusCode, 200);
  const r = resolved.json();
  t.match(r, { status: 'resolved', resolutionNote: 'Samarbejdsaftale om børnesamtaler' });
  t.ok(r.resolvedOn);
  t.match(r.history, [
    { fromStatus: null, toStatus: 'open', actor: 'facilitator@test.example' },
    { fromStatus: 'open', toStatus: 'being_addressed', reason: 'Arbejdsgruppe nedsat' },
    {
      fromStatus: 'being_addressed',
      toStatus: 'resolved',
      actor: 'admin@test.example',
      reason: 'Aftale indgået',
    },
  ]);
  const illegal = await app.inject({
    method: 'PATCH',
    url: `/api/barriers/${b.id}`,
    headers: as.admin,
    payload: { version: 3, status: 'being_addressed', statusReason: 'x' },
  });
  t.equal(illegal.statusCode, 422, 'resolved → being_addressed is not a move');

  await app.inject({
    method: 'POST',
    url: '/api/barriers',
    headers: as.facilitator,
    payload: {
      districtCode: '1460',
      category: 'knowledge_of_work',
      description: 'Nordjylland',
      raisedOn: '2026-05-01',
    },
  });
  const fyn = (await app.inject({ url: '/api/barriers?district=1465', headers: as.viewer })).json();
  t.equal(fyn.total, 1);
  const open = (await app.inject({ url: '/api/barriers?status=open&year=2026', headers: as.viewer })).json();
  t.same(
    open.items.map((i: { description: string }) => i.description),
    ['Nordjylland'],
  );
  t.equal((await app.inject({ url: '/api/barriers?status=bogus', headers: as.viewer })).statusCode, 400);

  const audit = app.db.$client
    .prepare("SELECT action FROM audit_entry WHERE entity = 'barrier' ORDER BY id")
    .all();
  t.same(
    audit.map((a) => (a as { action: string }).action),
    ['create', 'update', 'update', 'create'],
  );
  t.equal(
    (await app.inject({ method: 'DELETE', url: `/api/barriers/${b.id}`, headers: as.facilitator }))
      .statusCode,
    204,
  );
  t.equal((await app.inject({ url: `/api/barriers/${b.id}`, headers: as.viewer })).statusCode, 404);
});

t.test('agreements: parties, contacts, barriers, transitions and every earlier text kept', async (t) => {
  const { app, as } = await buildTestApp(t);
  const meetingId = insertHeldMeeting(app.db, {
    districtCode: '1465',
    startsAt: '2027-03-12T08:00:00Z',
  });
  const police = insertPerson(app.db, {
    name: 'Pia Politi',
    email: 'pia@politi.dk',
    orgKind: 'police_district',
    orgCode: '1465',
  });
  const municipal = insertPerson(app.db, {
    name: 'Karl Kommune',
    email: 'karl@odense.dk',
    orgKind: 'municipality',
    orgCode: '461',
  });
  const barrier = (
    await app.inject({
      method: 'POST',
      url: '/api/barriers',
      headers: as.facilitator,
      payload: { districtCode: '1465', category: 'task_coordination', description: 'Koordinering' },
    })
  ).json();

  const created = await app.inject({
    method: 'POST',
    url: '/api/agreements',
    headers: as.facilitator,
    payload: {
      districtCode: '1465',
      type: 'samarbejdsaftale',
      title: 'Samarbejdsaftale om børnesager',
      text: 'Første udgave',
      allMunicipalities: false,
      municipalityCodes: ['461', '410'],
      agreedAtMeetingId: meetingId,
      status: 'agreed',
      reviewOn: '2028-03-01',
      contactPersonIds: [police, municipal],
      barrierIds: [barrier.id],
    },
  });
  t.equal(created.statusCode, 201, created.body);
  const a = created.json();
  t.match(a, { status: 'agreed', agreedOn: '2027-03-12', version: 1, barrierIds: [barrier.id] });
  t.same(a.contacts.map((c: { side: string }) => c.side).sort(), ['municipal', 'police']);
  t.same(
    (await app.inject({ url: `/api/barriers/${barrier.id}`, headers: as.viewer })).json().agreementIds,
    [a.id],
    'the barrier knows the agreement that addresses it',
  );

  const v2 = await app.inject({
    method: 'PATCH',
    url: `/api/agreements/${a.id}`,
    headers: as.facilitator,
    payload: { version: 1, text: 'Anden udgave', status: 'in_force', reason: 'Underskrevet' },
  });
  t.equal(v2.statusCode, 200, v2.body);
  const v3 = await app.inject({
    method: 'PATCH',
    url: `/api/agreements/${a.id}`,
    headers: as.facilitator,
    payload: { version: 2, text: 'Tredje udgave', status: 'under_revision' },
  });
  t.match(v3.json(), { version: 3, text: 'Tredje udgave', status: 'under_revision' });
  const history = (await app.inject({ url: `/api/agreements/${a.id}/history`, headers: as.viewer })).json();
  t.same(
    history.map((h: { version: number; text: string; status: string }) => [h.version, h.text, h.status]),
    [
      [1, 'Første udgave', 'agreed'],
      [2, 'Anden udgave', 'in_force'],
      [3, 'Tredje udgave', 'under_revision'],
    ],
  );
  t.equal(history[1].reason, 'Underskrevet');

  t.equal(
    (
      await app.inject({
        method: 'PATCH',
        url: `/api/agreements/${a.id}`,
        headers: as.facilitator,
        payload: { version: 1, title: 'gammel' },
      })
    ).statusCode,
    409,
  );
  t.equal(
    (
      await app.inject({
        method: 'PATCH',
        url: `/api/agreements/${a.id}`,
        headers: as.facilitator,
        payload: { version: 3, status: 'draft' },
      })
    ).statusCode,
    422,
  );
  const badType = await app.inject({
    method: 'POST',
    url: '/api/agreements',
    headers: as.facilitator,
    payload: { districtCode: '1465', type: 'treaty', title: 'x' },
  });
  t.equal(badType.statusCode, 400);
  t.match(badType.json().fields, [{ field: 'body.type' }]);
  const badPerson = await app.inject({
    method: 'POST',
    url: '/api/agreements',
    headers: as.facilitator,
    payload: { districtCode: '1465', type: 'other', title: 'x', contactPersonIds: [99999] },
  });
  t.equal(badPerson.statusCode, 400);
  t.match(badPerson.json().fields, [{ field: 'body.contactPersonIds' }]);
  const otherDistrictBarrier = await app.inject({
    method: 'POST',
    url: '/api/agreements',
    headers: as.facilitator,
    payload: { districtCode: '1460', type: 'other', title: 'x', barrierIds: [barrier.id] },
  });
  t.equal(otherDistrictBarrier.statusCode, 400);
  t.equal(
    (
      await app.inject({
        method: 'POST',
        url: '/api/agreements',
        headers: as.viewer,
        payload: { districtCode: '1465', type: 'other', title: 'x' },
      })
    ).statusCode,
    403,
  );

  const list = (
    await app.inject({ url: `/api/agreements?barrierId=${barrier.id}`, headers: as.viewer })
  ).json();
  t.equal(list.total, 1);
  t.equal(
    (await app.inject({ url: '/api/agreements?type=kontaktaftale', headers: as.viewer })).json().total,
    0,
  );
  t.equal(
    (await app.inject({ method: 'DELETE', url: `/api/agreements/${a.id}`, headers: as.facilitator }))
      .statusCode,
    204,
  );
  t.equal((await app.inject({ url: `/api/agreements/${a.id}/history`, headers: as.viewer })).statusCode, 404);
});

t.test('parties: from some municipalities to all and back; codes only when not all', async (t) => {
  const { app, as } = await buildTestApp(t);
  const patch = (id: number, payload: object) =>
    app.inject({ method: 'PATCH', url: `/api/agreements/${id}`, headers: as.facilitator, payload });
  const a = (
    await app.inject({
      method: 'POST',
      url: '/api/agreements',
      headers: as.facilitator,
      payload: {
        districtCode: '1470',
        type: 'aftale_om_faste_moeder',
        title: 'Faste møder',
        allMunicipalities: false,
        municipalityCodes: ['101', '147'],
      },
    })
  ).json();
  t.equal(a.municipalities.length, 2);
  const all = await patch(a.id, { version: 1, allMunicipalities: true });
  t.match(all.json(), { allMunicipalities: true, municipalities: [], version: 2 });
  const contradictory = await patch(a.id, { version: 2, municipalityCodes: ['101'] });
  t.equal(contradictory.statusCode, 400);
  t.match(contradictory.json().fields, [{ field: 'body.municipalityCodes' }]);
  const some = await patch(a.id, { version: 2, allMunicipalities: false, municipalityCodes: ['155'] });
  t.match(some.json(), {
    allMunicipalities: false,
    municipalities: [{ code: '155', name: 'Dragør' }],
    version: 3,
  });
  const missing = await patch(a.id, { version: 3, allMunicipalities: false, municipalityCodes: [] });
  t.equal(missing.statusCode, 400);
});
