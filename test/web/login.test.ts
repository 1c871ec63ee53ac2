import t from 'tap';
import { logIn, PASSWORD, screenshot, startBrowserTest } from './browser.ts';

t.test('logging in and out in the browser', async (t) => {
  const b = await startBrowserTest(t);
  const { page, base } = b;

  await page.goto(`${base}/personer`);
  t.match(new URL(page.url()).pathname, '/login', 'an unauthenticated visit is sent to the login page');
  t.equal(new URL(page.url()).searchParams.get('next'), '/personer', 'remembering where the user was going');
  t.equal(await page.getAttribute('html', 'lang'), 'da');
  await screenshot(page, 'login');

  await page.getByLabel('E-mail').fill('facilitator@test.example');
  await page.getByLabel('Adgangskode').fill('forkert-adgangskode');
  const failed = page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Log ind' }).click();
  t.equal((await failed).status(), 401, 'a wrong password is refused');
  t.ok(await page.getByText('Forkert e-mail eller adgangskode').isVisible(), 'and the user is told so');
  t.equal(await page.getByLabel('E-mail').inputValue(), 'facilitator@test.example', 'the email is kept');
  t.notOk(
    (await b.context.cookies()).some((c) => c.name === 'samraad_session'),
    'no session was started',
  );

  await page.getByLabel('Adgangskode').fill(PASSWORD);
  await Promise.all([
    page.waitForURL(`${base}/personer`),
    page.getByRole('button', { name: 'Log ind' }).click(),
  ]);
  t.equal(
    await page.getByRole('heading', { level: 1 }).textContent(),
    'Personer',
    'back where the user was going',
  );
  const session = (await b.context.cookies()).find((c) => c.name === 'samraad_session');
  t.ok(session, 'a session cookie is set');
  t.equal(session?.httpOnly, true, 'HttpOnly');
  t.equal(session?.sameSite, 'Lax', 'SameSite=Lax');
  t.equal(session?.path, '/');
  const secret = session!.value.slice(-43);
  const stored = JSON.stringify(b.app.db.$client.prepare('SELECT * FROM session').all());
  t.notMatch(stored, secret, 'the secret in the cookie is not stored, only its hash');
  t.same(
    b.app.db.$client.prepare('SELECT count(*) AS n FROM session').get(),
    { n: 1 },
    'one session row exists',
  );

  await page.getByRole('button', { name: 'Log af' }).first().click();
  await page.waitForURL(`${base}/login`);
  t.same(
    b.app.db.$client.prepare('SELECT count(*) AS n FROM session').get(),
    { n: 0 },
    'logging out ends the session',
  );
  await page.goto(`${base}/udbakke`);
  t.match(page.url(), /\/login\?next=%2Fudbakke$/, 'pages need a login again');

  const unsafe = await b.app.inject({ url: '/login?next=//evil.example/' });
  t.equal(unsafe.statusCode, 200);
  t.notMatch(unsafe.body, 'evil.example', 'a next address off the site is dropped');
});

t.test('forms without the session token are refused', async (t) => {
  const b = await startBrowserTest(t);
  const { page, base } = b;
  await logIn(b, 'facilitator', '/personer/ny');

  const post = (body: string) =>
    page.evaluate(
      async ([url, body]) => {
        const r = await fetch(url!, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
        return { status: r.status, text: await r.text() };
      },
      [`${base}/personer`, body] as const,
    );
  const organisationId = await page.locator('#organisationId option').nth(1).getAttribute('value');
  const form = `name=Mallory&email=mallory%40example.dk&organisationId=${organisationId}`;

  const without = await post(form);
  t.equal(without.status, 403, 'a post without a token is refused');
  t.match(without.text, 'Adgang nægtet', 'with a page that says so');
  const wrong = await post(`${form}&_csrf=forkert`);
  t.equal(wrong.status, 403, 'a post with a wrong token is refused');
  t.same(
    b.app.db.$client.prepare("SELECT count(*) AS n FROM person WHERE email = 'mallory@example.dk'").get(),
    { n: 0 },
    'nothing was saved',
  );

  const token = await page.locator('form[action="/personer"] input[name=_csrf]').inputValue();
  const right = await post(`${form}&_csrf=${encodeURIComponent(token)}`);
  t.equal(right.status, 200, 'the same post with the page token goes through');
  t.same(
    b.app.db.$client.prepare("SELECT count(*) AS n FROM person WHERE email = 'mallory@example.dk'").get(),
    { n: 1 },
  );

  const loginWithout = await b.app.inject({
    method: 'POST',
    url: '/login',
    payload: { email: 'facilitator@test.example', password: PASSWORD },
  });
  t.equal(loginWithout.statusCode, 403, 'the login form needs its own token too');
});

t.test('a viewer may look but not change', async (t) => {
  const b = await startBrowserTest(t);
  await logIn(b, 'viewer', '/personer');
  t.equal(await b.page.getByRole('link', { name: 'Opret person' }).count(), 0, 'no create button');
  const r = await b.page.goto(`${b.base}/personer/ny`);
  t.equal(r?.status(), 403, 'the create page is refused');
});

t.test('the login is rate limited', async (t) => {
  const b = await startBrowserTest(t);
  const page = await b.app.inject({ url: '/login' });
  const nonce = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    const r = await b.app.inject({
      method: 'POST',
      url: '/login',
      cookies: { samraad_login: nonce },
      payload: { _csrf: nonce, email: 'facilitator@test.example', password: 'forkert' },
    });
    statuses.push(r.statusCode);
  }
  t.equal(statuses[0], 401);
  t.equal(statuses.at(-1), 429, 'too many attempts are stopped');
});
