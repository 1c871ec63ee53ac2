import t from 'tap';
import { findAccountByEmail, setPassword } from '../../server/accounts/accounts.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';

t.test('path ids accept decimal digits only', async (t) => {
  const { app, as } = await buildTestApp(t);
  const org = (await app.inject({ url: '/api/districts/1471', headers: as.viewer })).json();
  const created = await app.inject({
    method: 'POST',
    url: '/api/people',
    headers: as.facilitator,
    payload: { name: 'Sekstende', email: 'p16@test.dk', organisationId: org.id },
  });
  const id: number = created.json().id;
  t.equal((await app.inject({ url: `/api/people/${id}`, headers: as.viewer })).statusCode, 200);
  for (const spelled of [
    `0x${id.toString(16)}`,
    `${id}e0`,
    `${id}.0`,
    ` ${id}`,
    `+${id}`,
    `${id}%20`,
    '1e3',
    '-1',
    '0',
  ]) {
    const res = await app.inject({ method: 'DELETE', url: `/api/people/${spelled}`, headers: as.admin });
    t.equal(res.statusCode, 400, `DELETE /api/people/${spelled}`);
    t.match(res.headers['content-type'], /application\/problem\+json/);
  }
  t.equal(
    (await app.inject({ url: `/api/people/${id}`, headers: as.viewer })).statusCode,
    200,
    'still there',
  );
  t.equal((await app.inject({ url: '/api/people?organisation=0x10', headers: as.viewer })).statusCode, 400);

  await setPassword(app.db, findAccountByEmail(app.db, 'viewer@test.example')!.id, 'en-lang-nok-adgangskode');
  const form = await app.inject({ url: '/login' });
  const nonce = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
  const login = await app.inject({
    method: 'POST',
    url: '/login',
    cookies: { samraad_login: nonce },
    payload: { _csrf: nonce, email: 'viewer@test.example', password: 'en-lang-nok-adgangskode', next: '/' },
  });
  const session = { samraad_session: login.cookies.find((c) => c.name === 'samraad_session')!.value };
  t.equal((await app.inject({ url: `/personer/${id}`, cookies: session })).statusCode, 200);
  t.equal((await app.inject({ url: `/personer/0x${id.toString(16)}`, cookies: session })).statusCode, 404);
});

const headers = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': /^(same-origin|no-referrer)$/,
};

t.test('every HTML answer carries the security headers', async (t) => {
  const { app, as } = await buildTestApp(t);
  const m = insertMeeting(app.db, { title: 'Politikredsmøde 2027 – Bornholms Politi' });
  const invitee = insertInvitee(app.db, m.meetingId, {
    name: 'Anna',
    email: 'anna@brk.dk',
    organisationId: m.memberIds.Bornholm!,
  });
  const pages = [
    { url: `/rsvp/${invitee.token}`, status: 200 },
    { url: '/rsvp/not-a-real-token', status: 404 },
    { url: '/api/reports/national?year=2027&format=html', status: 200, headers: as.viewer },
    { url: '/api/reports/agreements?year=2027&district=1471&format=html', status: 200, headers: as.viewer },
    { url: '/docs', status: 200, follow: true },
    { url: '/login', status: 200 },
  ];
  for (const p of pages) {
    let res = await app.inject({ url: p.url, headers: { accept: 'text/html', ...p.headers } });
    if (p.follow && res.statusCode >= 300 && res.statusCode < 400)
      res = await app.inject({ url: String(res.headers.location), headers: { accept: 'text/html' } });
    t.equal(res.statusCode, p.status, p.url);
    t.match(res.headers['content-type'], /^text\/html/, `${p.url} is HTML`);
    t.match(
      res.headers['content-security-policy'],
      /frame-ancestors 'none'/,
      `${p.url}: CSP with frame-ancestors`,
    );
    t.match(res.headers['content-security-policy'], /default-src 'self'/, `${p.url}: CSP default-src`);
    t.match(res.headers, headers, `${p.url}: nosniff, X-Frame-Options, Referrer-Policy`);
  }
});
