import t from 'tap';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';
import { outboxOf } from '../helpers/mail.ts';
import { logIn, screenshot, startBrowserTest } from './browser.ts';

t.test('the meeting page sends the evaluation; five answer in the browser; the results show', async (t) => {
  const b = await startBrowserTest(t, { MAIL_SENDER: 'off', PUBLIC_URL: 'http://samraad.test' });
  const { page, base, app } = b;
  const startsAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
  const year = new Date(startsAt).getUTCFullYear();
  const { meetingId } = insertMeeting(app.db, {
    startsAt,
    status: 'held',
    title: 'Politikredsmøde Bornholm',
  });
  for (let i = 1; i <= 5; i++)
    insertInvitee(app.db, meetingId, {
      name: `Deltager ${i}`,
      email: `d${i}@brk.test`,
      orgKind: 'municipality',
      orgCode: '400',
      response: 'accepted',
    });

  await logIn(b, 'facilitator', `/moeder/${meetingId}`);
  await page.getByRole('button', { name: 'Send evaluering til deltagerne' }).click();
  await page.waitForURL(/besked=evaluering/);
  await page.getByText('Evalueringen er sendt til deltagerne.').waitFor();
  t.ok(await page.getByText('0 af 5 har svaret').isVisible(), 'the response rate, nobody yet');

  const links = outboxOf(app.db, 'evaluation').map(
    (m) => /http:\/\/samraad\.test(\/evaluering\/eval_[A-Za-z0-9_-]+)/.exec(m.content.text)![1]!,
  );
  t.equal(links.length, 5);
  for (const [i, link] of links.entries()) {
    await page.goto(`${base}${link}`);
    await page
      .getByRole('group', { name: 'Mødets udbytte' })
      .getByLabel(String(3 + (i % 3)))
      .check();
    await page.getByRole('group', { name: 'Relevans for mit arbejde' }).getByLabel('5').check();
    if (i === 0) await page.getByLabel('Hvad kan gøres bedre?').fill('Mere tid til spørgsmål');
    await page.getByRole('button', { name: 'Send svar' }).click();
    await page.getByText('Tak for dit svar. Det er gemt anonymt.').waitFor();
  }
  await page.goto(`${base}${links[0]}`);
  t.ok(
    await page.getByText('Du har allerede besvaret denne evaluering').isVisible(),
    'a second visit cannot answer again',
  );
  t.equal(await page.getByRole('button', { name: 'Send svar' }).count(), 0);

  await page.goto(`${base}/moeder/${meetingId}#evaluering`);
  t.ok(await page.getByText('5 af 5 har svaret (100 %)').isVisible());
  const row = page.locator('section:has(#evaluering) tr', { hasText: 'Mødets udbytte' });
  t.match(await row.textContent(), /3,8/, 'the mean of 3, 4, 5, 3 and 4, in Danish');
  t.ok(await page.getByText('Mere tid til spørgsmål').isVisible(), 'the free text');

  await page
    .getByRole('textbox', { name: /^Erfaringer/ })
    .fill('Fælles oplæg fra politi og kommune virkede godt.');
  await page.getByRole('button', { name: 'Gem erfaringer' }).click();
  await page.getByText('Erfaringerne er gemt.').waitFor();
  t.equal(
    await page.getByRole('textbox', { name: /^Erfaringer/ }).inputValue(),
    'Fælles oplæg fra politi og kommune virkede godt.',
  );

  await page.goto(`${base}/evalueringer?aar=${year}`);
  const bornholm = page.locator('#evalueringer tr', { hasText: 'Bornholms Politi' });
  t.match(await bornholm.textContent(), /5 af 5 har svaret/);
  await screenshot(page, 'evaluations');
});
