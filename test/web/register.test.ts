import t from 'tap';
import { logIn, screenshot, startBrowserTest } from './browser.ts';

t.test('a person named like a script stays text', async (t) => {
  const b = await startBrowserTest(t);
  const { page, base } = b;
  await logIn(b, 'facilitator', '/personer/ny');
  const evil = '<script>alert(1)</script>';
  await page.getByLabel('Navn').fill(evil);
  await page.getByLabel('E-mail').fill('script@kommune.dk');
  await page.getByLabel('Stilling').fill('"><img src=x onerror=alert(2)>');
  await page.getByLabel('Organisation').selectOption({ label: 'Aarhus (Kommune)' });
  await page.getByLabel('Teamleder').check();
  await Promise.all([
    page.waitForURL(/\/personer\/\d+\?besked=oprettet$/),
    page.getByRole('button', { name: 'Opret person' }).click(),
  ]);
  t.equal(
    await page.getByRole('heading', { level: 1 }).textContent(),
    evil,
    'the heading shows the name as text',
  );
  t.equal(await page.getByLabel('Navn').inputValue(), evil, 'and the form field holds it unchanged');
  t.equal(await page.getByLabel('Stilling').inputValue(), '"><img src=x onerror=alert(2)>');
  t.ok(await page.getByText('Personen er oprettet.').isVisible());

  await page.goto(`${base}/personer?q=script`);
  t.equal(await page.locator('#people tbody th a').textContent(), evil, 'the list shows it as text too');
  t.equal(await page.locator('#people script').count(), 0, 'no script element was made from it');
  t.equal(await page.locator('img[src=x]').count(), 0, 'no image element either');
  await page.goto(`${base}/kredse/1461`);
  t.ok(
    await page.getByRole('link', { name: evil }).isVisible(),
    'the district page lists the contact under the role',
  );
  t.same(b.dialogs, [], 'no script ran');
  await screenshot(page, 'district');
});

t.test('people: search, edit, a duplicate email, delete', async (t) => {
  const b = await startBrowserTest(t);
  const { page, base } = b;
  await logIn(b, 'facilitator', '/personer/ny');
  await page.getByLabel('Navn').fill('Åse Ødegård');
  await page.getByLabel('E-mail').fill('ase@kommune.dk');
  await page.getByLabel('Organisation').selectOption({ label: 'Odense (Kommune)' });
  await page.getByRole('button', { name: 'Opret person' }).click();
  await page.waitForURL(/besked=oprettet/);

  await page.goto(`${base}/personer/ny`);
  await page.getByLabel('Navn').fill('Anden');
  await page.getByLabel('E-mail').fill('ikke-en-adresse');
  await page.getByRole('button', { name: 'Opret person' }).click();
  t.ok(
    await page.getByText('Skriv en gyldig e-mailadresse').first().isVisible(),
    'a bad email is named in Danish',
  );
  t.equal(
    await page.getByLabel('E-mail').getAttribute('aria-invalid'),
    'true',
    'and marked invalid for screen readers',
  );
  t.equal(await page.getByLabel('Navn').inputValue(), 'Anden', 'what was typed is kept');
  await page.getByLabel('E-mail').fill('ASE@kommune.dk');
  await page.getByLabel('Organisation').selectOption({ label: 'Odense (Kommune)' });
  await page.getByRole('button', { name: 'Opret person' }).click();
  t.ok(
    await page.getByText('Der findes allerede en person med denne e-mail').first().isVisible(),
    'a duplicate email is refused',
  );

  await page.goto(`${base}/personer?q=Øde`);
  await page.getByRole('link', { name: 'Åse Ødegård' }).click();
  await page.getByLabel('Telefon').fill('+45 12 34 56 78');
  await page.getByRole('button', { name: 'Gem ændringer' }).click();
  await page.waitForURL(/besked=gemt/);
  t.equal(await page.getByLabel('Telefon').inputValue(), '+45 12 34 56 78', 'the edit is saved');
  await screenshot(page, 'person');

  await page.getByRole('button', { name: 'Slet Åse Ødegård' }).click();
  await page.waitForURL(/besked=slettet/);
  t.same(
    b.app.db.$client.prepare("SELECT count(*) AS n FROM person WHERE email = 'ase@kommune.dk'").get(),
    { n: 0 },
    'deleted',
  );
});

t.test('CSV import: the dry run is shown row by row before anything is saved', async (t) => {
  const b = await startBrowserTest(t);
  const { page, base } = b;
  await logIn(b, 'facilitator', '/personer/import');
  const csv = [
    'navn;email;organisation;roller;telefon',
    'Anne Jensen;anne@aarhus.dk;Aarhus;Teamleder;+45 11111111',
    'Bo <b>Fed</b>;bo@odense.dk;Odense Kommune;Sagsbehandler (kommune);',
    'Ukendt;ukendt@x.dk;Atlantis;Teamleder;',
  ].join('\n');
  await page.getByLabel('Indhold (indsæt teksten fra filen)').fill(csv);
  await page.getByRole('button', { name: 'Vis forhåndsvisning' }).click();
  const rows = page.locator('#import-preview tbody tr');
  t.equal(await rows.count(), 3, 'one row per line of the file');
  t.match(await rows.nth(0).textContent(), /Anne Jensen.*anne@aarhus\.dk.*Oprettes/s);
  t.match(await rows.nth(1).textContent(), /Bo <b>Fed<\/b>.*Oprettes/s, 'markup in the file stays text');
  t.same(
    await rows.nth(0).locator('td').allTextContents(),
    ['2', 'Anne Jensen', 'anne@aarhus.dk', 'Aarhus', 'Teamleder', 'Oprettes'],
    'each row shows the organisation and the roles it resolved to',
  );
  t.same(
    (await rows.nth(1).locator('td').allTextContents()).slice(3, 5),
    ['Odense', 'Sagsbehandler (kommune)'],
    '"Odense Kommune" is found as Odense',
  );
  t.match(
    await rows.nth(2).textContent(),
    /4.*Ukendt;ukendt@x\.dk;Atlantis.*Fejl.*organisation: ingen entydig organisation hedder »Atlantis«/s,
  );
  t.equal(
    await page.getByRole('button', { name: /^Gem/ }).count(),
    0,
    'nothing can be saved while a line is wrong',
  );
  t.same(
    b.app.db.$client.prepare('SELECT count(*) AS n FROM person').get(),
    { n: 0 },
    'the dry run saved nothing',
  );
  await screenshot(page, 'import-preview-errors');

  await page.getByLabel('Indhold (indsæt teksten fra filen)').fill(csv.split('\n').slice(0, 3).join('\n'));
  await page.getByRole('button', { name: 'Vis forhåndsvisning' }).click();
  t.equal(await rows.count(), 2);
  t.ok(await page.getByText('2 oprettes, 0 opdateres, 0 er uændrede').isVisible());
  await screenshot(page, 'import-preview');
  await page.getByRole('button', { name: 'Gem 2 personer' }).click();
  await page.waitForURL(`${base}/personer?besked=importeret`);
  t.equal(await page.locator('#people tbody tr').count(), 2, 'both people are now in the register');
  t.same(b.dialogs, []);

  // a file chosen in the file field fills the text box (progressive enhancement)
  await page.goto(`${base}/personer/import`);
  await page.getByLabel('CSV-fil').setInputFiles({
    name: 'kontakter.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('navn,email,organisation\nAnne Jensen,anne@aarhus.dk,Aarhus\n'),
  });
  await page.waitForFunction(() =>
    (document.getElementById('csv') as HTMLTextAreaElement).value.includes('Anne'),
  );
  await page.getByRole('button', { name: 'Vis forhåndsvisning' }).click();
  t.match(
    await rows.nth(0).textContent(),
    /Anne Jensen.*Opdateres/s,
    'a known person is recognised by email',
  );
});

t.test('organisations: create, find, and a refused delete', async (t) => {
  const b = await startBrowserTest(t);
  const { page, base } = b;
  await logIn(b, 'admin', '/organisationer/ny');
  await page.getByLabel('Type').selectOption({ label: 'Andet' });
  await page.getByLabel('Navn').fill('SSP Østjylland');
  await page.getByRole('button', { name: 'Opret organisation' }).click();
  await page.waitForURL(/besked=oprettet/);
  await page.goto(`${base}/organisationer?q=SSP`);
  t.equal(await page.locator('#organisations tbody tr').count(), 1);
  await screenshot(page, 'organisations');
  await page.goto(`${base}/organisationer?q=Aarhus&type=municipality`);
  await page.getByRole('link', { name: 'Aarhus' }).click();
  await page.getByRole('link', { name: 'Opret en person i Aarhus' }).click();
  await page.getByLabel('Navn').fill('Cecilie');
  await page.getByLabel('E-mail').fill('cecilie@aarhus.dk');
  await page.getByRole('button', { name: 'Opret person' }).click();
  await page.waitForURL(/besked=oprettet/);
  await page.goto(`${base}/organisationer?q=Aarhus&type=municipality`);
  await page.getByRole('link', { name: 'Aarhus' }).click();
  const refused = page.waitForResponse((r) => r.url().endsWith('/slet'));
  await page.getByRole('button', { name: 'Slet Aarhus' }).click();
  t.equal((await refused).status(), 409, 'an organisation with people cannot be deleted');
  t.ok(
    await page.getByText('Organisationen har stadig kontaktpersoner').isVisible(),
    'and the page says why',
  );
});
