import t from 'tap';
import { buildTestApp, formDataPayload } from '../helpers/app.ts';
import { meetingWithInvitees } from '../helpers/factories.ts';

t.test(
  'a file reaches the upload routes only; elsewhere a multipart body is no body, named in a 400',
  async (t) => {
    const { app, as } = await buildTestApp(t, { MAIL_SENDER: 'off' });
    const {
      meeting: m,
      invitees: [a],
    } = meetingWithInvitees(app.db, [{ name: 'A', email: 'a@brk.dk' }]);
    const form = await formDataPayload({ name: 'dagsorden.txt', content: 'Dagsorden', type: 'text/plain' });
    const withField = await formDataPayload({ name: 'kontakt.txt', content: 'Kim' }, { name: 'Kim' });

    const uploaded = await app.inject({
      method: 'POST',
      url: `/api/meetings/${m.meetingId}/materials`,
      headers: { ...as.facilitator, ...form.headers },
      payload: form.payload,
    });
    t.equal(uploaded.statusCode, 201);
    t.equal(uploaded.json().filename, 'dagsorden.txt');

    // the route finds no body (not a 415), a file alone or with a field
    for (const [url, headers, body] of [
      [`/rsvp/${a.token}`, {}, form],
      ['/api/people', as.facilitator, form],
      ['/api/people', as.facilitator, withField],
    ] as const) {
      const refused = await app.inject({
        method: 'POST',
        url,
        headers: { ...headers, ...body.headers },
        payload: body.payload,
      });
      t.equal(refused.statusCode, 400, url);
      t.match(refused.headers['content-type'], /application\/problem\+json/);
      t.match(refused.json().fields, [{ field: 'body' }]);
    }
    const page = await app.inject({
      method: 'POST',
      url: '/personer',
      headers: { ...as.facilitator, ...withField.headers },
      payload: withField.payload,
    });
    t.equal(page.statusCode, 403, 'a page post too: refused for its missing form token, not a 415');

    // @fastify/multipart, with its hooks on every request of its scope, is the upload routes' alone
    t.notOk(app.hasRequestDecorator('isMultipart'), 'not registered for the whole app');
  },
);
