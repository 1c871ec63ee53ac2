import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import t from 'tap';
import { commandLineActor } from '../../server/accounts/accounts.ts';
import { createAgreement } from '../../server/outcomes/agreements.ts';
import { approveReferat, saveReferat, sendReferat } from '../../server/referat/referat.ts';
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
  writeFileSync(join(scratch, 'stor.pdf'), Buffer.alloc(5000, 1));
  await page.getByLabel('Fil').setInputFiles(join(scratch, 'stor.pdf'));
  await page.getByRole('button', { name: 'Læg fil op' }).click();
  t.ok(await page.getByText('Filen er for stor. Den må højst fylde 4 kB.').isVisible());
  t.equal(readdirSync(join(b.dir, 'materials')).length, 0, 'nothing kept on disk');
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

t.test(
  'the pages after the meeting: district referats, an agreement revised, the mapping, follow-ups',
  async (t) => {
    const b = await startBrowserTest(t, { MAIL_SENDER: 'off' });
    const { page, base, app } = b;
    const { people } = bornholmWithPeople(app.db);
    const m = insertMeeting(app.db, {
      districtCode: '1471',
      startsAt: '2027-03-12T08:00:00.000Z',
      endsAt: '2027-03-12T11:30:00.000Z',
      facilitatorId: people.facilitator,
      status: 'held',
    });
    insertInvitee(app.db, m.id, { name: 'Pia Politileder', email: 'pia@politi.test', response: 'accepted' });
    const agreement = createAgreement(app.db, commandLineActor, {
      districtCode: '1471',
      type: 'kontaktaftale',
      title: 'Fast kontaktperson i hver kommune',
      text: 'Første tekst.',
      status: 'in_force',
      agreedAtMeetingId: m.id,
      allMunicipalities: true,
      reviewOn: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
    });
    const saved = saveReferat(app.db, commandLineActor, m.id, {
      version: 0,
      text: 'Referatets tekst.\n\nAftalt: fast kontaktperson.',
    });
    approveReferat(app.db, commandLineActor, m.id, { version: saved.current!.version });
    await sendReferat(app.db, app.config, commandLineActor, m.id, { version: 1 });

    await logIn(b, 'facilitator', '/kredse/1471');
    await page
      .getByText('Aftalt: fast kontaktperson.', { exact: false })
      .first()
      .waitFor({ state: 'attached' });
    t.equal(
      await page.locator('#district-referats li').count(),
      1,
      'the sent referat is on the district page',
    );

    // an agreement's text revised, with its history
    await page
      .locator('#district-agreements')
      .getByRole('link', { name: 'Fast kontaktperson i hver kommune' })
      .click();
    await page.getByLabel('Aftalens tekst').fill('Anden tekst: kommunen udpeger en kontaktperson.');
    await page.getByLabel('Hvorfor ændres teksten').fill('Præciseret på mødet');
    await page.getByRole('button', { name: 'Gem ny tekst' }).click();
    await page.waitForURL(/besked=gemt/);
    t.equal(await page.locator('#agreement-history tbody tr').count(), 2, 'both versions in the history');
    t.match(
      await page.locator('#agreement-history').textContent(),
      /Første tekst\..*Præciseret på mødet|Præciseret på mødet.*Første tekst\./s,
    );
    await page.getByLabel('Aftalens tekst').fill('');
    await page.getByLabel('Aftalens tekst').fill('Forældet');
    app.db.$client.prepare('UPDATE agreement SET version = version + 1 WHERE id = ?').run(agreement.id);
    await page.getByRole('button', { name: 'Gem ny tekst' }).click();
    t.ok(
      await page.getByText('Nogen har ændret oplysningerne imens.').isVisible(),
      'a stale save is refused in Danish',
    );

    // the district mapping
    await page.goto(`${base}/kredse/1471/kortlaegning/2027`);
    await page.getByRole('button', { name: 'Gem kortlægning' }).click();
    t.ok(await page.getByText('Kortlægningen blev ikke gemt – vælg et samarbejdsniveau').isVisible());
    await page.getByLabel('Samarbejdsniveau').selectOption({ index: 1 });
    await page.getByLabel('Styrker').fill('Godt kendskab\nFaste møder');
    await page.getByRole('button', { name: 'Gem kortlægning' }).click();
    await page.waitForURL(/besked=gemt/);
    const mapping = (
      await app.inject({ url: '/api/districts/1471/mappings/2027', headers: b.as.viewer })
    ).json();
    t.same(mapping.strengths, ['Godt kendskab', 'Faste møder']);

    // the follow-up list: the agreement due for review, and reminders sent
    await page.goto(`${base}/opfoelgning`);
    t.ok(await page.locator('#follow-ups').getByText('Fast kontaktperson i hver kommune').isVisible());
    await page.getByRole('button', { name: 'Send påmindelser' }).click();
    await page.waitForURL(/sendt=/);
    t.ok(await page.getByText(/påmindelser? lagt i udbakken/).isVisible());
    await screenshot(page, 'follow-ups');
  },
);
