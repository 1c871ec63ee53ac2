import t from 'tap';
import { bornholmContacts, norwegianProgramme, planTestYear } from '../helpers/scenarios.ts';
import { logIn, startBrowserTest } from './browser.ts';

/** Checks a page can be read and used without sight or a mouse: what an audit would check first. */
function audit(lang: string) {
  const problems: string[] = [];
  if (document.documentElement.lang !== lang) problems.push(`lang is not ${lang}`);
  if (document.querySelectorAll('h1').length !== 1) problems.push('not exactly one h1');
  if (!document.querySelector('main#main-content')) problems.push('no main landmark for the skip link');
  const ids = new Map<string, number>();
  for (const el of Array.from(document.querySelectorAll('[id]'))) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
  for (const [id, n] of ids) if (n > 1) problems.push(`id ${id} used ${n} times`);
  for (const el of Array.from(document.querySelectorAll('input, select, textarea, button'))) {
    const control = el as HTMLInputElement;
    if (control.type === 'hidden' || control.closest('[hidden]')) continue;
    const named =
      (control.labels && control.labels.length > 0) ||
      control.getAttribute('aria-label') ||
      (el.tagName === 'BUTTON' && el.textContent?.trim());
    if (!named) problems.push(`${el.tagName.toLowerCase()}#${control.id || control.name} has no name`);
  }
  for (const a of Array.from(document.querySelectorAll('a')))
    if (!a.textContent?.trim() && !a.getAttribute('aria-label')) problems.push(`link ${a.href} has no text`);
  let last = 1;
  for (const h of Array.from(document.querySelectorAll('main h1, main h2, main h3, main h4'))) {
    const level = Number(h.tagName[1]);
    if (level > last + 1) problems.push(`heading ${h.textContent} skips from h${last} to h${level}`);
    last = level;
  }
  return problems;
}

t.test('every main page has labels, one h1, ordered headings, unique ids', async (t) => {
  const b = await startBrowserTest(t, { MAIL_SENDER: 'off' });
  bornholmContacts(b.app.db);
  const cycle = planTestYear(b.app.db, 2027);
  const meeting = cycle.meetings.find((m) => m.area.name === 'Bornholms Politi')!;
  const person = b.app.db.$client.prepare('SELECT id FROM person LIMIT 1').get() as { id: number };
  await b.page.goto(`${b.base}/login`);
  t.same(await b.page.evaluate(audit, 'da'), [], '/login');
  await logIn(b, 'facilitator', '/aar/2027');
  for (const path of [
    '/aar/2027',
    '/kredse/1470',
    '/planlaeg',
    `/moeder/${meeting.id}`,
    '/moeder/nyt',
    '/personer',
    '/personer/ny',
    `/personer/${person.id}`,
    '/personer/import',
    '/organisationer',
    '/organisationer/ny',
    '/udbakke',
    '/rapporter',
    '/konto',
  ]) {
    const response = await b.page.goto(`${b.base}${path}`);
    t.equal(response?.status(), 200, `${path} loads`);
    t.same(await b.page.evaluate(audit, 'da'), [], path);
  }
});

t.test('the programme switcher and the admin pages pass the same audit', async (t) => {
  const b = await startBrowserTest(t, { MAIL_SENDER: 'off' });
  await norwegianProgramme(b.app, b.as);
  await logIn(b, 'admin', '/aar/2027');
  // the Norwegian programme's pages are in its language, bokmål
  for (const path of ['/aar/2027?programme=no-dialogmoter', '/planlaeg']) {
    const response = await b.page.goto(`${b.base}${path}`);
    t.equal(response?.status(), 200, `${path} loads`);
    t.same(await b.page.evaluate(audit, 'nb'), [], path);
  }
  for (const path of [
    '/aar/2027?programme=dk-politikredsmoeder',
    '/admin/programmer',
    '/admin/programmer/ny',
    '/admin/programmer/no-dialogmoter',
    '/admin/kataloger',
    '/admin/kataloger/organisationstyper/police_district',
  ]) {
    const response = await b.page.goto(`${b.base}${path}`);
    t.equal(response?.status(), 200, `${path} loads`);
    t.same(await b.page.evaluate(audit, 'da'), [], path);
  }
});
