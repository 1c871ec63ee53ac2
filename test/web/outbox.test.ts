import t from 'tap';
import { enqueueMail } from '../../server/mail/outbox.ts';
import { insertMeeting } from '../helpers/factories.ts';
import { logIn, screenshot, startBrowserTest } from './browser.ts';

t.test('the outbox page shows messages, their raw source, and retries a failed one', async (t) => {
  // the sender is off, so the states set here stay as they are
  const b = await startBrowserTest(t, { MAIL_SENDER: 'off' });
  const { page, base, app } = b;
  // invitations of a Danish meeting: the Danish programme's facilitator sees them
  const { meetingId } = insertMeeting(app.db);
  const sent = enqueueMail(app.db, {
    kind: 'invitation',
    meetingId,
    to: { address: 'anne@aarhus.dk', name: 'Anne <Jensen>' },
    subject: 'Invitation: Politikredsmøde i Østjyllands Politi',
    text: 'Kære Anne\n\nDu inviteres til politikredsmødet.',
  });
  app.db.$client
    .prepare("UPDATE outbox_message SET status = 'sent', sent_at = ?, attempts = 1 WHERE id = ?")
    .run(new Date().toISOString(), sent.id);
  const failed = enqueueMail(app.db, {
    kind: 'invitation',
    meetingId,
    to: { address: 'bo@odense.dk' },
    subject: 'Invitation: Politikredsmøde i Fyns Politi',
    text: 'Kære Bo',
  });
  app.db.$client
    .prepare(
      "UPDATE outbox_message SET status = 'failed', attempts = 5, last_error = '550 mailbox unavailable' WHERE id = ?",
    )
    .run(failed.id);

  await logIn(b, 'facilitator', '/udbakke');
  const rows = page.locator('#outbox tbody tr');
  t.equal(await rows.count(), 2, 'both messages are listed');
  t.match(
    await rows.nth(0).textContent(),
    /bo@odense\.dk.*Fejlet.*550 mailbox unavailable/s,
    'newest first, with the error',
  );
  t.match(await rows.nth(1).textContent(), /Anne <Jensen>.*Sendt/s);
  await screenshot(page, 'outbox');

  await page.getByRole('link', { name: 'Invitation: Politikredsmøde i Østjyllands Politi' }).click();
  const raw = await page.locator('#message-raw').textContent();
  t.match(raw, /^To: .*anne@aarhus\.dk/m, 'the raw source is shown');
  t.match(raw, /^Message-ID: <.+>/m);
  t.match(await page.locator('#message-text').textContent(), 'Du inviteres til politikredsmødet.');

  await page.goto(`${base}/udbakke?status=failed`);
  t.equal(await rows.count(), 1, 'filtering by status');
  await page.getByRole('button', { name: 'Send igen til bo@odense.dk' }).click();
  await page.waitForURL(`${base}/udbakke?besked=igen`);
  t.ok(await page.getByText('E-mailen er sat i kø igen.').isVisible());
  t.match(
    app.db.$client.prepare('SELECT status, last_error FROM outbox_message WHERE id = ?').get(failed.id),
    { status: 'queued' },
    'the failed message is queued again',
  );
  t.match(
    app.db.$client.prepare("SELECT action, entity FROM audit_entry WHERE entity = 'outbox_message'").get(),
    { action: 'send' },
    'and the retry is audited',
  );
  t.same(b.dialogs, []);
});
