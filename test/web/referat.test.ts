import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import t from 'tap';
import { commandLineActor } from '../../server/accounts/accounts.ts';
import { createAgreement } from '../../server/outcomes/agreements.ts';
import { insertInvitee, insertMeeting, insertPerson } from '../helpers/factories.ts';
import { outboxOf } from '../helpers/mail.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';
import { logIn, screenshot, startBrowserTest } from './browser.ts';

t.test('the meeting page: the referat is edited, approved and sent; materials uploaded', async (t) => {
  const b = await startBrowserTest(t, { MAIL_SENDER: 'off', MATERIALS_MAX_BYTES: '4096' });
  const { page, base, app } = b;
  const { people, municipality } = bornholmWithPeople(app.db);
  const m = insertMeeting(app.db, {
    districtCode: '1471',
    startsAt: '2027-03-12T08:00:00.000Z',
    endsAt: '2027-03-12T11:30:00.000Z',
    facilitatorId: people.facilitator,
    status: 'held',
  });
  insertInvitee(app.db, m.id, { name: 'Pia Politileder', email: 'pia@politi.test', response: 'accepted' });
  insertPerson(app.db, {
    name: 'Kaj Kontakt',
    email: 'kaj@kommune.test',
    organisationId: municipality.id,
    isFixedContact: true,
  });
  createAgreement(app.db, commandLineActor, {
    districtCode: '1471',
    type: 'kontaktaftale',
    title: 'Fast kontaktperson i hver kommune',
    text: '',
    status: 'agreed',
    agreedAtMeetingId: m.id,
    allMunicipalities: true,
  });

  await logIn(b, 'facilitator', `/moeder/${m.id}`);
  const text = page.getByLabel('Referatets tekst');
  t.match(await text.inputValue(), 'Fast kontaktperson i hver kommune', 'the draft names the agreement');
  await text.fill(`${await text.inputValue()}\n\nNæste møde holdes i foråret 2028.`);
  await page.getByRole('button', { name: 'Gem udkast' }).click();
  await page.waitForURL(/besked=referatgemt/);
  t.ok(await page.getByText('Referatet er gemt.').isVisible());

  // sending before approval: a Danish refusal, and nothing queued
  await page.getByRole('button', { name: 'Send referatet' }).click();
  t.ok(
    await page
      .getByText('Referatet er ikke godkendt. Godkend den seneste udgave, før det sendes.')
      .isVisible(),
  );
  t.equal(outboxOf(app.db, 'referat').length, 0, 'nothing was sent');

  // materials: a refused type is said in Danish and leaves nothing; a PDF is kept and linked
  const scratch = mkdtempSync(join(tmpdir(), 'samraad-upload-'));
  t.teardown(() => rmSync(scratch, { recursive: true, force: true }));
  writeFileSync(join(scratch, 'program.exe'), 'MZ');
  writeFileSync(join(scratch, 'oplaeg.pdf'), '%PDF-1.4\n%%EOF\n');
  await page.goto(`${base}/moeder/${m.id}`);
  await page.getByLabel('Fil').setInputFiles(join(scratch, 'program.exe'));
  await page.getByRole('button', { name: 'Læg fil op' }).click();
  t.ok(await page.getByText(/Filtypen kan ikke bruges\. Tilladte filtyper: pdf, docx/).isVisible());
  await page.getByLabel('Fil').setInputFiles(join(scratch, 'oplaeg.pdf'));
  await page.getByRole('button', { name: 'Læg fil op' }).click();
  await page.waitForURL(/besked=materialelagtop/);
  t.ok(await page.locator('#materials').getByRole('link', { name: 'oplaeg.pdf' }).isVisible());

  await page.getByRole('button', { name: 'Godkend referatet' }).click();
  await page.waitForURL(/besked=referatgodkendt/);
  t.match(await page.locator('#referat-status').textContent(), /Godkendt af facilitator@test\.example/);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Hent som Word' }).click();
  const word = await mammoth.extractRawText({ path: await (await download).path() });
  t.ok(word.value.includes('Næste møde holdes i foråret 2028.'), 'the Word file holds the approved text');

  await page.getByRole('button', { name: 'Send referatet' }).click();
  await page.waitForURL(/besked=referatsendt/);
  t.match(await page.locator('#referat-status').textContent(), /Sendt til 2 modtagere/);
  await screenshot(page, 'meeting-referat-sent');
  const sent = outboxOf(app.db, 'referat');
  t.same(sent.map((s) => s.toAddress).sort(), ['kaj@kommune.test', 'pia@politi.test']);
  t.match(
    sent.find((s) => s.toAddress === 'pia@politi.test')!.content.text,
    /oplaeg\.pdf: http:\/\/.*\/materialer\/\d+/,
  );
  t.equal(
    await page.getByRole('button', { name: 'Send referatet' }).count(),
    0,
    'a sent referat is not sent again',
  );
});
