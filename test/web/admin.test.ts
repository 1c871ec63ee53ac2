import t from 'tap';
import { logIn, screenshot, startBrowserTest, submit } from './browser.ts';

const programmeCount = (db: { $client: { prepare(sql: string): { get(): unknown } } }) =>
  (db.$client.prepare('SELECT count(*) AS n FROM programme').get() as { n: number }).n;

t.test('an admin creates a programme and edits it through the pages', async (t) => {
  const b = await startBrowserTest(t, { MAIL_SENDER: 'off' });
  const { page } = b;
  // the areas the new programme convenes exist first, as the register pages or the API make them
  const post = async (url: string, payload: object) =>
    (await b.app.inject({ method: 'POST', url, headers: b.as.facilitator, payload })).json();
  const convener = await post('/api/organisations', { kind: 'other', name: 'Bufetat region øst' });
  await post('/api/areas', {
    name: 'Dialogområde Buskerud',
    kind: 'bufetat_dialog_area',
    convenerId: convener.id,
  });

  await logIn(b, 'admin', '/aar/2027');
  await page
    .getByRole('navigation', { name: 'Hovedmenu' })
    .first()
    .getByRole('link', { name: 'Administration' })
    .click();
  await page.waitForURL(/\/admin\/programmer$/);
  t.match(
    await page.locator('#programmes').textContent(),
    'Politikredsmøder',
    'the Danish programme is listed',
  );
  await page.getByRole('link', { name: 'Opret program' }).click();
  await page.getByLabel('Nøgle').fill('no-dialogmoter');
  await page.getByLabel('Navn', { exact: true }).fill('Dialogmøter barnevern og politi');
  await page.getByLabel('Sprog').selectOption('nb');
  await page.getByLabel('Helligdage i landet').fill('XX');
  await page.getByLabel('Tidszone').fill('Europe/Oslo');
  await page.getByLabel('Områdetype').selectOption('bufetat_dialog_area');
  await submit(page, page.getByRole('button', { name: 'Opret programmet' }));
  const country = page.locator('.form-group', { has: page.getByLabel('Helligdage i landet') });
  t.match(
    await country.textContent(),
    'Skriv en landekode med to store bogstaver, som kalenderen over helligdage kender',
    'a country without a holiday calendar is refused next to the field, in Danish',
  );
  t.equal(programmeCount(b.app.db), 1, 'and nothing is saved');
  t.equal(await page.getByLabel('Nøgle').inputValue(), 'no-dialogmoter', 'what was typed stays');

  await page.getByLabel('Helligdage i landet').fill('NO');
  await Promise.all([
    page.waitForURL(/besked=gemt/),
    page.getByRole('button', { name: 'Opret programmet' }).click(),
  ]);
  t.match(await page.locator('#programmes').textContent(), 'Dialogmøter barnevern og politi', 'it is listed');
  const saved = (await b.app.inject({ url: '/api/programmes/no-dialogmoter', headers: b.as.admin })).json();
  t.match(saved, {
    language: 'nb',
    holidayCountry: 'NO',
    timeZone: 'Europe/Oslo',
    areaKind: 'bufetat_dialog_area',
  });
  t.ok(saved.settings.taxonomy.agreementTypes.length > 0, 'with an outcome taxonomy to start from');

  await page.getByRole('link', { name: 'Dialogmøter barnevern og politi' }).click();
  await page.getByLabel('Svaradresse').fill('ikke en adresse');
  await submit(page, page.getByRole('button', { name: 'Gem ændringerne' }));
  t.match(
    await page.locator('main').textContent(),
    'Skriv en gyldig e-mailadresse',
    'a bad address is refused',
  );
  await page.getByLabel('Svaradresse').fill('dialog@bufetat.example');
  await page.getByLabel('Navn', { exact: true }).fill('Dialogmøter Buskerud');
  await Promise.all([
    page.waitForURL(/besked=gemt/),
    page.getByRole('button', { name: 'Gem ændringerne' }).click(),
  ]);
  const edited = (await b.app.inject({ url: '/api/programmes/no-dialogmoter', headers: b.as.admin })).json();
  t.match(edited, { name: 'Dialogmøter Buskerud', replyAddress: 'dialog@bufetat.example', version: 2 });
  await screenshot(page, 'admin-programmes');
});

t.test('an admin adds a sector; a sector in use is not deleted, and the page says why', async (t) => {
  const b = await startBrowserTest(t, { MAIL_SENDER: 'off' });
  const { page, base } = b;
  await logIn(b, 'admin', '/admin/kataloger');
  const sectorForm = page.locator('form', { has: page.getByRole('button', { name: 'Tilføj sektoren' }) });
  await sectorForm.getByLabel('Nøgle').fill('ngo');
  await sectorForm.getByLabel('Navn på dansk').fill('Frivillig organisation');
  await sectorForm.getByLabel('Navn på norsk').fill('Frivillig organisasjon');
  await Promise.all([page.waitForURL(/besked=tilfoejet/), sectorForm.getByRole('button').click()]);
  t.match(
    await page.locator('#catalogue-sektorer').textContent(),
    'Frivillig organisation (da)',
    'the sector is listed',
  );
  const sectors = (await b.app.inject({ url: '/api/sectors' })).json() as { key: string }[];
  t.ok(
    sectors.some((s) => s.key === 'ngo'),
    'and in the API',
  );

  await page.getByRole('link', { name: 'Ret Frivillig organisation' }).click();
  t.equal(
    await page.getByLabel('Navn på norsk').inputValue(),
    'Frivillig organisasjon',
    'its names fill the form',
  );
  await page.getByLabel('Navn på engelsk').fill('Voluntary organisation');
  await Promise.all([
    page.waitForURL(/besked=rettet/),
    page.getByRole('button', { name: 'Gem ændringerne' }).click(),
  ]);
  const ngo = (
    (await b.app.inject({ url: '/api/sectors' })).json() as { key: string; labels: object }[]
  ).find((s) => s.key === 'ngo');
  t.same(
    ngo?.labels,
    { da: 'Frivillig organisation', nb: 'Frivillig organisasjon', en: 'Voluntary organisation' },
    'its names are edited',
  );

  await submit(page, page.getByRole('button', { name: 'Slet Politi' }).first());
  const refusal = (await page.locator('.alert-error').textContent()) ?? '';
  t.match(
    refusal,
    /Sektoren police kan ikke slettes, fordi det bruges af \d+ organisationstyper og \d+ roller\./,
  );
  t.ok(
    ((await b.app.inject({ url: '/api/sectors' })).json() as { key: string }[]).some(
      (s) => s.key === 'police',
    ),
    'the sector stays',
  );
  await screenshot(page, 'admin-catalogues-refused');

  await page.goto(`${base}/admin/kataloger`);
  await Promise.all([
    page.waitForURL(/besked=slettet/),
    page.getByRole('button', { name: 'Slet Frivillig organisation' }).click(),
  ]);
  t.notMatch(
    await page.locator('#catalogue-sektorer').textContent(),
    'Frivillig organisation',
    'an unused one goes',
  );
});

t.test("an admin edits a role's level and a language's texts; bad input is refused in Danish", async (t) => {
  const b = await startBrowserTest(t, { MAIL_SENDER: 'off' });
  const { page } = b;
  const role = async () =>
    (
      (await b.app.inject({ url: '/api/roles' })).json() as { key: string; level: string; name: string }[]
    ).find((r) => r.key === 'teamleder');
  await logIn(b, 'admin', '/admin/kataloger');
  await page.getByRole('link', { name: 'Ret Teamleder' }).click();
  t.equal(await page.getByLabel('Niveau').inputValue(), 'leadership', "the role's level fills the form");
  await page.getByLabel('Niveau').selectOption('practice');
  await page.getByLabel('Navn', { exact: true }).fill('');
  await submit(page, page.getByRole('button', { name: 'Gem ændringerne' }));
  const nameGroup = page.locator('.form-group', { has: page.getByLabel('Navn', { exact: true }) });
  t.match(await nameGroup.textContent(), 'Skriv et navn.', 'an empty name is refused next to the field');
  t.match(await role(), { level: 'leadership', name: 'Teamleder' }, 'and nothing is saved');
  t.equal(await page.getByLabel('Niveau').inputValue(), 'practice', 'what was chosen stays');

  await page.getByLabel('Navn', { exact: true }).fill('Teamleder, praksis');
  await Promise.all([
    page.waitForURL(/besked=rettet/),
    page.getByRole('button', { name: 'Gem ændringerne' }).click(),
  ]);
  t.match(await role(), { level: 'practice', name: 'Teamleder, praksis' }, "the role's level is edited");
  t.match(await page.locator('#catalogue-roller').textContent(), 'Teamleder, praksis', 'and listed');

  const languageForm = page.locator('form', { has: page.getByRole('button', { name: 'Tilføj sproget' }) });
  await languageForm.getByLabel('Kode').fill('nn');
  await languageForm.getByLabel('Navn').fill('Nynorsk');
  await languageForm.getByLabel('Tekster fra').selectOption('da');
  await Promise.all([page.waitForURL(/besked=tilfoejet/), languageForm.getByRole('button').click()]);
  await page.getByRole('link', { name: 'Ret Nynorsk' }).click();
  await page.getByLabel('Navn', { exact: true }).fill('Norsk nynorsk');
  await page.getByLabel('Tekster fra').selectOption('nb');
  await Promise.all([
    page.waitForURL(/besked=rettet/),
    page.getByRole('button', { name: 'Gem ændringerne' }).click(),
  ]);
  const languages = (await b.app.inject({ url: '/api/languages' })).json() as { code: string }[];
  t.same(
    languages.find((l) => l.code === 'nn'),
    { code: 'nn', name: 'Norsk nynorsk', textsFrom: 'nb' },
    "the language's name and texts are edited",
  );

  await page.getByRole('link', { name: 'Ret Dansk' }).click();
  await page.getByLabel('Tekster fra').selectOption('en');
  await submit(page, page.getByRole('button', { name: 'Gem ændringerne' }));
  const textsGroup = page.locator('.form-group', { has: page.getByLabel('Tekster fra') });
  t.match(
    await textsGroup.textContent(),
    'Et sprog med egne tekster læser sine egne',
    'Danish cannot read English texts, and the page says why',
  );
});

t.test('a facilitator cannot reach the admin pages', async (t) => {
  const b = await startBrowserTest(t, { MAIL_SENDER: 'off' });
  const { page, base } = b;
  await logIn(b, 'facilitator', '/aar/2027');
  t.equal(
    await page.getByRole('link', { name: 'Administration' }).count(),
    0,
    'the menu has no Administration',
  );
  for (const path of ['/admin/programmer', '/admin/programmer/ny', '/admin/kataloger']) {
    const response = await page.goto(`${base}${path}`);
    t.equal(response?.status(), 403, `${path} is refused`);
    t.match(await page.locator('main').textContent(), 'Adgang nægtet');
  }
  const posted = await b.app.inject({
    method: 'POST',
    url: '/admin/kataloger/sektorer/police/slet',
    headers: b.as.facilitator,
  });
  t.not(posted.statusCode, 303, 'nor delete through them');
});

t.test('an admin lifts a named blackout day of the Danish programme on its settings page', async (t) => {
  const b = await startBrowserTest(t, { MAIL_SENDER: 'off' });
  const { page, base } = b;
  await logIn(b, 'admin', '/admin/programmer/dk-politikredsmoeder');
  const easter = page.getByLabel('Mandag–onsdag før påske');
  t.ok(await page.getByLabel('Grundlovsdag (5. juni)').isChecked(), 'Grundlovsdag is kept free by default');
  t.ok(await easter.isChecked(), 'so are the days before Easter');
  await easter.uncheck();
  await page.getByRole('button', { name: 'Gem ændringerne' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${base}/admin/programmer`));
  const planning = JSON.parse(
    (
      b.app.db.$client.prepare("SELECT settings FROM programme WHERE key = 'dk-politikredsmoeder'").get() as {
        settings: string;
      }
    ).settings,
  ).planning;
  t.same(
    planning.blackoutDays,
    ['constitution_day'],
    'the days before Easter are lifted, Grundlovsdag stays',
  );
});

t.test(
  "an admin edits a programme's barrier categories and audience; a bad line is refused in Danish",
  async (t) => {
    const b = await startBrowserTest(t, { MAIL_SENDER: 'off' });
    const { page, base } = b;
    const settings = () =>
      JSON.parse(
        (
          b.app.db.$client
            .prepare("SELECT settings FROM programme WHERE key = 'dk-politikredsmoeder'")
            .get() as {
            settings: string;
          }
        ).settings,
      );
    const before = settings();
    await logIn(b, 'admin', '/admin/programmer/dk-politikredsmoeder');
    const categories = page.getByLabel('Barrierekategorier');
    const typed = `${await categories.inputValue()}\nUgyldig nøgle | da: Tolk mangler`;
    await categories.fill(typed);
    await submit(page, page.getByRole('button', { name: 'Gem ændringerne' }));
    const group = page.locator('.form-group', { has: categories });
    t.match(
      await group.textContent(),
      'Skriv mindst én barrierekategori, hver på sin linje som nøgle | da: navn',
      'a key with spaces is refused next to the field, in Danish',
    );
    t.same(settings(), before, 'and nothing is saved');
    t.equal(await categories.inputValue(), typed, 'what was typed stays');

    await categories.fill(`${typed.replace('Ugyldig nøgle', 'tolk')} | nb: Tolk mangler`);
    await page.getByLabel('Hvem inviteres').fill('police | leadership |\nmunicipal | | teamleder');
    await page.getByRole('button', { name: 'Gem ændringerne' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${base}/admin/programmer?`));
    const after = settings();
    t.same(
      after.taxonomy.barrierCategories.at(-1),
      { key: 'tolk', labels: { da: 'Tolk mangler', nb: 'Tolk mangler' } },
      'the new barrier category is saved with its names',
    );
    t.same(
      after.taxonomy.barrierCategories.slice(0, -1),
      before.taxonomy.barrierCategories,
      'the others are kept as they were',
    );
    t.same(after.taxonomy.agreementTypes, before.taxonomy.agreementTypes, 'and so are the agreement types');
    t.same(
      after.audience,
      [
        { sector: 'police', level: 'leadership' },
        { sector: 'municipal', roleKeys: ['teamleder'] },
      ],
      'the audience rules are saved',
    );

    await page.goto(`${base}/admin/programmer/dk-politikredsmoeder`);
    await page.getByLabel('Hvem inviteres').fill('ingen-sektor | practice |');
    await submit(page, page.getByRole('button', { name: 'Gem ændringerne' }));
    t.match(
      await page.locator('.form-group', { has: page.getByLabel('Hvem inviteres') }).textContent(),
      'Skriv hver regel som sektor | niveau | roller',
      'a sector the catalogue does not hold is refused in Danish',
    );
    t.same(settings().audience, after.audience, 'and the saved rules stay');
  },
);
