import t from 'tap';
import { areaOfDistrict } from '../helpers/factories.ts';
import { logIn, startBrowserTest } from './browser.ts';

t.test('a facilitator creates an extra meeting from the district page, past a broken rule', async (t) => {
  const b = await startBrowserTest(t, { MAIL_SENDER: 'off' });
  const { page, app } = b;
  const area = areaOfDistrict(app.db, '1471');
  await logIn(b, 'facilitator', '/kredse/1471');

  await page.getByRole('link', { name: 'Opret et ekstramøde for området' }).click();
  await page.waitForURL(/\/moeder\/nyt\?omraade=\d+$/);
  t.equal(await page.getByLabel('Område').inputValue(), String(area.id), 'the district is chosen');

  // nothing chosen: a Danish sentence, nothing saved
  await page.getByLabel('Område').selectOption('');
  await page.getByRole('button', { name: 'Opret mødet' }).click();
  t.ok(await page.getByText('Vælg et område.').isVisible(), 'says what to correct');
  t.same(app.db.$client.prepare('SELECT count(*) AS n FROM meeting').get(), { n: 0 });

  await page.getByLabel('Område').selectOption(String(area.id));
  await page.getByLabel('Dato').fill('2027-09-17');
  await page.getByRole('button', { name: 'Opret mødet' }).click();
  t.ok(
    await page.getByText('møderne holdes kun tirsdag, onsdag og torsdag', { exact: false }).isVisible(),
    'a Friday breaks the weekday rule, said in Danish',
  );
  t.equal(await page.getByLabel('Dato').inputValue(), '2027-09-17', 'what the user typed is kept');
  t.same(app.db.$client.prepare('SELECT count(*) AS n FROM meeting').get(), { n: 0 }, 'nothing saved');

  await page.getByLabel('Opret alligevel').check();
  await page.getByRole('button', { name: 'Opret mødet' }).click();
  await page.waitForURL(/\/moeder\/\d+\?besked=oprettet$/);
  t.ok(await page.getByText('Ekstramødet er oprettet.', { exact: false }).isVisible());
  t.ok(
    await page
      .getByRole('heading', { name: /Politikredsmøde 2027 – Bornholms Politi \(ekstramøde\)/ })
      .isVisible(),
  );
  t.ok(
    await page.getByText(/Ekstramøde oprettet af facilitator@test\.example/).isVisible(),
    'why it is there',
  );
});

t.test('a viewer cannot create an extra meeting', async (t) => {
  const b = await startBrowserTest(t);
  await logIn(b, 'viewer', '/kredse/1471');
  t.equal(await b.page.getByRole('link', { name: 'Opret et ekstramøde for området' }).count(), 0, 'no link');
  const res = await b.page.goto(`${b.base}/moeder/nyt`);
  t.equal(res?.status(), 403);
});
