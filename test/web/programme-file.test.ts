import { readFileSync } from 'node:fs';
import t from 'tap';
import { logIn, screenshot, startBrowserTest, submit } from './browser.ts';

t.test('an admin loads a programme file on its page; a refused file is said in Danish', async (t) => {
  const b = await startBrowserTest(t, { MAIL_SENDER: 'off' });
  const { page } = b;
  await logIn(b, 'admin', '/admin/programmer');
  await page.getByRole('link', { name: 'Indlæs programfil' }).click();
  await page.waitForURL(/\/admin\/programmer\/indlaes$/);

  // a file with a bad field: nothing is loaded, the field is named and what was pasted stays
  const file = JSON.parse(readFileSync('examples/no-familievern-barnevern.json', 'utf8'));
  const bad = structuredClone(file);
  bad.programme.language = 'xx';
  await page.getByLabel('Filens indhold (JSON)').fill(JSON.stringify(bad));
  await submit(page, page.getByRole('button', { name: 'Indlæs programmet' }));
  const refusal = await page.locator('.alert-error').textContent();
  t.match(refusal, 'Programmet blev ikke indlæst');
  t.match(refusal, 'Filen er ikke indlæst, og intet er gemt. Ret feltet nedenfor, og prøv igen.');
  t.match(refusal, 'programme.language');
  t.notMatch(refusal, /no language|catalogue/, 'not the API’s English');
  t.match(
    await page.getByLabel('Filens indhold (JSON)').inputValue(),
    /"xx"/,
    'the content stays to correct',
  );
  const programmes = () =>
    (b.app.db.$client.prepare('SELECT count(*) AS n FROM programme').get() as { n: number }).n;
  t.equal(programmes(), 1, 'only the Danish programme');

  // the file chosen from disk fills the field and loads
  await page.locator('#programfil').setInputFiles('examples/no-familievern-barnevern.json');
  await page.waitForFunction(() =>
    (document.getElementById('indhold') as HTMLTextAreaElement).value.includes('"no-familievern-barnevern"'),
  );
  await submit(page, page.getByRole('button', { name: 'Indlæs programmet' }));
  t.match(
    await page.locator('.alert-success').textContent(),
    'Programmet Samarbeidsmøter mellom familievern og barnevern er indlæst med 15 organisationer, 2 områder og 27 personer.',
  );
  await screenshot(page, 'programme-file-loaded');
  t.equal(programmes(), 2);

  // the same file again is refused
  await page.goto(`${b.base}/admin/programmer/indlaes`);
  await page.getByLabel('Filens indhold (JSON)').fill(JSON.stringify(file));
  await submit(page, page.getByRole('button', { name: 'Indlæs programmet' }));
  t.match(
    await page.locator('.alert-error').textContent(),
    'Programmet no-familievern-barnevern er allerede indlæst. Intet er ændret',
  );

  await page.getByLabel('Filens indhold (JSON)').fill('{ "format": ');
  await submit(page, page.getByRole('button', { name: 'Indlæs programmet' }));
  t.match(await page.locator('.alert-error').textContent(), 'Indholdet er ikke gyldig JSON.');
});
