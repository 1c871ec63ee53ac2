import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { insertHeldMeeting } from '../helpers/factories.ts';

t.test('lessons learned (erfaringer): one text per meeting, versioned, facilitators write it', async (t) => {
  const { app, as } = await buildTestApp(t);
  const meetingId = insertHeldMeeting(app.db, { districtCode: '1465', startsAt: '2027-03-12T08:30:00Z' });
  const url = `/api/meetings/${meetingId}/lessons`;
  const put = (headers: { authorization: string }, payload: Record<string, unknown>) =>
    app.inject({ method: 'PUT', url, headers, payload });

  t.match((await app.inject({ url, headers: as.viewer })).json(), { text: '', version: 0 });
  t.equal((await put(as.viewer, { version: 0, text: 'x' })).statusCode, 403);
  const first = await put(as.facilitator, {
    version: 0,
    text: 'Fælles oplæg fra politi og kommune virkede.',
  });
  t.equal(first.statusCode, 200);
  t.match(first.json(), { version: 1, updatedBy: 'facilitator@test.example' });
  const stale = await put(as.facilitator, { version: 0, text: 'Andet' });
  t.equal(stale.statusCode, 409, 'a stale version is refused');
  t.equal((await put(as.facilitator, { version: 1, text: 'a\u0000b' })).statusCode, 400);
  t.equal(
    (await app.inject({ url, headers: as.viewer })).json().text,
    'Fælles oplæg fra politi og kommune virkede.',
  );
  t.equal((await app.inject({ url: '/api/meetings/999999/lessons', headers: as.viewer })).statusCode, 404);
});
