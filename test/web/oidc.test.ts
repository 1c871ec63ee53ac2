import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { Page } from 'playwright-core';
import t from 'tap';
import { createAccount } from '../../server/accounts/accounts.ts';
import { buildTestApp } from '../helpers/app.ts';
import { launchChromium } from './chromium.ts';

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** A free port on 127.0.0.1, so the provider and the app know each other's address before they start. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const people: Record<string, { email: string; name: string }> = {
  frida: { email: 'facilitator@test.example', name: 'Frida Facilitator' },
  nina: { email: 'nina.ny@kommune.test', name: 'Nina Ny' },
};

/** A real OpenID Connect provider (oidc-provider) on 127.0.0.1 with its development login form. */
async function startProvider(t: Teardown, appBase: string): Promise<string> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'samraad',
        client_secret: 'en-hemmelighed-til-samraad-test',
        redirect_uris: [`${appBase}/login/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    ttl: { AccessToken: 600, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['oidc-provider-test-cookie-key'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const person = people[sub];
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, email: person.email, email_verified: true, name: person.name }),
      };
    },
  });
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  t.teardown(() => new Promise((resolve) => server.close(resolve)));
  return issuer;
}

async function startApp(t: Teardown, env: Record<string, string> = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const issuer = await startProvider(t, base);
  const testApp = await buildTestApp(t, {
    PUBLIC_URL: base,
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'samraad',
    OIDC_CLIENT_SECRET: 'en-hemmelighed-til-samraad-test',
    ...env,
  });
  await testApp.app.listen({ host: '127.0.0.1', port });
  return { ...testApp, base };
}

/** Through the provider's own login and consent forms, as a person at the organisation would. */
async function signInAtProvider(page: Page, base: string, login: string) {
  await page.goto(`${base}/login?next=/personer`);
  await page.getByRole('link', { name: 'Log ind med din organisations konto' }).click();
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('hvad-som-helst');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  const consent = page.getByRole('button', { name: 'Continue' });
  await consent.waitFor();
  await consent.click();
  await page.waitForURL((url) => url.href.startsWith(base));
}

t.test('signing in through the organisation’s OpenID Connect provider, in the browser', async (t) => {
  const { app, base } = await startApp(t);
  const browser = await launchChromium();
  t.teardown(() => browser.close());

  const known = await browser.newContext({ locale: 'da-DK' });
  const page = await known.newPage();
  await signInAtProvider(page, base, 'frida');
  t.equal(new URL(page.url()).pathname, '/personer', 'back where the sign-in started');
  t.ok(
    await page.getByRole('button', { name: 'Log af' }).count(),
    'signed in as the account with that e-mail',
  );

  const stranger = await browser.newContext({ locale: 'da-DK' });
  const other = await stranger.newPage();
  await signInAtProvider(other, base, 'nina');
  t.equal(await other.getByRole('heading', { level: 1 }).textContent(), 'Du mangler adgang');
  t.match(await other.locator('main').textContent(), /ingen rolle i Samråd/);
  await other.goto(`${base}/personer`);
  t.match(new URL(other.url()).pathname, /^\/login/, 'no role, no access');

  createAccount(app.db, { email: 'nina.ny@kommune.test', role: 'viewer' }); // an admin grants a role
  const later = await (await browser.newContext({ locale: 'da-DK' })).newPage();
  await signInAtProvider(later, base, 'nina');
  t.equal(new URL(later.url()).pathname, '/personer', 'with a role the same sign-in lets her in');
});

t.test('passwords can be switched off', async (t) => {
  const { app } = await startApp(t, { PASSWORD_LOGIN: 'off' });
  const login = await app.inject({ url: '/login' });
  t.equal(login.statusCode, 200);
  t.notMatch(login.body, /Adgangskode/, 'no password field');
  t.match(login.body, /Log ind med din organisations konto/);
  const posted = await app.inject({
    method: 'POST',
    url: '/login',
    payload: 'email=admin%40test.example&password=x',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  t.equal(posted.statusCode, 403);
});
