import t from 'tap';
import { bornholmWithDateContacts, dateTokenIn, freeDate } from '../helpers/dates.ts';
import { calendarOf, mailsTo, startSmtp } from '../helpers/mail.ts';
import { planTestYear } from '../helpers/scenarios.ts';
import { logIn, screenshot, startBrowserTest } from './browser.ts';

t.test(
  'in the browser: propose the dates, a contact counters, the facilitator accepts, the date is confirmed and saved in calendars',
  async (t) => {
    const smtp = await startSmtp(t);
    const b = await startBrowserTest(t, { SMTP_URL: smtp.url, MAIL_FROM: 'Samråd <noreply@samraad.test>' });
    const { app, as, page } = b;
    const { municipality } = bornholmWithDateContacts(app.db);
    const cycle = planTestYear(app.db, 2027);
    const bornholm = cycle.meetings.find((m) => m.area.name === 'Bornholms Politi')!;
    await app.inject({
      method: 'PATCH',
      url: `/api/meetings/${bornholm.id}`,
      headers: as.facilitator,
      payload: { version: bornholm.version, hostOrganisationId: municipality.id },
    });

    await logIn(b, 'facilitator', '/aar/2027');
    await page.getByRole('link', { name: 'Datoaftaler' }).click();
    await page.getByRole('button', { name: 'Send datoforslag for alle planlagte møder' }).click();
    await page.waitForURL(/\/aar\/2027\/datoer\?sendt=1/);
    t.ok(
      await page.getByText('Datoforslag er sendt for 1 møde.').isVisible(),
      'the page says what was sent and what lacks a contact',
    );
    t.match(
      await page.locator('#date-agreements').textContent(),
      /Bornholms Politi\s+\S+.*\s+Foreslået – afventer svar\s+0 af 2 har bekræftet/,
    );

    await smtp.waitFor(2);
    const [toMette] = mailsTo(smtp.received, 'mette@kommune.test', /^Datoforslag/);
    const contact = await (await b.browser.newContext({ locale: 'da-DK' })).newPage();
    await contact.goto(`${b.base}/datoforslag/${dateTokenIn(toMette!.parsed.text)}`);
    t.ok(await contact.getByText('Du svarer som fast kontaktperson for Bornholm.').isVisible());
    await contact.getByLabel('Dato', { exact: true }).fill('2027-07-07');
    await contact.getByRole('button', { name: 'Send forslag' }).click();
    await contact.getByText('Datoen kan ikke bruges').waitFor();
    t.ok(
      await contact.getByText(/ligger i juli, som er friholdt/).isVisible(),
      'the rule is named in Danish',
    );
    const otherDate = freeDate(cycle.meetings);
    await contact.getByLabel('Dato', { exact: true }).fill(otherDate);
    await contact.getByLabel('Bemærkning (valgfri)').fill('Byrådsmøde den planlagte dag');
    await contact.getByRole('button', { name: 'Send forslag' }).click();
    await contact.getByText(/Tak\. Dit forslag/).waitFor();
    await screenshot(contact, 'date-proposal-countered');

    await page.goto(`${b.base}/moeder/${bornholm.id}`);
    t.ok(
      await page.getByText('Mette Kommunekontakt (Bornholm) foreslår en anden dato').isVisible(),
      'the facilitator sees the counter-proposal',
    );
    await page.getByRole('button', { name: 'Godkend og flyt mødet' }).click();
    await page.waitForURL(/besked=modforslag#datoaftale$/);
    t.ok(await page.getByText('Modforslaget er godkendt').isVisible());
    t.equal(
      (await app.inject({ url: `/api/meetings/${bornholm.id}`, headers: as.viewer })).json().localDate,
      otherDate,
      'the meeting moved',
    );

    await smtp.waitFor(4);
    const [, again] = mailsTo(smtp.received, 'karl@politi.test', /^Datoforslag/);
    await contact.goto(`${b.base}/datoforslag/${dateTokenIn(again!.parsed.text)}`);
    await contact.getByRole('button', { name: 'Bekræft datoen' }).click();
    await contact.getByText('Tak. Du har bekræftet datoen.').waitFor();
    t.ok(await contact.getByText('Datoen er aftalt med alle parter.').isVisible(), 'both sides agreed');

    await page.goto(`${b.base}/moeder/${bornholm.id}`);
    t.match(String(await page.locator('#date-status').textContent()), /Bekræftet/);
    const before = smtp.received.length;
    await page.getByRole('button', { name: 'Send "sæt kryds i kalenderen"' }).click();
    await page.waitForURL(/besked=savethedate#datoaftale$/);
    await screenshot(page, 'meeting-date-agreement');
    await smtp.waitFor(before + 4);
    const [saveTheDate] = mailsTo(smtp.received, 'pia@politi.test', /^Sæt kryds i kalenderen/);
    const std = calendarOf(saveTheDate!.parsed);
    t.equal(std.method, 'REQUEST');

    await page.getByRole('button', { name: /Send .*invitation/ }).click();
    await page.waitForURL(/besked=sendt/);
    await smtp.waitFor(before + 8);
    const [invitation] = mailsTo(smtp.received, 'pia@politi.test', /^Invitation/);
    const inv = calendarOf(invitation!.parsed);
    t.equal(
      inv.vevent.getFirstPropertyValue('uid'),
      std.vevent.getFirstPropertyValue('uid'),
      'one UID from save-the-date to invitation',
    );
    t.ok(
      Number(inv.vevent.getFirstPropertyValue('sequence')) >
        Number(std.vevent.getFirstPropertyValue('sequence')),
      'the invitation raises the SEQUENCE: one entry in the calendar, updated',
    );
    t.same(b.dialogs, []);
  },
);
