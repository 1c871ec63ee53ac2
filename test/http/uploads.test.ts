import t from 'tap';
import { buildTestApp, formDataPayload } from '../helpers/app.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';

t.test(
  'a file reaches the upload routes only; elsewhere a multipart body is no body, named in a 400',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const m = insertMeeting(app.db, { title: 'Politikredsmøde 2027 – Bornholms Politi' });
    const a = insertInvitee(app.db, m.meetingId, {
      name: 'A',
      email: 'a@brk.dk',
      organisationId: m.memberIds.Bornholm!,
    });
    const form = await formDataPayload({ name: 'dagsorden.txt', content: 'Dagsorden', type: 'text/plain' });

    const uploaded = await app.inject({
      method: 'POST',
      url: `/api/meetings/${m.meetingId}/materials`,
      headers: { ...as.facilitator, ...form.headers },
      payload: form.payload,
    });
    t.equal(uploaded.statusCode, 201);
    t.equal(uploaded.json().filename, 'dagsorden.txt');

    for (const [url, headers] of [
      [`/rsvp/${a.token}`, {}],
      ['/api/people', as.facilitator],
    ] as const) {
      const refused = await app.inject({
        method: 'POST',
        url,
        headers: { ...headers, ...form.headers },
        payload: form.payload,
      });
      t.equal(refused.statusCode, 400, url);
      t.match(refused.headers['content-type'], /application\/problem\+json/);
      t.match(refused.json().fields, [{ field: 'body' }]);
    }
  },
);
