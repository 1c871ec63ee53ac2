import { connect } from 'node:net';
import { join } from 'node:path';
import Fastify from 'fastify';
import t from 'tap';
import { openDatabase } from '../../db/client.ts';
import { writeTogether } from '../../server/http/write-together.ts';
import { buildTestApp } from '../helpers/app.ts';
import { meetingWithInvitees } from '../helpers/factories.ts';

/** The answer page writes the responses of requests that arrive together back to back (writeTogether). */

async function listening(t: Parameters<typeof buildTestApp>[0]) {
  const { app } = await buildTestApp(t);
  const people = Array.from({ length: 12 }, (_, i) => ({
    name: `Inviteret ${i + 1}`,
    email: `inviteret${i + 1}@brk.dk`,
  }));
  const { invitees: made } = meetingWithInvitees(app.db, people);
  const invitees = made.map((invitee, i) => ({ name: people[i]!.name, ...invitee }));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { address, invitees, port: (app.server.address() as { port: number }).port };
}

t.test('pages asked for at once each reach their own invitee, whole', async (t) => {
  const { address, invitees } = await listening(t);
  const pages = await Promise.all(
    invitees.map(async (invitee) => {
      const response = await fetch(`${address}/rsvp/${invitee.token}`);
      const bytes = Buffer.from(await response.arrayBuffer());
      return { invitee, response, bytes, text: bytes.toString('utf8') };
    }),
  );
  for (const { invitee, response, bytes, text } of pages) {
    t.equal(response.status, 200, invitee.name);
    t.equal(Number(response.headers.get('content-length')), bytes.length, `${invitee.name}: the whole page`);
    t.equal(response.headers.get('cache-control'), 'no-store');
    t.match(response.headers.get('content-security-policy'), "default-src 'self'");
    t.match(text, `<dd>${invitee.name}, Bornholm</dd>`);
    t.match(text, `action="/rsvp/${invitee.token}"`);
    t.match(text, 'kl. 09.00–15.00', 'the dash arrives as written');
    t.ok(text.endsWith('</html>'));
  }
});

t.test('requests sent in one burst on one connection are answered in their order', async (t) => {
  const { port, invitees } = await listening(t);
  const burst = [...invitees.slice(0, 5), { name: 'ukendt', token: 'rsvp_ukendt' }, invitees[5]!];
  const socket = connect(port, '127.0.0.1');
  t.teardown(() => socket.destroy());
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk) => (received += chunk));
  // all requests in one write: the server reads them together and handles them in the same turn
  socket.write(
    burst.map((invitee) => `GET /rsvp/${invitee.token} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`).join(''),
  );
  await new Promise<void>((resolve) => {
    const check = () => {
      if ((received.match(/<\/html>/g) ?? []).length === burst.length) resolve();
      else socket.once('data', check);
    };
    socket.once('data', check);
  });
  const responses = received.split(/(?=HTTP\/1\.1 )/);
  t.equal(responses.length, burst.length, 'one response per request');
  burst.forEach((invitee, i) => {
    const response = responses[i]!;
    if (invitee.name === 'ukendt') {
      t.match(response, /^HTTP\/1\.1 404 /, 'an unknown link in the middle: not found, in its place');
      return;
    }
    t.match(response, /^HTTP\/1\.1 200 /, invitee.name);
    t.match(response, `<dd>${invitee.name}, Bornholm</dd>`, `response ${i + 1} is ${invitee.name}'s page`);
  });
});

t.test('a page asked for alone is answered at once, not held for company', async (t) => {
  const { address, invitees } = await listening(t);
  for (const invitee of invitees.slice(0, 3)) {
    const response = await fetch(`${address}/rsvp/${invitee.token}`);
    t.equal(response.status, 200);
    t.match(await response.text(), `<dd>${invitee.name}, Bornholm</dd>`);
  }
});

t.test('over HTTP, a page asked for after another process moved the meeting shows the move', async (t) => {
  const { app, dir } = await buildTestApp(t);
  const {
    meeting: m,
    invitees: [anna],
  } = meetingWithInvitees(app.db, [{ name: 'Anna Holm', email: 'anna@brk.dk' }]);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const page = async () => (await fetch(`${address}/rsvp/${anna.token}`)).text();
  // asked for together: the meeting's facts are kept and checked once for them
  for (const body of await Promise.all([page(), page(), page()])) t.match(body, 'Rønne Rådhus');
  const other = openDatabase(join(dir, 'samraad.db'));
  t.teardown(() => other.$client.close());
  other.$client.prepare("UPDATE meeting SET venue_name = 'Nexø Bibliotek' WHERE id = ?").run(m.meetingId);
  t.match(await page(), 'Nexø Bibliotek', 'the next page shows the new venue');
});

t.test(
  'a response that cannot be written closes its connection and leaves the others of its turn',
  async (t) => {
    const app = Fastify({ logger: false });
    app.get('/bad', { onSend: writeTogether }, (_request, reply) => {
      // a header value Node refuses when the response is written
      reply.header('x-broken', 'a\nb').send('never');
    });
    app.get('/ok', { onSend: writeTogether }, (_request, reply) => {
      reply.send('fine');
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    t.teardown(() => app.close());
    // asked for in the same turn: handled first, then written together
    const [bad, ok] = await Promise.allSettled([app.inject('/bad'), app.inject('/ok')]);
    t.equal(ok.status === 'fulfilled' && ok.value.body, 'fine', 'the other response of the turn is written');
    t.not(bad.status === 'fulfilled' && bad.value.body, 'never', 'the broken one is not sent');
    const again = await fetch(`http://127.0.0.1:${(app.server.address() as { port: number }).port}/ok`);
    t.equal(await again.text(), 'fine', 'and the service goes on');
  },
);
