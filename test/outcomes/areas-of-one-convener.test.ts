import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { insertHeldMeeting } from '../helpers/factories.ts';
import { norwegianProgramme, secondAreaOfConvener } from '../helpers/scenarios.ts';

t.test('two areas of one convener keep their own barriers, agreements and mappings', async (t) => {
  const { app, as } = await buildTestApp(t);
  const no = await norwegianProgramme(app, as);
  const vestfold = await secondAreaOfConvener(app, as, no);
  const buskerud = { areaId: no.areaId, areaName: no.areaName };
  const post = (url: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: as.facilitator, payload });
  const get = (url: string) => app.inject({ url, headers: as.viewer });

  const b1 = await post('/api/barriers', {
    areaId: buskerud.areaId,
    category: 'taushetsplikt',
    description: 'Uklart hva som kan deles før avhør i Buskerud',
    allMunicipalities: false,
    municipalityCodes: ['3301'],
    raisedOn: '2025-09-01',
  });
  t.equal(b1.statusCode, 201, b1.body);
  const b2 = await post('/api/barriers', {
    areaId: vestfold.areaId,
    category: 'ventetid',
    description: 'Lang ventetid på avhør i Vestfold',
    allMunicipalities: false,
    municipalityCodes: [vestfold.member.code],
    raisedOn: '2025-10-01',
  });
  t.equal(b2.statusCode, 201, b2.body);
  t.match(b1.json(), { areaId: buskerud.areaId, areaName: buskerud.areaName, districtName: no.convenerName });
  t.match(b2.json(), { areaId: vestfold.areaId, areaName: vestfold.areaName, districtName: no.convenerName });

  // the other area's municipality is not a member here, though the convener is the same
  const wrongMember = await post('/api/barriers', {
    areaId: vestfold.areaId,
    category: 'ventetid',
    description: 'x',
    allMunicipalities: false,
    municipalityCodes: ['3301'],
  });
  t.equal(wrongMember.statusCode, 400, wrongMember.body);
  t.match(wrongMember.json().fields, [{ field: 'body.municipalityCodes' }]);

  const g1 = await post('/api/agreements', {
    areaId: buskerud.areaId,
    type: 'samarbeidsavtale',
    title: 'Buskerud: avtale om tidlig varsling',
    status: 'in_force',
    agreedOn: '2025-06-01',
    reviewOn: '2026-01-01',
    barrierIds: [b1.json().id],
  });
  t.equal(g1.statusCode, 201, g1.body);
  const crossed = await post('/api/agreements', {
    areaId: vestfold.areaId,
    type: 'samarbeidsavtale',
    title: 'Vestfold: avtale som peker på Buskeruds barriere',
    barrierIds: [b1.json().id],
  });
  t.equal(crossed.statusCode, 400, "an agreement cannot address another area's barrier");
  t.match(crossed.json().fields, [{ field: 'body.barrierIds' }]);
  const g2 = await post('/api/agreements', {
    areaId: vestfold.areaId,
    type: 'rutinebeskrivelse',
    title: 'Vestfold: rutine for avhør',
    status: 'in_force',
    agreedOn: '2025-07-01',
    reviewOn: '2026-02-01',
    barrierIds: [b2.json().id],
  });
  t.equal(g2.statusCode, 201, g2.body);
  t.match(g2.json(), { areaId: vestfold.areaId, areaName: vestfold.areaName });

  const ids = async (url: string) => (await get(url)).json().items.map((i: { id: number }) => i.id);
  t.same(await ids(`/api/barriers?areaId=${buskerud.areaId}`), [b1.json().id], "Buskerud's barriers only");
  t.same(await ids(`/api/barriers?areaId=${vestfold.areaId}`), [b2.json().id], "Vestfold's barriers only");
  t.same(await ids(`/api/agreements?areaId=${buskerud.areaId}`), [g1.json().id]);
  t.same(await ids(`/api/agreements?areaId=${vestfold.areaId}`), [g2.json().id]);

  // both areas map the same year: one mapping per area and year, not per convener
  const put = (areaId: number, payload: object) =>
    app.inject({
      method: 'PUT',
      url: `/api/areas/${areaId}/mappings/2027`,
      headers: as.facilitator,
      payload: { version: 0, forumLevel: 'felles-forum', ...payload },
    });
  const m1 = await put(buskerud.areaId, { strengths: ['Faste møter i Drammen'] });
  const m2 = await put(vestfold.areaId, { strengths: ['Godt samarbeid i Tønsberg'] });
  t.equal(m1.statusCode, 201, m1.body);
  t.equal(m2.statusCode, 201, `the second area's mapping of the year is created, not a conflict: ${m2.body}`);
  t.match((await get(`/api/areas/${buskerud.areaId}/mappings/2027`)).json(), {
    areaId: buskerud.areaId,
    strengths: ['Faste møter i Drammen'],
    version: 1,
  });
  t.match((await get(`/api/areas/${vestfold.areaId}/mappings/2027`)).json(), {
    areaId: vestfold.areaId,
    strengths: ['Godt samarbeid i Tønsberg'],
    version: 1,
  });

  // follow-ups name the area of each item, the convener being the same
  const followUps = (await get('/api/follow-ups')).json();
  const ours = followUps.items
    .filter((i: { districtCode: string }) => i.districtCode === no.convenerName)
    .map((i: { kind: string; id: number; areaId: number; areaName: string }) => [
      i.kind,
      i.id,
      i.areaId,
      i.areaName,
    ])
    .sort();
  t.same(ours, [
    ['agreement_review', g1.json().id, buskerud.areaId, buskerud.areaName],
    ['agreement_review', g2.json().id, vestfold.areaId, vestfold.areaName],
    ['barrier_open', b1.json().id, buskerud.areaId, buskerud.areaName],
    ['barrier_open', b2.json().id, vestfold.areaId, vestfold.areaName],
  ]);

  // a meeting of one area suggests that area's open barrier and due agreement, not the other's
  const meetingId = insertHeldMeeting(app.db, {
    areaId: vestfold.areaId,
    title: 'Dialogmøte Vestfold 2026',
    startsAt: '2026-01-20T08:00:00.000Z',
  });
  const suggestions = (await get(`/api/meetings/${meetingId}/agenda/suggestions`)).json();
  const outcomeSuggestions = suggestions
    .filter((s: { source: string }) => s.source !== 'catalogue')
    .map((s: { source: string; barrierId: number | null; agreementId: number | null }) => [
      s.source,
      s.barrierId ?? s.agreementId,
    ]);
  t.same(outcomeSuggestions, [
    ['barrier', b2.json().id],
    ['agreement', g2.json().id],
  ]);
  const otherAreasBarrier = await app.inject({
    method: 'POST',
    url: `/api/meetings/${meetingId}/agenda`,
    headers: as.facilitator,
    payload: { title: 'Buskeruds barriere', barrierId: b1.json().id },
  });
  t.equal(otherAreasBarrier.statusCode, 400, "another area's barrier is not on this meeting's agenda");
  t.match(otherAreasBarrier.json().fields, [{ field: 'body.barrierId' }]);
  const raisedElsewhere = await post('/api/barriers', {
    areaId: buskerud.areaId,
    category: 'ventetid',
    description: 'x',
    raisedAtMeetingId: meetingId,
  });
  t.equal(raisedElsewhere.statusCode, 400, "a barrier is not raised at another area's meeting");
  t.match(raisedElsewhere.json().fields, [{ field: 'body.raisedAtMeetingId' }]);
});
