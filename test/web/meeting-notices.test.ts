import type { Locator, Page } from 'playwright-core';
import t from 'tap';
import { planTestYear } from '../helpers/scenarios.ts';
import { logIn, startBrowserTest } from './browser.ts';

/** Whether the whole element is inside the window the user sees, as the page landed. */
async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const height = await page.evaluate(() => window.innerHeight);
  // the browser scrolls a heading to the top edge, give or take a fraction of a pixel
  return box !== null && box.y >= -1 && box.y + box.height <= height + 1;
}

t.test(
  'after a save, its message is where the page lands, under the heading of what was saved',
  async (t) => {
    const b = await startBrowserTest(t, { MAIL_SENDER: 'off' });
    const { page, app } = b;
    const cycle = planTestYear(app.db, 2027);
    const bornholm = cycle.meetings.find((m) => m.area.name === 'Bornholms Politi')!;
    await logIn(b, 'facilitator', `/moeder/${bornholm.id}`);

    await page.getByLabel('Slags barriere').selectOption({ index: 1 });
    await page.getByLabel('Beskrivelse').fill('Lang ventetid på videoafhøring');
    await page.getByRole('button', { name: 'Registrér barriere' }).click();
    await page.waitForURL(/besked=barriere#barrierer$/);
    const barrierSaved = page.getByText('Barrieren er registreret.');
    t.equal(await barrierSaved.count(), 1, 'the message is shown once');
    t.ok(await inViewport(page, barrierSaved), 'the barrier message is in view');
    t.equal(
      await page
        .locator('section[aria-labelledby="barrierer"]')
        .getByText('Barrieren er registreret.')
        .count(),
      1,
      'inside the barriers section',
    );

    await page.getByLabel('Aftalens titel').fill('Fast kontakt om videoafhøringer');
    await page.getByLabel('Slags aftale').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Registrér aftale' }).click();
    await page.waitForURL(/besked=aftale#aftaler$/);
    const agreementSaved = page.getByText('Aftalen er registreret.');
    t.equal(await agreementSaved.count(), 1, 'the message is shown once');
    t.ok(await inViewport(page, agreementSaved), 'the agreement message is in view');
    t.ok(await inViewport(page, page.locator('#aftaler')), 'with the heading it belongs to');
    t.equal(
      await page.locator('section[aria-labelledby="aftaler"]').getByText('Aftalen er registreret.').count(),
      1,
      'inside the agreements section',
    );
    t.equal(await page.locator('main .alert-success').count(), 1, 'and not also at the top of the page');
  },
);
