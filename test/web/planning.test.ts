import t from 'tap';
import { logIn, screenshot, startBrowserTest } from './browser.ts';

t.test(
  'plan a year in the browser: preview with reasons, save, move and cancel single meetings',
  async (t) => {
    const b = await startBrowserTest(t);
    const { page, base } = b;
    await logIn(b, 'facilitator', '/planlaeg');
    await page.getByLabel('År').fill('2027');
    // exact: 'Onsdag' is also in the label 'Mandag–onsdag før påske'
    for (const day of ['Tirsdag', 'Onsdag', 'Torsdag']) await page.getByLabel(day, { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Vis forslag' }).click();
    t.ok(
      await page.getByText('Vælg mindst én ugedag').first().isVisible(),
      'no weekday is refused in Danish',
    );
    t.same(b.app.db.$client.prepare('SELECT count(*) AS n FROM cycle').get(), { n: 0 });

    await page.getByLabel('Tirsdag').check();
    await page.getByLabel('Torsdag').check();
    // the Danish programme keeps Grundlovsdag and the days before Easter free; one is lifted here
    t.ok(await page.getByLabel('Grundlovsdag (5. juni)').isChecked(), 'Grundlovsdag is kept free by default');
    t.ok(await page.getByLabel('Mandag–onsdag før påske').isChecked());
    await page.getByLabel('Mandag–onsdag før påske').uncheck();
    await page.getByRole('button', { name: 'Vis forslag' }).click();
    t.ok(
      await page.getByText('Ikke Grundlovsdag.').first().isVisible(),
      "the plan's rules name Grundlovsdag",
    );
    t.equal(await page.getByText('Ikke dagene før påske.').count(), 0, 'the lifted days are not kept free');
    const rows = page.locator('#plan-preview tbody tr');
    t.equal(await rows.count(), 12, 'one proposed meeting per police district');
    for (let i = 0; i < 12; i++) {
      const reason = await rows.nth(i).locator('td').last().textContent();
      t.ok(reason && reason.trim().length > 10, `meeting ${i + 1} comes with its reason`);
    }
    t.same(
      b.app.db.$client.prepare('SELECT count(*) AS n FROM meeting').get(),
      { n: 0 },
      'the preview saves nothing',
    );
    await screenshot(page, 'plan-preview');

    await page.getByRole('button', { name: 'Gem planen for 2027' }).click();
    await page.waitForURL(`${base}/aar/2027?besked=planlagt`);
    t.ok(await page.getByText('2027 er planlagt').isVisible());
    t.same(b.app.db.$client.prepare('SELECT count(*) AS n FROM meeting').get(), { n: 12 });
    t.same(
      JSON.parse(
        (b.app.db.$client.prepare('SELECT settings FROM cycle').get() as { settings: string }).settings,
      ).blackoutDays,
      ['constitution_day'],
      'the saved plan keeps only Grundlovsdag free',
    );
    const weekdays = (
      b.app.db.$client.prepare('SELECT starts_at AS s FROM meeting').all() as { s: string }[]
    ).map((r) => new Date(r.s).getUTCDay());
    t.ok(
      weekdays.every((d) => d === 2 || d === 4),
      'every meeting is on a Tuesday or Thursday',
    );

    await page
      .getByRole('row', { name: /Fyns Politi/ })
      .getByRole('link', { name: /2027/ })
      .click();
    await page.waitForURL(/\/moeder\/\d+$/);
    t.match(await page.getByRole('heading', { level: 1 }).textContent(), 'Fyns Politi');
    await screenshot(page, 'meeting');

    // a Saturday breaks the weekday rule: the page says so, and saves only when told to
    await page.getByLabel('Ny dato').fill('2027-09-18');
    await page.getByRole('button', { name: 'Gem ændringerne' }).click();
    t.ok(
      await page.getByText('Flytningen bryder planlægningsreglerne').isVisible(),
      'the rules’ warnings are shown',
    );
    const before = b.app.db.$client
      .prepare("SELECT starts_at AS s FROM meeting WHERE title LIKE '%Fyns%'")
      .get();
    await page.getByLabel('Ny dato').fill('2027-09-18');
    await page.getByLabel('Flyt alligevel').check();
    await page.getByRole('button', { name: 'Gem ændringerne' }).click();
    await page.waitForURL(/besked=flyttet/);
    const after = b.app.db.$client
      .prepare("SELECT starts_at AS s, warnings FROM meeting WHERE title LIKE '%Fyns%'")
      .get() as {
      s: string;
      warnings: string;
    };
    t.not(after.s, (before as { s: string }).s, 'moved when forced');
    t.match(after.s, '2027-09-18');
    t.ok(
      await page.getByText('Advarsler', { exact: true }).isVisible(),
      'the warning stays with the meeting',
    );

    await page.getByLabel('Højst antal deltagere').fill('12');
    await page.getByRole('button', { name: 'Gem ændringerne' }).click();
    await page.waitForURL(/besked=flyttet/);
    t.equal(await page.getByLabel('Højst antal deltagere').inputValue(), '12', 'the capacity is saved');

    await page.getByRole('button', { name: 'Aflys mødet' }).click();
    t.ok(await page.getByText('Mødet blev ikke aflyst').isVisible(), 'a cancellation needs a reason');
    await page
      .getByLabel('Hvorfor aflyses mødet?')
      .fill('Politikredsen holder møde sammen med Sydøstjylland');
    await page.getByRole('button', { name: 'Aflys mødet' }).click();
    await page.waitForURL(/besked=aflyst/);
    t.match(await page.locator('dl').first().textContent(), 'Aflyst');

    await page.goto(`${base}/planlaeg`);
    t.equal(await page.getByLabel('År').inputValue(), '2028', 'the next free year is proposed');
    t.same(b.dialogs, []);
  },
);
