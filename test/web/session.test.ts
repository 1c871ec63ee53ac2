import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { findAccountByEmail, setPassword } from '../../server/accounts/accounts.ts';
import { createSession, sessionActor } from '../../server/accounts/sessions.ts';
import { assetVersion, ownAssetsDir } from '../../server/web/asset-urls.ts';
import { buildTestApp } from '../helpers/app.ts';

const PASSWORD = 'en-lang-nok-adgangskode';

async function logIn(app: Awaited<ReturnType<typeof buildTestApp>>['app']) {
  const form = await app.inject({ url: '/login' });
  const nonce = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
  return app.inject({
    method: 'POST',
    url: '/login',
    cookies: { samraad_login: nonce },
    payload: { _csrf: nonce, email: 'facilitator@test.example', password: PASSWORD, next: '/personer' },
  });
}

t.test('the session cookie is Secure behind https', async (t) => {
  const { app } = await buildTestApp(t, { PUBLIC_URL: 'https://samraad.example.dk' });
  await setPassword(app.db, findAccountByEmail(app.db, 'facilitator@test.example')!.id, PASSWORD);
  const login = await logIn(app);
  t.equal(login.statusCode, 303);
  const cookie = String(login.headers['set-cookie'])
    .split(/,(?=\s*samraad)/)
    .find((c) => c.includes('samraad_session='));
  t.match(cookie, /; Secure/);
  t.match(cookie, /; HttpOnly/);
  t.match(cookie, /; SameSite=Lax/);
});

t.test('a session signs in pages, never the API; it ends with its time or the account', async (t) => {
  const { app } = await buildTestApp(t);
  const account = findAccountByEmail(app.db, 'facilitator@test.example')!;
  await setPassword(app.db, account.id, PASSWORD);
  const login = await logIn(app);
  const session = login.cookies.find((c) => c.name === 'samraad_session')!.value;

  t.equal((await app.inject({ url: '/personer', cookies: { samraad_session: session } })).statusCode, 200);
  const api = await app.inject({ url: '/api/people', cookies: { samraad_session: session } });
  t.equal(api.statusCode, 401, 'the API ignores the cookie (it has no form tokens)');

  const forged = `${session.slice(0, -4)}AAAA`;
  const wrong = await app.inject({ url: '/personer', cookies: { samraad_session: forged } });
  t.equal(wrong.statusCode, 303, 'a tampered cookie is no session');

  const old = createSession(app.db, account.id, new Date(Date.now() - 13 * 3600_000));
  t.equal(sessionActor(app.db, old), null, 'a session older than 12 hours has expired');

  app.db.$client
    .prepare('UPDATE account SET disabled_at = ? WHERE id = ?')
    .run(new Date().toISOString(), account.id);
  const disabled = await app.inject({ url: '/personer', cookies: { samraad_session: session } });
  t.equal(disabled.statusCode, 303, 'a disabled account is signed out');
  t.match(disabled.headers.location, '/login?next=%2Fpersoner');
});

t.test('pages are served with a strict content security policy and the design system assets', async (t) => {
  const { app } = await buildTestApp(t);
  const login = await app.inject({ url: '/login' });
  t.match(login.headers['content-security-policy'], "script-src 'self'");
  t.match(login.headers['content-security-policy'], "frame-ancestors 'none'");
  t.match(login.body, '<html lang="da">');
  t.match(login.body, 'class="skipnav" href="#main-content"');
  // linked from a folder named by their content: a browser keeps them a year without asking again
  const linked =
    /<link rel="stylesheet" href="(\/assets\/v-[A-Za-z0-9_-]+)\/dkfds\/css\/dkfds\.min\.css">/.exec(
      login.body,
    );
  t.ok(linked, 'the stylesheet is linked from a versioned folder');
  const assets = linked![1]!;
  t.match(login.body, `<script src="${assets}/samraad/samraad.js"></script>`);
  const css = await app.inject({ url: `${assets}/dkfds/css/dkfds.min.css` });
  t.equal(css.statusCode, 200);
  t.match(css.headers['content-type'], 'text/css');
  t.equal(css.headers['cache-control'], 'public, max-age=31536000, immutable');
  const own = await app.inject({ url: `${assets}/samraad/samraad.css` });
  t.equal(own.statusCode, 200);
  t.equal(own.headers['cache-control'], 'public, max-age=31536000, immutable');
  const font = await app.inject({
    url: `${assets}/dkfds/fonts/IBMPlexSans/complete/woff/IBMPlexSans-Regular.woff`,
  });
  t.equal(font.statusCode, 200, 'fonts load from the path the CSS names');
  const before = await app.inject({ url: '/assets/dkfds/css/dkfds.min.css' });
  t.equal(before.statusCode, 200, 'the address without a version still works (pages from before)');
  t.equal(before.headers['cache-control'], 'public, max-age=0', 'and is checked on every use');
  // the folder's name follows the files: copies of ours name the same, one changed byte another
  const copy = mkdtempSync(join(tmpdir(), 'samraad-assets-'));
  t.teardown(() => rmSync(copy, { recursive: true, force: true }));
  // dereference: in the compiled tree the assets are links to the source files, which must stay as they are
  cpSync(ownAssetsDir, copy, { recursive: true, dereference: true });
  const version = assetVersion(copy, '11.2.0');
  t.equal(assetVersion(copy, '11.2.0'), version, 'the same files, the same folder');
  appendFileSync(join(copy, 'samraad.css'), '\n');
  t.not(assetVersion(copy, '11.2.0'), version, 'a changed file, another folder');
  t.not(
    assetVersion(ownAssetsDir, '11.2.1'),
    assetVersion(ownAssetsDir, '11.2.0'),
    'another DKFDS, another folder',
  );
  const docs = await app.inject({ url: '/docs/json' });
  t.notOk(
    Object.keys(docs.json().paths).some((p) => p === '/login' || p.startsWith('/personer')),
    'pages stay out of the API document',
  );
});

t.test('unknown things get a Danish page, not JSON', async (t) => {
  const { app } = await buildTestApp(t);
  const account = findAccountByEmail(app.db, 'facilitator@test.example')!;
  await setPassword(app.db, account.id, PASSWORD);
  const session = (await logIn(app)).cookies.find((c) => c.name === 'samraad_session')!.value;
  for (const url of ['/kredse/9999', '/personer/999999', '/moeder/999999', '/udbakke/999999']) {
    const r = await app.inject({ url, cookies: { samraad_session: session } });
    t.equal(r.statusCode, 404, url);
    t.match(r.headers['content-type'], 'text/html');
    t.match(r.body, 'Siden findes ikke');
  }
});
