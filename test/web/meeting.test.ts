import { simpleParser } from 'mailparser';
import t from 'tap';
import { bornholmContacts, planTestYear } from '../helpers/scenarios.ts';
import { logIn, screenshot, startBrowserTest } from './browser.ts';

t.test('the meeting page: audience with coverage, sending with progress', async (t) => {
  const b = await startBrowserTest(t, { MAIL_SEND_INTERVAL_MS: '200', PUBLIC_URL: 'http://samraad.test' });
  const { page, base, app } = b;
  bornholmContacts(app.db);
  const cycle = planTestYear(app.db, 2027);
  const bornholm = cycle.meetings.find((m) => m.area.name === 'Bornholms Politi')!;
  const fyn = cycle.meetings.find((m) => m.area.name === 'Fyns Politi')!;

  await logIn(b, 'viewer', `/moeder/${bornholm.id}`);
  t.equal(await page.getByRole('button', { name: /Send invitationer/ }).count(), 0, 'a viewer cannot send');
  await page.goto(`${base}/moeder/${fyn.id}`);
  t.ok(await page.getByText('Ikke alle er dækket').isVisible(), 'a district without contacts is flagged');
  t.ok(
    await page
      .getByText(/Ingen fra .* er inviteret/)
      .first()
      .isVisible(),
    'naming who is missing',
  );
  await page.getByRole('button', { name: 'Log af' }).first().click();

  await logIn(b, 'facilitator', `/moeder/${bornholm.id}`);
  t.match(await page.getByRole('heading', { level: 1 }).textContent(), 'Bornholms Politi');
  await page.getByText('Vis deltagerkredsen').click();
  t.equal(await page.locator('#audience tbody tr').count(), 4, 'the audience is the four contacts');
  await page.getByRole('button', { name: 'Send invitationer (4)' }).click();
  await page.waitForURL(/besked=sendt/);
  await page.getByText('4 af 4 e-mails sendt').waitFor();
  t.pass('the progress follows the outbox until all four are sent');
  t.equal(
    await page.getByRole('button', { name: /Send invitationer/ }).count(),
    0,
    'nobody is left to invite',
  );
  t.same(
    app.db.$client
      .prepare("SELECT count(*) AS n FROM outbox_message WHERE status = 'sent' AND meeting_id = ?")
      .get(bornholm.id),
    { n: 4 },
  );
  await screenshot(page, 'meeting-sent');

  const json = await page.evaluate(
    async (url) => (await fetch(url)).json(),
    `${base}/moeder/${bornholm.id}/udsendelse`,
  );
  t.same(json, { total: 4, sent: 4, failed: 0, pending: 0 }, 'the progress feed the page polls');

  // an invitee answers from the link in the captured email; the meeting page shows it per person and organisation
  const { raw } = app.db.$client
    .prepare("SELECT raw FROM outbox_message WHERE to_address = 'birgit@brk.dk' AND kind = 'invitation'")
    .get() as { raw: string };
  const mail = await simpleParser(raw);
  const link = /http:\/\/samraad\.test(\/rsvp\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '');
  t.ok(link, 'the captured email carries the answer link');
  await page.goto(`${base}${link![1]}`);
  await page.getByLabel('Deltager', { exact: true }).check();
  await page.getByRole('button', { name: 'Send svar' }).click();
  await page.getByText('Dit svar: Deltager.').waitFor();
  await page.goto(`${base}/moeder/${bornholm.id}`);
  t.match(await page.locator('#answers tbody tr', { hasText: 'Birgit Kofoed' }).textContent(), 'Deltager');
  t.match(await page.getByText(/^1 deltager, 0 deltager ikke/).textContent(), '3 har ikke svaret');
  const bornholmRow = await page
    .locator('#answers-by-organisation tbody tr')
    .filter({ has: page.getByRole('rowheader', { name: 'Bornholm', exact: true }) })
    .textContent();
  t.match(bornholmRow, /Bornholm\s*2\s*1\s*0/, 'Bornholm: two invited, one coming, none declined');
  await screenshot(page, 'meeting-answers');
  t.same(b.dialogs, []);
});
