import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { sendInvitations } from '../../server/invitations/invitations.ts';
import { da } from '../../server/text/catalogues/da.ts';
import { en } from '../../server/text/catalogues/en.ts';
import { bornholmContacts, planTestYear } from '../helpers/scenarios.ts';
import { logIn, startBrowserTest } from './browser.ts';

/**
 * Fragments of the English catalogue that differ from the Danish one: none may show on a Danish
 * page. Functions are called with markers and split at them, so only their fixed words count.
 */
function englishFragments(enNode: unknown, daNode: unknown, out: string[] = []): string[] {
  if (typeof enNode === 'string') {
    if (enNode !== daNode && enNode.length >= 8) out.push(enNode);
  } else if (typeof enNode === 'function') {
    const args = ['§1', '§2', '§3'];
    const fn = enNode as (...a: unknown[]) => unknown;
    const daFn = daNode as (...a: unknown[]) => unknown;
    let text: unknown;
    let danish: unknown;
    try {
      text = fn(...args);
      danish = daFn(...args);
    } catch {
      text = fn(2, '§2');
      danish = daFn(2, '§2');
    }
    if (typeof text === 'string' && text !== danish)
      for (const part of text.split(/§\d|\b2\b/)) if (part.trim().length >= 8) out.push(part.trim());
  } else if (enNode && typeof enNode === 'object') {
    for (const [key, value] of Object.entries(enNode))
      englishFragments(value, (daNode as Record<string, unknown>)?.[key], out);
  }
  return out;
}

t.test('every page loads without console errors, failed requests or English text', async (t) => {
  const b = await startBrowserTest(t, { MAIL_SENDER: 'off', PUBLIC_URL: 'http://samraad.test' });
  const problems: string[] = [];
  b.page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${b.page.url()})`);
  });
  b.page.on('pageerror', (error) => problems.push(`script error: ${error.message} (${b.page.url()})`));
  b.page.on('requestfailed', (request) => {
    // Chromium fetches the icon in the background and cancels it when the next page is opened
    const abortedIcon =
      request.failure()?.errorText === 'net::ERR_ABORTED' && request.url().endsWith('/favicon.svg');
    if (!abortedIcon) problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  b.page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });

  bornholmContacts(b.app.db);
  const cycle = planTestYear(b.app.db, 2027);
  const meeting = cycle.meetings.find((m) => m.area.name === 'Bornholms Politi')!;
  sendInvitations(b.app.db, b.app.config, null, meeting.id);
  const mail = prepared(
    b.app.db,
    `SELECT content FROM outbox_message WHERE kind = 'invitation' LIMIT 1`,
  ).get() as {
    content: string;
  };
  const answerPath = /\/rsvp\/rsvp_[A-Za-z0-9_-]+/.exec(mail.content)![0];
  const person = prepared(b.app.db, 'SELECT id FROM person LIMIT 1').get() as { id: number };
  const english = englishFragments(en, da);
  t.ok(english.length > 5, 'the English catalogue has texts to look for');

  const visit = async (path: string) => {
    const response = await b.page.goto(`${b.base}${path}`);
    t.equal(response?.status(), 200, `${path} loads`);
    await b.page.waitForLoadState('networkidle');
    const text = (await b.page.locator('body').textContent()) ?? '';
    const found = english.filter((fragment) => text.includes(fragment));
    t.same(found, [], `${path}: no English`);
  };
  await visit('/login');
  await visit(answerPath);
  await logIn(b, 'facilitator', '/aar/2027');
  for (const path of [
    '/aar/2027',
    '/kredse/1470?aar=2027',
    '/planlaeg',
    `/moeder/${meeting.id}`,
    '/personer',
    '/personer/ny',
    `/personer/${person.id}`,
    '/personer/import',
    '/organisationer',
    '/organisationer/ny',
    '/udbakke',
    '/rapporter',
  ])
    await visit(path);
  t.same(problems, [], 'no console errors and no failed requests (the favicon included)');
});
