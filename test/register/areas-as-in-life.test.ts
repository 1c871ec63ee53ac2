import t from 'tap';
import { meeting } from '../../db/schema/index.ts';
import { buildTestApp } from '../helpers/app.ts';
import { buildMeeting } from '../helpers/factories.ts';

type Inject = Awaited<ReturnType<typeof buildTestApp>>['app']['inject'];

/**
 * Seed 000: Oslo's police units Vest and Sentrum each serve boroughs, Frogner and St. Hanshaugen
 * under both; the child-welfare liaison officers (fagkonsulenter) cover named boroughs.
 */
async function oslo(inject: Inject, headers: { authorization: string }) {
  const post = async (url: string, payload: object) => {
    const res = await inject({ method: 'POST', url, headers, payload });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const org = (name: string, kind: string) => post('/api/organisations', { kind, name });
  const vest = await org('Oslo politidistrikt, enhet Vest', 'local_police_unit');
  const sentrum = await org('Oslo politidistrikt, enhet Sentrum', 'local_police_unit');
  const boroughs: Record<string, { id: number }> = {};
  for (const name of ['Ullern', 'Frogner', 'St. Hanshaugen', 'Sagene', 'Grünerløkka'])
    boroughs[name] = await org(`Bydel ${name}`, 'borough');
  const members = (names: string[]) => names.map((n) => ({ organisationId: boroughs[n]!.id }));
  const vestArea = await post('/api/areas', {
    name: 'Enhet Vest',
    kind: 'oslo_police_unit',
    convenerId: vest.id,
    members: members(['Ullern', 'Frogner', 'St. Hanshaugen']),
  });
  const sentrumArea = await post('/api/areas', {
    name: 'Enhet Sentrum',
    kind: 'oslo_police_unit',
    convenerId: sentrum.id,
    members: members(['Sagene', 'Grünerløkka', 'St. Hanshaugen', 'Frogner']),
  });
  await post('/api/roles', {
    key: 'fagkonsulent-barnevern',
    name: 'Fagkonsulent for barnevern',
    nameEn: 'Child welfare liaison officer',
    level: 'practice',
    side: 'police',
  });
  return { vest, sentrum, boroughs, vestArea, sentrumArea };
}

t.test('areas as they are in life: overlapping areas, and a liaison officer covering boroughs', async (t) => {
  const { app, as } = await buildTestApp(t);
  const { vest, boroughs, sentrumArea } = await oslo(app.inject.bind(app), as.facilitator);
  t.equal(sentrumArea.members.length, 5, 'Frogner and St. Hanshaugen are in both areas');

  const mette = await app.inject({
    method: 'POST',
    url: '/api/people',
    headers: as.facilitator,
    payload: {
      name: 'Mette Tron',
      email: 'mette.tron@politiet.example',
      organisationId: vest.id,
      roles: ['fagkonsulent-barnevern'],
      covers: [boroughs.Ullern!.id, boroughs.Frogner!.id, boroughs['St. Hanshaugen']!.id],
      language: 'nb',
    },
  });
  t.equal(mette.statusCode, 201, mette.body);
  t.same(
    mette.json().covers,
    [boroughs.Ullern!.id, boroughs.Frogner!.id, boroughs['St. Hanshaugen']!.id].sort((a, b) => a - b),
    'the coverage is recorded',
  );

  const unknownBorough = await app.inject({
    method: 'PATCH',
    url: `/api/people/${mette.json().id}`,
    headers: as.facilitator,
    payload: { version: 1, covers: [999_999] },
  });
  t.equal(unknownBorough.statusCode, 400);
  t.equal(unknownBorough.json().fields[0].field, 'body.covers');

  // a course of unit Sentrum: Mette works at unit Vest, but covers two of Sentrum's boroughs
  const { id: meetingId } = app.db
    .insert(meeting)
    .values({ ...buildMeeting(app.db), areaId: sentrumArea.id, title: 'Kurs i politibistand' })
    .returning({ id: meeting.id })
    .get();
  const audience = (
    await app.inject({ url: `/api/meetings/${meetingId}/audience`, headers: as.viewer })
  ).json();
  t.ok(
    audience.people.some((p: { name: string }) => p.name === 'Mette Tron'),
    'a liaison officer is invited where the boroughs she covers meet',
  );
  const gapOf = (name: string) =>
    audience.coverage.members.find((m: { organisation: { name: string } }) => m.organisation.name === name);
  t.same(gapOf('Bydel Frogner').gaps, ['no_leadership'], 'Frogner is covered at practice level by her');
  t.same(gapOf('Bydel Sagene').gaps, ['nobody'], 'Sagene has nobody yet');

  const narrower = await app.inject({
    method: 'PATCH',
    url: `/api/people/${mette.json().id}`,
    headers: as.facilitator,
    payload: { version: 1, covers: [boroughs.Ullern!.id] },
  });
  t.equal(narrower.statusCode, 200, narrower.body);
  const after = (await app.inject({ url: `/api/meetings/${meetingId}/audience`, headers: as.viewer })).json();
  t.notOk(
    after.people.some((p: { name: string }) => p.name === 'Mette Tron'),
    'without Sentrum boroughs in her coverage she is not invited',
  );
  const audit = (await app.inject({ url: '/api/audit?entity=person', headers: as.admin })).json();
  t.ok(
    audit.items.some((e: { changes: Record<string, unknown> }) => 'covers' in (e.changes ?? {})),
    'the change of coverage is audited',
  );
});
