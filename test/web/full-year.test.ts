import { simpleParser } from 'mailparser';
import { PDFParse } from 'pdf-parse';
import t from 'tap';
import { bornholmContacts } from '../helpers/scenarios.ts';
import { logIn, screenshot, startBrowserTest } from './browser.ts';

t.test('a facilitator walks a district through the year in the browser', async (t) => {
  const b = await startBrowserTest(t, { PUBLIC_URL: 'http://samraad.test', MAIL_SEND_INTERVAL_MS: '200' });
  const { page, base, app } = b;
  bornholmContacts(app.db);

  // log in and plan 2027
  await logIn(b, 'facilitator', '/planlaeg');
  await page.getByLabel('År').fill('2027');
  await page.getByRole('button', { name: 'Vis forslag' }).click();
  await page.getByRole('button', { name: 'Gem planen for 2027' }).click();
  await page.waitForURL(`${base}/aar/2027?besked=planlagt`);

  // open Bornholm's meeting and send its invitations
  await page
    .getByRole('row', { name: /Bornholms Politi/ })
    .getByRole('link', { name: /2027/ })
    .click();
  await page.waitForURL(/\/moeder\/\d+$/);
  const meetingUrl = page.url();
  await page.getByRole('button', { name: 'Send invitationer (4)' }).click();
  await page.waitForURL(/besked=sendt/);
  await page.getByText('4 af 4 e-mails sendt').waitFor();
  t.pass('the progress follows the outbox until every invitation is sent');
  await screenshot(page, 'meeting-invited');

  // the captured email to Birgit holds her answer link
  const row = app.db.$client
    .prepare("SELECT raw FROM outbox_message WHERE to_address = 'birgit@brk.dk' AND kind = 'invitation'")
    .get() as { raw: string };
  const mail = await simpleParser(row.raw);
  t.match(mail.subject, 'Bornholm');
  const link = /http:\/\/samraad\.test(\/rsvp\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '');
  t.ok(link, 'the email carries the answer link');
  await page.goto(`${base}${link![1]}`);
  await page.getByLabel('Deltager', { exact: true }).check();
  await page.getByRole('button', { name: 'Send svar' }).click();
  await page.getByText('Dit svar: Deltager.').waitFor();
  await screenshot(page, 'rsvp');

  // the answer shows on the meeting page
  await page.goto(meetingUrl);
  t.match(
    await page.locator('#answers tbody tr', { hasText: 'Birgit Kofoed' }).textContent(),
    'Deltager',
    'the answer is on the meeting page',
  );
  t.match(
    await page
      .locator('#answers-by-organisation tbody tr')
      .filter({ has: page.getByRole('rowheader', { name: 'Bornholm', exact: true }) })
      .textContent(),
    /Bornholm\s*2\s*1/,
    'and counted for her municipality',
  );

  // the agenda starts as a draft from the theme catalogue; a point is added on the spot
  const drafted = await page.locator('#agenda li').count();
  t.ok(drafted > 0, 'the planned meeting has a draft agenda');
  await page.getByLabel('Nyt punkt').fill('Ventetider på videoafhøring');
  await page.getByLabel('Oplæg ved').fill('Lene Holm');
  await page.getByRole('button', { name: 'Tilføj punkt' }).click();
  await page.waitForURL(/besked=dagsorden/);
  t.equal(await page.locator('#agenda li').count(), drafted + 1);
  t.match(await page.locator('#agenda li').last().textContent(), 'Ventetider på videoafhøring');

  // attendance: pre-filled from the acceptances, confirmed with one more
  t.ok(await page.getByLabel('Birgit Kofoed, Bornholm').isChecked(), 'who accepted is ticked');
  await page.getByLabel('Hans Munch, Bornholms Politi').check();
  await page.getByRole('button', { name: 'Gem fremmøde' }).click();
  await page.waitForURL(/besked=fremmoede/);
  t.match(await page.locator('#fremmoede').locator('..').textContent(), /Bekræftet: 2 personer/);

  // record a barrier and an agreement that addresses it
  await page.getByLabel('Slags barriere').selectOption({ index: 1 });
  await page.getByLabel('Beskrivelse').fill('Lang ventetid på videoafhøring');
  await page.getByRole('button', { name: 'Registrér barriere' }).click();
  await page.waitForURL(/besked=barriere/);
  await page.getByLabel('Aftalens titel').fill('Fast kontakt om videoafhøringer');
  await page.getByLabel('Slags aftale').selectOption({ index: 1 });
  await page.getByRole('checkbox', { name: /Lang ventetid på videoafhøring/ }).check();
  await page.getByRole('button', { name: 'Registrér aftale' }).click();
  await page.waitForURL(/besked=aftale/);
  t.match(
    await page.locator('#agreements').textContent(),
    /Fast kontakt om videoafhøringer.*løser 1 barriere/s,
  );
  const link2 = app.db.$client.prepare('SELECT count(*) AS n FROM agreement_barrier').get();
  t.same(link2, { n: 1 }, 'the agreement is linked to the barrier');
  const barrierItem = page.locator('#barriers li', { hasText: 'Lang ventetid på videoafhøring' });
  await barrierItem.getByText('Skift status').click();
  await barrierItem.getByLabel('Ny status').selectOption({ label: 'Under behandling' });
  await barrierItem.getByLabel('Hvorfor').fill('Aftalen om fast kontakt er indgået');
  await barrierItem.getByRole('button', { name: 'Gem status' }).click();
  await page.waitForURL(/besked=barrierestatus/);
  t.match(
    await page.locator('#barriers').textContent(),
    'Under behandling',
    'the barrier moved on, with its reason',
  );
  await screenshot(page, 'meeting-outcomes');

  // download the PDF report
  await page.goto(`${base}/rapporter`);
  await page.getByLabel('År').fill('2027');
  await page.getByLabel('Politikreds').selectOption({ label: 'Bornholms Politi' });
  await page.getByLabel('Format').selectOption('pdf');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Hent rapport' }).click(),
  ]);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const pdf = new PDFParse({ data: readFileSync(path) });
  const text = (await pdf.getText()).text;
  t.match(text, 'Fast kontakt om videoafhøringer', 'the PDF report holds the agreement');
  t.same(b.dialogs, []);
});
