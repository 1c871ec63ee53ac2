import t from 'tap';
import { commandLineActor } from '../../server/accounts/accounts.ts';
import { createAgreement } from '../../server/outcomes/agreements.ts';
import { planTestYear } from '../helpers/scenarios.ts';
import { logIn, screenshot, startBrowserTest } from './browser.ts';

t.test('reports page: a CSV download, and the overview counts agreements due for review', async (t) => {
  const b = await startBrowserTest(t, { MAIL_SENDER: 'off' });
  const { page, base, app } = b;
  planTestYear(app.db, 2027);
  const soon = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  createAgreement(app.db, commandLineActor, {
    districtCode: '1470',
    type: 'samarbejdsaftale',
    title: 'Samarbejde om <akutte> sager; "hurtigt"',
    text: '',
    allMunicipalities: true,
    status: 'in_force',
    reviewOn: soon,
  });
  const district = app.db.$client
    .prepare("SELECT name FROM organisation WHERE kind = 'police_district' AND code = '1470'")
    .get() as { name: string };

  await logIn(b, 'viewer', '/aar/2027');
  const row = page.getByRole('row', { name: new RegExp(district.name) });
  t.match(await row.textContent(), '1 aftale skal tages op', 'an agreement due for review is marked');
  t.equal(
    await page.locator('th', { hasText: 'Aftaler i kraft' }).count(),
    1,
    'with the outcome columns shown',
  );

  await page.goto(`${base}/kredse/1470`);
  t.match(
    await page.locator('#district-agreements').textContent(),
    'Samarbejde om <akutte> sager; "hurtigt"',
  );

  await page.goto(`${base}/rapporter`);
  await screenshot(page, 'reports');
  await page.getByLabel('År').fill('2027');
  await page.getByLabel('Politikreds').selectOption({ label: district.name });
  await page.getByLabel('Format').selectOption('csv');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Hent rapport' }).click(),
  ]);
  t.match(download.suggestedFilename(), /\.csv$/);
  const { readFileSync } = await import('node:fs');
  const csv = readFileSync(await download.path()).toString('utf8');
  t.match(csv, 'Samarbejde om <akutte> sager', 'the CSV holds the agreement');

  const bad = await page.goto(`${base}/rapporter/hent?kind=aftaler&year=1800&format=pdf`);
  t.equal(bad?.status(), 400, 'a year out of range is refused with a page');
  t.same(b.dialogs, []);
});
