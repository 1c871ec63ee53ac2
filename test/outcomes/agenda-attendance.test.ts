import t from 'tap';
import { createDraftAgenda } from '../../server/outcomes/agenda.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertHeldMeeting, insertInvitation, insertPerson } from '../helpers/factories.ts';

t.test('themes: seeded catalogue, editable, a seeded theme is only deactivated', async (t) => {
  const { app, as } = await buildTestApp(t);
  const themes = (await app.inject({ url: '/api/themes', headers: as.viewer })).json();
  t.equal(themes.length, 7);
  t.equal(themes[0].name, '24-timers-reglen');
  t.ok(themes.some((th: { name: string }) => th.name === 'Partshøringer og aktindsigt'));
  const created = await app.inject({
    method: 'POST',
    url: '/api/themes',
    headers: as.facilitator,
    payload: { name: 'Nye regler om børnehuse' },
  });
  t.equal(created.statusCode, 201);
  t.match(created.json(), { position: 7, isReferenceData: false, active: true });
  const edited = await app.inject({
    method: 'PATCH',
    url: `/api/themes/${themes[0].id}`,
    headers: as.facilitator,
    payload: { version: 1, description: 'Reglen om afhøring inden 24 timer' },
  });
  t.match(edited.json(), { version: 2, description: 'Reglen om afhøring inden 24 timer' });
  t.equal(
    (
      await app.inject({
        method: 'PATCH',
        url: `/api/themes/${themes[0].id}`,
        headers: as.facilitator,
        payload: { version: 1, name: 'x' },
      })
    ).statusCode,
    409,
  );
  t.equal(
    (await app.inject({ method: 'DELETE', url: `/api/themes/${themes[1].id}`, headers: as.facilitator }))
      .statusCode,
    204,
  );
  t.equal(
    (await app.inject({ url: '/api/themes', headers: as.viewer })).json().length,
    7,
    '7 seeded - 1 + 1',
  );
  const all = (await app.inject({ url: '/api/themes?includeInactive=true', headers: as.viewer })).json();
  t.equal(all.length, 8);
  t.equal(
    (await app.inject({ method: 'POST', url: '/api/themes', headers: as.viewer, payload: { name: 'x' } }))
      .statusCode,
    403,
  );
});

t.test('agenda: draft from catalogue, open barriers and agreements due; CRUD and reorder', async (t) => {
  const { app, as } = await buildTestApp(t);
  const earlier = insertHeldMeeting(app.db, {
    districtCode: '1465',
    startsAt: '2026-03-10T08:00:00Z',
  });
  await app.inject({
    method: 'POST',
    url: `/api/meetings/${earlier}/agenda`,
    headers: as.facilitator,
    payload: { themeId: 1 },
  });
  const barrier = (
    await app.inject({
      method: 'POST',
      url: '/api/barriers',
      headers: as.facilitator,
      payload: {
        districtCode: '1465',
        category: 'other',
        description: 'Lang ventetid på afhøring',
        raisedOn: '2026-03-10',
      },
    })
  ).json();
  const due = (
    await app.inject({
      method: 'POST',
      url: '/api/agreements',
      headers: as.facilitator,
      payload: {
        districtCode: '1465',
        type: 'kontaktaftale',
        title: 'Faste kontaktpersoner',
        status: 'in_force',
        reviewOn: '2027-04-01',
      },
    })
  ).json();
  await app.inject({
    method: 'POST',
    url: '/api/agreements',
    headers: as.facilitator,
    payload: {
      districtCode: '1465',
      type: 'other',
      title: 'Ikke til revision',
      status: 'in_force',
      reviewOn: '2030-01-01',
    },
  });

  const meetingId = insertHeldMeeting(app.db, {
    districtCode: '1465',
    startsAt: '2027-03-12T08:00:00Z',
    status: 'planned',
  });
  const suggestions = (
    await app.inject({ url: `/api/meetings/${meetingId}/agenda/suggestions`, headers: as.viewer })
  ).json();
  t.equal(suggestions.filter((s: { source: string }) => s.source === 'catalogue').length, 7);
  t.equal(suggestions[suggestions.length - 7 - 2]?.themeId === 1, false);
  t.equal(
    suggestions.findIndex((s: { themeId: number | null }) => s.themeId === 1),
    6,
    'the theme discussed last year comes last',
  );
  t.match(
    suggestions.filter((s: { source: string }) => s.source !== 'catalogue'),
    [
      { source: 'barrier', barrierId: barrier.id },
      { source: 'agreement', agreementId: due.id, title: 'Revision af aftale: Faste kontaktpersoner' },
    ],
  );

  const draft = app.db.transaction((tx) => createDraftAgenda(tx, meetingId));
  t.equal(draft.length, 5, '3 themes, 1 barrier, 1 agreement');
  t.same(
    draft.map((i) => i.position),
    [1, 2, 3, 4, 5],
  );
  t.equal(createDraftAgenda(app.db, meetingId).length, 5, 'a second call leaves the agenda alone');

  const added = await app.inject({
    method: 'POST',
    url: `/api/meetings/${meetingId}/agenda`,
    headers: as.facilitator,
    payload: { title: 'Velkomst', presenter: 'Politidirektøren', durationMinutes: 15, position: 1 },
  });
  t.equal(added.statusCode, 201, added.body);
  t.match(added.json(), { position: 1, source: 'manual', presenter: 'Politidirektøren' });
  const agenda = (await app.inject({ url: `/api/meetings/${meetingId}/agenda`, headers: as.viewer })).json();
  t.equal(agenda.length, 6);
  t.equal(agenda[0].title, 'Velkomst');

  const bad = await app.inject({
    method: 'POST',
    url: `/api/meetings/${meetingId}/agenda`,
    headers: as.facilitator,
    payload: { presenter: 'x' },
  });
  t.equal(bad.statusCode, 400);
  t.equal(
    (
      await app.inject({
        method: 'POST',
        url: `/api/meetings/${meetingId}/agenda`,
        headers: as.facilitator,
        payload: { themeId: 999 },
      })
    ).statusCode,
    400,
  );
  t.equal((await app.inject({ url: '/api/meetings/9999/agenda', headers: as.viewer })).statusCode, 404);

  const minutes = await app.inject({
    method: 'PATCH',
    url: `/api/meetings/${meetingId}/agenda/${agenda[1].id}`,
    headers: as.facilitator,
    payload: { version: 1, minutes: 'Drøftet; kommunerne ønsker fælles vejledning' },
  });
  t.match(minutes.json(), { version: 2, minutes: 'Drøftet; kommunerne ønsker fælles vejledning' });
  t.equal(
    (
      await app.inject({
        method: 'PATCH',
        url: `/api/meetings/${meetingId}/agenda/${agenda[1].id}`,
        headers: as.facilitator,
        payload: { version: 1, minutes: 'x' },
      })
    ).statusCode,
    409,
  );

  const reversed = agenda.map((i: { id: number }) => i.id).reverse();
  const reordered = await app.inject({
    method: 'PUT',
    url: `/api/meetings/${meetingId}/agenda/order`,
    headers: as.facilitator,
    payload: { itemIds: reversed },
  });
  t.equal(reordered.statusCode, 200, reordered.body);
  t.same(
    reordered.json().map((i: { id: number }) => i.id),
    reversed,
  );
  t.equal(
    (
      await app.inject({
        method: 'PUT',
        url: `/api/meetings/${meetingId}/agenda/order`,
        headers: as.facilitator,
        payload: { itemIds: reversed.slice(1) },
      })
    ).statusCode,
    400,
  );
  t.equal(
    (
      await app.inject({
        method: 'DELETE',
        url: `/api/meetings/${meetingId}/agenda/${reversed[0]}`,
        headers: as.facilitator,
      })
    ).statusCode,
    204,
  );
  const after = (await app.inject({ url: `/api/meetings/${meetingId}/agenda`, headers: as.viewer })).json();
  t.same(
    after.map((i: { position: number }) => i.position),
    [1, 2, 3, 4, 5],
  );
});

t.test('attendance: pre-filled from accepted answers, corrected, with participation figures', async (t) => {
  const { app, as } = await buildTestApp(t);
  const meetingId = insertHeldMeeting(app.db, {
    districtCode: '1471',
    startsAt: '2027-03-12T08:00:00Z',
  });
  const chief = insertPerson(app.db, {
    name: 'Bo Bornholm',
    email: 'bo@brk.dk',
    orgKind: 'municipality',
    orgCode: '400',
    roles: ['boerne-ungechef'],
  });
  const worker = insertPerson(app.db, {
    name: 'Sara Sagsbehandler',
    email: 'sara@brk.dk',
    orgKind: 'municipality',
    orgCode: '400',
    roles: ['kommunal-sagsbehandler'],
  });
  const officer = insertPerson(app.db, {
    name: 'Per Politi',
    email: 'per@politi.dk',
    orgKind: 'police_district',
    orgCode: '1471',
    roles: ['videoafhoerer'],
  });
  insertInvitation(app.db, meetingId, chief, 'accepted');
  insertInvitation(app.db, meetingId, worker, 'declined');
  insertInvitation(app.db, meetingId, officer, 'accepted');

  const prefilled = (
    await app.inject({ url: `/api/meetings/${meetingId}/attendance`, headers: as.viewer })
  ).json();
  t.match(prefilled, { confirmed: false, version: 0 });
  t.same(prefilled.attendees.map((a: { id: number }) => a.id).sort(), [chief, officer].sort());
  t.same(prefilled.figures, {
    people: 2,
    memberOrganisationsRepresented: 2,
    memberOrganisations: 2,
    leadershipLevel: 1,
    practiceLevel: 1,
    police: 1,
    municipal: 1,
    otherSides: 0,
  });

  const put = await app.inject({
    method: 'PUT',
    url: `/api/meetings/${meetingId}/attendance`,
    headers: as.facilitator,
    payload: { version: 0, personIds: [chief, worker], note: 'Politiet meldte afbud samme dag' },
  });
  t.equal(put.statusCode, 200, put.body);
  t.match(put.json(), {
    confirmed: true,
    version: 1,
    figures: { people: 2, memberOrganisationsRepresented: 1, police: 0, municipal: 2, practiceLevel: 1 },
  });
  t.equal(
    (
      await app.inject({
        method: 'PUT',
        url: `/api/meetings/${meetingId}/attendance`,
        headers: as.facilitator,
        payload: { version: 0, personIds: [] },
      })
    ).statusCode,
    409,
  );
  const unknown = await app.inject({
    method: 'PUT',
    url: `/api/meetings/${meetingId}/attendance`,
    headers: as.facilitator,
    payload: { version: 1, personIds: [424242] },
  });
  t.equal(unknown.statusCode, 400);
  t.match(unknown.json().fields, [{ field: 'body.personIds' }]);
  t.equal(
    (
      await app.inject({
        method: 'PUT',
        url: `/api/meetings/${meetingId}/attendance`,
        headers: as.viewer,
        payload: { version: 1, personIds: [] },
      })
    ).statusCode,
    403,
  );
});

t.test('mapping: created with version 0, replaced with the version read', async (t) => {
  const { app, as } = await buildTestApp(t);
  t.equal(
    (await app.inject({ url: '/api/districts/1465/mappings/2027', headers: as.viewer })).statusCode,
    404,
  );
  const created = await app.inject({
    method: 'PUT',
    url: '/api/districts/1465/mappings/2027',
    headers: as.facilitator,
    payload: {
      version: 0,
      forumLevel: 'single_municipalities',
      strengths: ['Faste kontaktpersoner'],
      challenges: ['Ventetid'],
      wishes: ['Fælles forum'],
    },
  });
  t.equal(created.statusCode, 201, created.body);
  t.match(created.json(), {
    districtCode: '1465',
    year: 2027,
    version: 1,
    updatedBy: 'facilitator@test.example',
  });
  const updated = await app.inject({
    method: 'PUT',
    url: '/api/districts/1465/mappings/2027',
    headers: as.facilitator,
    payload: { version: 1, forumLevel: 'all_municipalities', notes: 'Forum oprettet i foråret' },
  });
  t.equal(updated.statusCode, 200);
  t.match(updated.json(), { version: 2, forumLevel: 'all_municipalities', strengths: [] });
  t.equal(
    (
      await app.inject({
        method: 'PUT',
        url: '/api/districts/1465/mappings/2027',
        headers: as.facilitator,
        payload: { version: 1, forumLevel: 'none' },
      })
    ).statusCode,
    409,
  );
  const bad = await app.inject({
    method: 'PUT',
    url: '/api/districts/1465/mappings/2027',
    headers: as.facilitator,
    payload: { version: 2, forumLevel: 'sometimes' },
  });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().fields, [{ field: 'body.forumLevel' }]);
  t.equal(
    (
      await app.inject({
        method: 'PUT',
        url: '/api/districts/0001/mappings/2027',
        headers: as.facilitator,
        payload: { version: 0, forumLevel: 'none' },
      })
    ).statusCode,
    404,
  );
  t.equal((await app.inject({ url: '/api/districts/1465/mappings/2027' })).statusCode, 401);
});
