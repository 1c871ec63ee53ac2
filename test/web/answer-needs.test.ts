import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';
import { logIn, screenshot, startBrowserTest } from './browser.ts';

t.test('an invitee answers by the deadline with a dietary need, and the facilitator sees it', async (t) => {
  const b = await startBrowserTest(t);
  const m = insertMeeting(b.app.db, {
    title: 'Politikredsmøde 2027 – Bornholms Politi',
    status: 'invited',
    startsAt: '2027-03-10T08:00:00.000Z',
    endsAt: '2027-03-10T11:00:00.000Z',
    replyBy: '2027-02-24',
  });
  const anna = insertInvitee(b.app.db, m.meetingId, {
    name: 'Anna Holm',
    email: 'anna@brk.dk',
    organisationId: m.memberIds.Bornholm!,
  });

  await b.page.goto(`${b.base}/rsvp/${anna.token}`);
  t.match(await b.page.content(), 'Svar senest 24. februar 2027. Senere svar modtages også.');
  await b.page.getByLabel('Deltager', { exact: true }).check();
  await b.page
    .getByLabel('Hensyn til kost (allergi, vegetar m.m., frivilligt)')
    .fill('Vegetar, nøddeallergi');
  await b.page
    .getByLabel('Behov for tilgængelighed (kørestol, teleslynge, tolk m.m., frivilligt)')
    .fill('Kørestol');
  await b.page.getByRole('button', { name: 'Send svar' }).click();
  await b.page.waitForLoadState();
  t.equal(
    await b.page.getByRole('status').first().textContent(),
    'Tak, dit svar er gemt. Dit svar: Deltager.',
    'the answer is confirmed on the page',
  );
  t.same(
    prepared(
      b.app.db,
      'SELECT response, dietary_needs, accessibility_needs FROM invitation WHERE id = ?',
    ).get(anna.invitationId),
    { response: 'accepted', dietary_needs: 'Vegetar, nøddeallergi', accessibility_needs: 'Kørestol' },
    'what the invitee wrote is stored with the answer',
  );

  await logIn(b, 'facilitator', `/moeder/${m.meetingId}`);
  const needs = b.page.locator('#needs');
  t.match(
    await needs.textContent(),
    /Anna Holm.*Vegetar, nøddeallergi.*Kørestol/s,
    'the meeting page lists the need',
  );
  await screenshot(b.page, 'answer-needs-meeting-page');
});
