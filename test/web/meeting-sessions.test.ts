import { simpleParser } from 'mailparser';
import t from 'tap';
import { bornholmContacts, planTestYear } from '../helpers/scenarios.ts';
import { logIn, screenshot, startBrowserTest } from './browser.ts';

t.test('sessions on the meeting page, and choosing one on the answer page', async (t) => {
  const b = await startBrowserTest(t, { PUBLIC_URL: 'http://samraad.test' });
  const { page, base, app } = b;
  bornholmContacts(app.db);
  const bornholm = planTestYear(app.db, 2027).meetings.find((m) => m.area.name === 'Bornholms Politi')!;
  await logIn(b, 'facilitator', `/moeder/${bornholm.id}`);
  t.ok(await page.getByRole('heading', { name: 'Økter', level: 2 }).isVisible());

  const addSession = async (start: string, end: string, capacity: string) => {
    await page.getByText('Tilføj økt', { exact: true }).first().click();
    await page.locator('#new-date').fill(bornholm.localDate);
    await page.locator('#new-startTime').fill(start);
    await page.locator('#new-endTime').fill(end);
    await page.locator('#new-capacity').fill(capacity);
    await page.getByRole('button', { name: 'Tilføj økt' }).click();
  };
  await addSession('12:00', '09:00', '10');
  await page.getByText('Økten skal slutte efter, at den begynder.').waitFor();
  t.pass('an end before the start is refused in Danish');
  await addSession('09:00', '11:00', '1');
  await page.waitForURL(/besked=oekt/);
  await addSession('12:00', '14:00', '10');
  t.equal(await page.locator('#sessions tbody tr').count(), 2, 'both sessions are listed');

  await page.getByRole('button', { name: /Send invitationer/ }).click();
  await page.waitForURL(/besked=sendt/);
  // the message's raw text is written when it is sent: wait for the page's progress to say all are
  await page.getByText(/(\d+) af \1 e-mails sendt/).waitFor();
  const { raw } = app.db.$client
    .prepare("SELECT raw FROM outbox_message WHERE to_address = 'birgit@brk.dk' AND kind = 'invitation'")
    .get() as { raw: string };
  const mail = await simpleParser(raw);
  const link = /http:\/\/samraad\.test(\/rsvp\/[A-Za-z0-9_-]+\?session=\d+)/.exec(mail.text ?? '');
  t.ok(link, 'the invitation links each session');

  // the invitee follows the first session's link: it is marked, and one click chooses it
  await page.goto(`${base}${link![1]}`);
  t.ok(await page.getByLabel(/09\.00–11\.00/).isChecked(), 'the linked session is preselected');
  await page.getByRole('button', { name: 'Vælg økt' }).click();
  await page.getByText(/Dit valg er gemt\. Du har plads på økten/).waitFor();
  t.ok(await page.getByLabel(/09\.00–11\.00/).isChecked(), 'the page marks the session held');
  t.match(await page.locator('main').textContent(), 'Fuld (1 plads)', 'the session is now full');
  await screenshot(page, 'rsvp-session-chosen');

  await page.goto(`${base}/moeder/${bornholm.id}`);
  const first = await page.locator('#sessions tbody tr').first().textContent();
  t.match(first, /09:00–11:00[\s\S]*1\s*1\s*0/, 'the meeting page counts the participant in that session');
  t.same(b.dialogs, []);
});
