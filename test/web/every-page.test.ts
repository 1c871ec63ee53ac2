import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { sendInvitations } from '../../server/invitations/invitations.ts';
import type { RuleBreach } from '../../server/planning/rules.ts';
import { da } from '../../server/text/catalogues/da.ts';
import { en } from '../../server/text/catalogues/en.ts';
import { bornholmContacts, norwegianProgramme, planTestYear } from '../helpers/scenarios.ts';
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
      try {
        text = fn(2, '§2');
        danish = daFn(2, '§2');
      } catch {
        // takes a record (a broken rule): its sentences are added from samples below
        return out;
      }
    }
    if (typeof text === 'string' && text !== danish)
      for (const part of text.split(/§\d|\b2\b/)) if (part.trim().length >= 8) out.push(part.trim());
  } else if (enNode && typeof enNode === 'object') {
    for (const [key, value] of Object.entries(enNode))
      englishFragments(value, (daNode as Record<string, unknown>)?.[key], out);
  }
  return out;
}

/** Every Danish catalogue text, functions called with markers as above. */
function danishTexts(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (typeof node === 'function') {
    const fn = node as (...a: unknown[]) => unknown;
    for (const args of [
      ['§1', '§2', '§3'],
      [2, '§2'],
    ])
      try {
        const text = fn(...args);
        if (typeof text === 'string') out.push(text);
        break;
      } catch {
        // takes a record: no fixed words to collect
      }
  } else if (node && typeof node === 'object')
    for (const value of Object.values(node)) danishTexts(value, out);
  return out;
}

/** The English sentences of a few broken planning rules, split at their dates and numbers. */
function ruleFragments(): string[] {
  const samples: RuleBreach[] = [
    { rule: 'blackoutRange', date: '2027-12-24', from: '12-20', to: '01-03' },
    { rule: 'weekday', date: '2027-12-24', weekdays: [2, 3, 4] },
    { rule: 'facilitatorDay', date: '2027-12-24', facilitator: null },
  ];
  return samples.flatMap((b) =>
    en.planning
      .rule(b)
      .split(/\d+/)
      .map((part) => part.trim())
      .filter((part) => part.length >= 8),
  );
}

t.test('every page loads without console errors, failed requests or English text', async (t) => {
  const b = await startBrowserTest(t, { MAIL_SENDER: 'off', PUBLIC_URL: 'http://samraad.test' });
  const problems: string[] = [];
  b.page.on('console', (message) => {
    // Chromium logs every 4xx answer; the provoked one below is expected
    const expected = message.text().includes('status of 409') && /\/flyt$/.test(b.page.url());
    if (message.type() === 'error' && !expected)
      problems.push(`console: ${message.text()} (${b.page.url()})`);
  });
  b.page.on('pageerror', (error) => problems.push(`script error: ${error.message} (${b.page.url()})`));
  b.page.on('requestfailed', (request) => {
    // Chromium fetches the icon in the background and cancels it when the next page is opened
    const abortedIcon =
      request.failure()?.errorText === 'net::ERR_ABORTED' && request.url().endsWith('/favicon.svg');
    if (!abortedIcon) problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  // the one refusal the walk provokes on purpose: a move that breaks the planning rules
  const provoked = (url: string, status: number) => status === 409 && /\/moeder\/\d+\/flyt$/.test(url);
  b.page.on('response', (response) => {
    if (response.status() >= 400 && !provoked(response.url(), response.status()))
      problems.push(`${response.status()}: ${response.url()}`);
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
  // a fragment Danish uses too ("National" in "National rapport") is no sign of English
  const danish = danishTexts(da).join('\n');
  const english = [...englishFragments(en, da), ...ruleFragments()].filter((f) => !danish.includes(f));
  t.ok(english.length > 5, 'the English catalogue has texts to look for');

  const noEnglish = async (name: string) => {
    // server-rendered pages: once loaded (scripts and styles included) they are what the user reads
    await b.page.waitForLoadState('load');
    // words marked as another language (a catalogue row's English name, lang="en") are data, not the page's
    const text = await b.page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let all = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode())
        if (!node.parentElement?.closest('[lang]:not([lang="da"])')) all += node.textContent ?? '';
      return all;
    });
    const found = english.filter((fragment) => text.includes(fragment));
    t.same(found, [], `${name}: no English`);
    return text;
  };
  const visit = async (path: string) => {
    const response = await b.page.goto(`${b.base}${path}`);
    t.equal(response?.status(), 200, `${path} loads`);
    await noEnglish(path);
  };
  await visit('/login');
  await visit(answerPath);
  await logIn(b, 'facilitator', '/aar/2027');
  for (const path of [
    '/aar/2027',
    '/kredse/1470?aar=2027',
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
  ])
    await visit(path);

  await visit('/planlaeg?aar=2028');
  const [proposal] = await Promise.all([
    b.page.waitForResponse((r) => r.url().endsWith('/planlaeg') && r.request().method() === 'POST'),
    b.page.waitForEvent('load'),
    b.page.getByRole('button', { name: 'Vis forslag' }).click(),
  ]);
  t.equal(proposal.status(), 200, 'the plan preview loads');
  const preview = await noEnglish('the plan preview');
  t.equal(
    preview.split('Møderne holdes tirsdag, onsdag og torsdag').length - 1,
    1,
    'the reasons every meeting shares are said once, above the table',
  );

  await b.page.goto(`${b.base}/moeder/${meeting.id}`);
  await b.page.getByLabel('Ny dato').fill('2027-12-24');
  const [refused] = await Promise.all([
    b.page.waitForResponse((r) => /\/flyt$/.test(r.url())),
    b.page.waitForEvent('load'),
    b.page.getByRole('button', { name: 'Gem ændringerne' }).click(),
  ]);
  t.equal(refused.status(), 409, 'a move that breaks the rules is refused');
  const conflict = await noEnglish('the rule conflict');
  t.match(conflict, da.refusal.page.ruleConflict.title, 'and said in Danish');
  t.match(conflict, '20. december–3. januar (jul og nytår)', 'naming the blackout');

  // another programme in view, and the admin pages
  await norwegianProgramme(b.app, b.as);
  for (const path of [
    '/aar/2027?programme=no-dialogmoter',
    '/planlaeg',
    '/rapporter',
    '/aar/2027?programme=dk-politikredsmoeder',
  ])
    await visit(path);
  await Promise.all([
    b.page.waitForURL(/\/login/),
    b.page.getByRole('button', { name: 'Log af' }).first().click(),
  ]);
  await logIn(b, 'admin', '/admin/programmer');
  for (const path of [
    '/admin/programmer',
    '/admin/programmer/ny',
    '/admin/programmer/dk-politikredsmoeder',
    '/admin/programmer/no-dialogmoter',
    '/admin/kataloger',
    '/admin/kataloger/organisationstyper/police_district',
  ])
    await visit(path);
  t.same(problems, [], 'no console errors and no failed requests (the favicon included)');
});
