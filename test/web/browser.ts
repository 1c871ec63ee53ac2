import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import tap from 'tap';
import { findAccountByEmail, setPassword } from '../../server/accounts/accounts.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { launchChromium } from './chromium.ts';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export const PASSWORD = 'korrekt-hest-batteri-hæfteklamme';
export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

export interface BrowserTest extends TestApp {
  base: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Dialogs the page opened (an injected script would show up here). */
  dialogs: string[];
}

let launched: Promise<Browser> | undefined;

/** One headless Chromium for the test file, started at its first browser test and closed when the file ends. */
function sharedBrowser(): Promise<Browser> {
  launched ??= launchChromium([
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ]).then((browser) => {
    tap.teardown(() => browser.close());
    return browser;
  });
  return launched;
}

/** The real app listening on a free port, and a headless Chromium context of its own. */
export async function startBrowserTest(t: Teardown, env: Record<string, string> = {}): Promise<BrowserTest> {
  const testApp = await buildTestApp(t, env);
  for (const role of ['admin', 'facilitator', 'viewer'] as const) {
    const account = findAccountByEmail(testApp.app.db, `${role}@test.example`)!;
    await setPassword(testApp.app.db, account.id, PASSWORD);
  }
  await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = testApp.app.server.address() as AddressInfo;
  const browser = await sharedBrowser();
  // each test gets its own context (cookies, storage, cache of its own): as isolated as a fresh
  // browser, without starting Chromium again for every test of the file
  const context = await browser.newContext({ locale: 'da-DK' });
  t.teardown(() => context.close());
  const page = await context.newPage();
  const dialogs: string[] = [];
  // "Are you sure?" confirmations are accepted like a user would; anything else (an alert) is recorded.
  page.on('dialog', async (dialog) => {
    if (dialog.type() === 'confirm') return dialog.accept();
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return { ...testApp, base: `http://127.0.0.1:${port}`, browser, context, page, dialogs };
}

export async function logIn(
  b: BrowserTest,
  role: 'admin' | 'facilitator' | 'viewer' = 'facilitator',
  next = '/',
) {
  await b.page.goto(`${b.base}/login?next=${encodeURIComponent(next)}`);
  await b.page.getByLabel('E-mail').fill(`${role}@test.example`);
  await b.page.getByLabel('Adgangskode').fill(PASSWORD);
  await Promise.all([
    b.page.waitForURL((url) => !url.pathname.startsWith('/login')),
    b.page.getByRole('button', { name: 'Log ind' }).click(),
  ]);
}

/**
 * Clicks a form's button and waits until the page the server answers with has loaded. The pages are
 * rendered on the server, so its load event is the moment to read it; waiting for the network to
 * stay idle added half a second to every submission.
 */
export async function submit(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
