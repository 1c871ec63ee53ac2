import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';
import { launchChromium } from '../web/chromium.ts';

t.test('an invitee answers and delegates with a real browser, by keyboard-reachable labels', async (t) => {
  const { app } = await buildTestApp(t);
  const m = insertMeeting(app.db, { title: 'Politikredsmøde 2027 – Bornholms Politi' });
  const org = m.memberIds.Bornholm!;
  const anna = insertInvitee(app.db, m.meetingId, {
    name: 'Anna Holm',
    email: 'anna@brk.dk',
    organisationId: org,
  });
  const bo = insertInvitee(app.db, m.meetingId, { name: 'Bo Berg', email: 'bo@brk.dk', organisationId: org });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  t.teardown(() => browser.close());
  const page = await browser.newPage();

  await page.goto(`${base}/rsvp/${anna.token}?answer=tentative`);
  t.equal(await page.title(), 'Svar: Politikredsmøde 2027 – Bornholms Politi');
  t.equal(
    await page.getByRole('heading', { level: 1 }).textContent(),
    'Politikredsmøde 2027 – Bornholms Politi',
  );
  t.ok(await page.getByLabel('Deltager måske').isChecked(), 'the link preselects its answer');
  await page.getByLabel('Deltager', { exact: true }).check();
  await page.getByLabel('Kommentar (frivilligt)').fill('Jeg tager en kollega med');
  await page.getByRole('button', { name: 'Send svar' }).click();
  await page.waitForLoadState();
  // one confirmation, not two (issue 11): what was saved, then the answer as it stands
  t.equal(await page.getByRole('status').first().textContent(), 'Tak, dit svar er gemt. Dit svar: Deltager.');
  const annaRow = prepared(app.db, 'SELECT response, comment FROM invitation WHERE id = ?').get(
    anna.invitationId,
  );
  t.same(annaRow, { response: 'accepted', comment: 'Jeg tager en kollega med' });

  await page.goto(`${base}/rsvp/${bo.token}`);
  await page.getByText('Kan du ikke selv deltage?').click();
  await page.getByLabel('Kollegaens navn').fill('Cecilie Dam');
  await page.getByLabel('Kollegaens e-mail').fill('cecilie@brk.dk');
  await page.getByRole('button', { name: 'Giv invitationen videre' }).click();
  await page.waitForLoadState();
  t.match(await page.content(), 'Cecilie Dam har fået en invitation til mødet i dit sted.');
  const boRow = prepared(app.db, 'SELECT response FROM invitation WHERE id = ?').get(bo.invitationId);
  t.same(boRow, { response: 'delegated' });

  const missing = await page.goto(`${base}/rsvp/rsvp_${'a'.repeat(12)}_${'b'.repeat(43)}`);
  t.equal(missing?.status(), 404);
  t.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Siden findes ikke');
});
