import t from 'tap';
import { logIn, screenshot, startBrowserTest } from './browser.ts';

t.test('the year overview lists every district and marks what needs attention', async (t) => {
  const b = await startBrowserTest(t);
  const { page, base } = b;
  await logIn(b, 'facilitator', '/');
  t.match(new URL(page.url()).pathname, /^\/aar\/\d{4}$/, 'the front page is this year’s overview');
  await page.goto(`${base}/aar/2027`);
  const rows = page.locator('#overview tbody tr');
  t.equal(await rows.count(), 12, 'all 12 police districts');
  t.match(await rows.first().textContent(), /Ikke planlagt/);
  t.ok(
    await page.getByText('Intet møde planlagt').first().isVisible(),
    'a district without a meeting is marked',
  );

  const firstAscending = await rows.first().locator('th').textContent();
  await page.getByRole('link', { name: /^Politikreds/ }).click();
  await page.waitForURL(/dir=desc/);
  t.equal(await rows.last().locator('th').textContent(), firstAscending, 'sorting again reverses the order');
  t.equal(await page.locator('th[aria-sort=descending]').count(), 1, 'the sorted column is announced');
  await screenshot(page, 'overview');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/aar/2027`);
  t.ok(
    await page.getByRole('button', { name: 'Menu' }).isVisible(),
    'on a phone the menu folds into a button',
  );
  await page.getByRole('button', { name: 'Menu' }).click();
  t.ok(await page.locator('.mobile-drawer').getByRole('link', { name: 'Personer' }).isVisible(), 'and opens');
  await screenshot(page, 'overview-phone');

  await page.keyboard.press('Escape');
  await page.goto(`${base}/aar/2027`);
  await page.keyboard.press('Tab');
  t.equal(
    await page.evaluate(() => document.activeElement?.textContent),
    'Gå til sidens indhold',
    'the skip link comes first',
  );
});
