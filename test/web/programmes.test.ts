import t from 'tap';
import { insertMeeting } from '../helpers/factories.ts';
import { norwegianProgramme } from '../helpers/scenarios.ts';
import { logIn, screenshot, startBrowserTest } from './browser.ts';

t.test('a facilitator switches to the Norwegian programme and plans its year', async (t) => {
  const b = await startBrowserTest(t, { MAIL_SENDER: 'off' });
  const { page, base } = b;
  const norway = await norwegianProgramme(b.app, b.as);
  await logIn(b, 'facilitator', '/aar/2027');

  const main = page.locator('main');
  t.equal(await page.locator('#overview tbody tr').count(), 12, 'the Danish programme is shown first');
  t.match(await main.textContent(), '0 af 12 politikredse har et møde i 2027.');
  t.equal(
    await page.getByLabel('Program').inputValue(),
    'dk-politikredsmoeder',
    'the switcher names the programme in view',
  );

  await page.getByLabel('Program').selectOption({ label: 'Dialogmøter barnevern og politi' });
  await Promise.all([
    page.waitForURL(/programme=no-dialogmoter/),
    page.getByRole('button', { name: 'Skift program' }).click(),
  ]);
  t.equal(new URL(page.url()).pathname, '/aar/2027', 'the switch stays on the year in view');
  const rows = page.locator('#overview tbody tr');
  t.equal(await rows.count(), 1, "the Norwegian programme's one area");
  t.match(await rows.first().locator('th').textContent(), norway.areaName);
  const overview = (await main.textContent()) ?? '';
  // an account that chose no language reads the programme's: this one's pages are in bokmål
  t.equal(await page.locator('html').getAttribute('lang'), 'nb', "the pages are in the programme's language");
  t.match(overview, '0 av 1 område har et møte i 2027.', 'its areas are områder');
  t.notMatch(overview, /politikreds|politidistrikt/i, 'not politikredse');
  t.ok(await page.getByRole('columnheader', { name: /^Område/ }).isVisible(), 'the area column is Område');
  await screenshot(page, 'overview-norwegian-programme');

  // the choice is kept: the plan page, without naming the programme, plans the Norwegian areas
  await page.goto(`${base}/planlaeg?aar=2027`);
  t.equal(await page.getByLabel('Program').inputValue(), 'no-dialogmoter', 'the choice is kept');
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/planlaeg') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Vis forslag' }).click(),
  ]);
  const preview = page.locator('#plan-preview tbody tr');
  t.equal(await preview.count(), 1, 'the proposal has one meeting');
  t.match(await preview.first().textContent(), norway.areaName, 'in the Norwegian area');
  await Promise.all([
    page.waitForURL(/besked=planlagt/),
    page.getByRole('button', { name: /^Lagre planen/ }).click(),
  ]);
  t.match(await main.textContent(), '1 av 1 område har et møte i 2027.', 'the planned year shows');
  const cycle = b.app.db.$client
    .prepare('SELECT c.area_kind AS kind, p.key FROM cycle c JOIN programme p ON p.id = c.programme_id')
    .all();
  t.same(cycle, [{ kind: 'bufetat_dialog_area', key: norway.key }], "the cycle is the Norwegian programme's");

  // the meeting page leads back to its own programme's overview
  await rows.first().getByRole('link').click();
  await page.waitForURL(/\/moeder\/\d+$/);
  t.match(await page.locator('h1').textContent(), 'Dialogmøter barnevern og politi 2027');

  await page.goto(`${base}/aar/2027?programme=dk-politikredsmoeder`);
  t.equal(await rows.count(), 12, 'and back to the police districts');
  t.match(await main.textContent(), '0 af 12 politikredse har et møde i 2027.', 'in Danish again');
  const unknown = await page.goto(`${base}/aar/2027?programme=no-such-programme`);
  t.equal(unknown?.status(), 404, 'an unknown programme is a page that does not exist');
});

t.test('an account that chooses bokmål on its own page reads the pages in Norwegian', async (t) => {
  const b = await startBrowserTest(t, { MAIL_SENDER: 'off' });
  const { page, base } = b;
  await logIn(b, 'facilitator', '/aar/2027');
  await page.getByRole('link', { name: 'facilitator@test.example' }).first().click();
  await page.waitForURL(/\/konto$/);
  t.match(await page.locator('h1').textContent(), 'Min konto');
  t.equal(await page.getByLabel('Sprog på siderne').inputValue(), '', "it reads its programme's language");
  await page.getByLabel('Sprog på siderne').selectOption('nb');
  await Promise.all([page.waitForURL(/besked=gemt/), page.getByRole('button', { name: 'Gem' }).click()]);
  t.match(
    await page.locator('main').textContent(),
    'Valget ditt er lagret.',
    'the choice is confirmed in bokmål',
  );

  await page.goto(`${base}/aar/2027`);
  t.equal(await page.locator('html').getAttribute('lang'), 'nb', 'the page says it is bokmål');
  const text = (await page.locator('body').textContent()) ?? '';
  t.match(text, '0 av 12 politidistrikter har et møte i 2027.', 'the Danish programme in Norwegian words');
  t.ok(
    await page
      .getByRole('navigation', { name: 'Hovedmeny' })
      .first()
      .getByRole('link', { name: 'Oversikt' })
      .isVisible(),
    'the menu too',
  );
  t.notMatch(text, /politikredse|Overblik/, 'no Danish left in the overview and its frame');
  await page.goto(`${base}/planlaeg`);
  t.ok(await page.getByRole('heading', { name: 'Planlegg et år' }).isVisible(), 'the plan page is Norwegian');
  await page.goto(`${base}/rapporter`);
  t.equal(await page.locator('html').getAttribute('lang'), 'nb', 'and the reports page');
  await page.goto(`${base}/personer`);
  t.equal(await page.locator('main').getAttribute('lang'), null, 'the people list is all in bokmål');
  t.ok(await page.getByLabel('Søk etter navn eller e-postadresse').isVisible(), 'its search is Norwegian');
  t.ok(await page.getByRole('link', { name: 'Opprett person' }).isVisible(), 'and its buttons');
  await page.goto(`${base}/personer/ny`);
  t.match(await page.locator('label[for=phone]').textContent(), '(valgfritt)', "the form's own words too");
  await page.getByRole('button', { name: 'Opprett person' }).click();
  t.match(await page.locator('#fejl').textContent(), 'i skjemaet', 'and its error summary');
  await page.goto(`${base}/personer/import`);
  t.ok(await page.getByRole('heading', { name: 'Importer personer' }).isVisible(), 'and the import page');
  await page.goto(`${base}/organisationer`);
  t.ok(await page.getByRole('heading', { name: 'Organisasjoner' }).isVisible(), 'the organisations too');
  t.ok(await page.getByLabel('Søk etter navn').isVisible(), 'with a Norwegian search');
  await page.goto(`${base}/kredse/1470`);
  t.ok(
    await page.getByRole('heading', { name: 'Kontaktpersoner etter rolle' }).isVisible(),
    'a district page is Norwegian',
  );
  t.equal(await page.locator('main').getAttribute('lang'), null, 'all of it');
  await page.goto(`${base}/udbakke`);
  t.ok(await page.getByRole('heading', { name: 'Utboks' }).isVisible(), 'the outbox is Norwegian');
  await page.goto(`${base}/moeder/nyt`);
  t.ok(
    await page.getByRole('heading', { name: 'Opprett et ekstramøte' }).isVisible(),
    'and the extra meeting form',
  );
  const meeting = insertMeeting(b.app.db, { districtCode: '1470' });
  await page.goto(`${base}/moeder/${meeting.meetingId}`);
  t.equal(await page.locator('main').getAttribute('lang'), null, 'a meeting page is all in bokmål');
  t.ok(await page.getByRole('heading', { name: 'Oppmøte' }).isVisible(), 'its attendance part');
  t.ok(
    await page.getByRole('heading', { name: 'Flytt, endre eller avlys' }).isVisible(),
    'and its change form',
  );

  await page.goto(`${base}/konto`);
  await page.getByLabel('Språk på sidene').selectOption('');
  await Promise.all([page.waitForURL(/besked=gemt/), page.getByRole('button', { name: 'Lagre' }).click()]);
  await page.goto(`${base}/aar/2027`);
  t.match(await page.locator('main').textContent(), '0 af 12 politikredse', "back to the programme's Danish");
  const audit = b.app.db.$client
    .prepare("SELECT changes FROM audit_entry WHERE entity = 'account' ORDER BY id")
    .all() as { changes: string }[];
  t.same(
    audit.map((a) => JSON.parse(a.changes).language),
    [
      [null, 'nb'],
      ['nb', null],
    ],
    'each choice is in the audit log',
  );
});
