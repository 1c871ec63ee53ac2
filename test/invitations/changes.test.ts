import { eq } from 'drizzle-orm';
import t from 'tap';
import { meeting } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import { queueMeetingChangeNotices } from '../../server/invitations/meeting-change-notices.ts';
import { queueDueReminders } from '../../server/invitations/reminders.ts';
import type { MeetingRow } from '../../server/planning/meeting-changes.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertMeeting } from '../helpers/factories.ts';
import { calendarOf, startSmtp } from '../helpers/mail.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

/** What planning does for a move or cancellation: change the row, raise SEQUENCE, tell the listeners. */
function changeMeeting(
  app: Awaited<ReturnType<typeof buildTestApp>>['app'],
  id: number,
  kind: 'rescheduled' | 'moved' | 'cancelled',
  set: Partial<MeetingRow>,
): MeetingRow {
  return app.db.transaction(() => {
    const before = app.db.select().from(meeting).where(eq(meeting.id, id)).get()!;
    const after = app.db
      .update(meeting)
      .set({ ...set, icsSequence: before.icsSequence + 1, version: before.version + 1 })
      .where(eq(meeting.id, id))
      .returning()
      .get();
    app.planning.changes.announceChange(app.db, { kind, before, after });
    return after;
  });
}

t.test('moving, cancelling and taking someone off: the calendars follow', async (t) => {
  const smtp = await startSmtp(t);
  const { app, as } = await buildTestApp(t, { SMTP_URL: smtp.url });
  const { people } = bornholmWithPeople(app.db);
  const m = insertMeeting(app.db, {
    districtCode: '1471',
    startsAt: '2027-03-12T08:00:00.000Z',
    endsAt: '2027-03-12T11:00:00.000Z',
    status: 'planned',
    venueName: 'Politigården',
    venueAddress: 'Zahrtmannsvej 4, 3700 Rønne',
  });
  await app.inject({ method: 'POST', url: `/api/meetings/${m.id}/invitations`, headers: as.facilitator });
  await smtp.waitFor(4);

  // taken off after the invitation: a CANCEL to her alone
  const off = await app.inject({
    method: 'DELETE',
    url: `/api/meetings/${m.id}/audience/people/${people.houseLeader}`,
    headers: as.facilitator,
  });
  t.same(off.json(), { changed: true, cancellationQueued: true });
  await smtp.waitFor(5);
  const withdrawn = smtp.received[4]!;
  t.same(withdrawn.envelopeTo, ['hanne@boernehus.test']);
  const withdrawnCal = calendarOf(withdrawn.parsed);
  t.equal(withdrawnCal.method, 'CANCEL');
  t.equal(withdrawnCal.vevent.getFirstPropertyValue('status'), 'CANCELLED');
  t.equal(withdrawnCal.vevent.getFirstPropertyValue('uid'), m.icsUid);
  t.same(
    withdrawnCal.vevent.getAllProperties('attendee').map((a) => a.getFirstValue()),
    ['MAILTO:hanne@boernehus.test'],
    'addressed to her alone',
  );
  const audience = (await app.inject({ url: `/api/meetings/${m.id}/audience`, headers: as.viewer })).json();
  t.equal(audience.people.length, 3);
  t.equal(audience.removed[0].invitation.state, 'withdrawn');

  // moved: "Opdateret" REQUEST to the three still invited, same UID, SEQUENCE 1
  changeMeeting(app, m.id, 'rescheduled', {
    startsAt: '2027-03-19T08:00:00.000Z',
    endsAt: '2027-03-19T11:00:00.000Z',
  });
  await smtp.waitFor(8);
  const updates = smtp.received.slice(5, 8);
  t.same(updates.map((u) => u.envelopeTo[0]).sort(), [
    'birgit@kommune.test',
    'pia@politi.test',
    'viggo@politi.test',
  ]);
  const pia = updates.find((u) => u.envelopeTo[0] === 'pia@politi.test')!;
  t.equal(pia.parsed.subject, 'Opdateret: Politikredsmøde Bornholms Politi – 19. marts 2027');
  const birgit = updates.find((u) => u.envelopeTo[0] === 'birgit@kommune.test')!;
  t.equal(birgit.parsed.subject, 'Updated: Politikredsmøde Bornholms Politi – 19 March 2027');
  const cal = calendarOf(pia.parsed);
  t.equal(cal.method, 'REQUEST');
  t.equal(cal.vevent.getFirstPropertyValue('uid'), m.icsUid);
  t.equal(cal.vevent.getFirstPropertyValue('sequence'), 1);
  t.equal(String(cal.vevent.getFirstPropertyValue('dtstart')), '2027-03-19T09:00:00');
  t.equal(cal.vevent.getAllProperties('attendee').length, 3, 'the one taken off is no longer an attendee');
  const tokenExpiry = prepared(
    app.db,
    'SELECT DISTINCT token_expires_at AS e FROM invitation WHERE meeting_id = ? AND withdrawn_at IS NULL',
  ).all(m.id);
  t.same(tokenExpiry, [{ e: '2027-03-19T11:00:00.000Z' }], 'answer links live until the new end');

  // a change without consequence for calendars queues nothing
  const before = app.db.select().from(meeting).where(eq(meeting.id, m.id)).get()!;
  t.equal(queueMeetingChangeNotices(app.db, app.config, { kind: 'details', before, after: before }), 0);

  // cancelled: METHOD:CANCEL, STATUS:CANCELLED, SEQUENCE 2
  changeMeeting(app, m.id, 'cancelled', {
    status: 'cancelled',
    cancelReason: 'Sygdom',
    cancelledAt: new Date().toISOString(),
  });
  await smtp.waitFor(11);
  const cancels = smtp.received.slice(8, 11);
  for (const c of cancels) {
    const cc = calendarOf(c.parsed);
    t.equal(cc.method, 'CANCEL');
    t.equal(cc.vevent.getFirstPropertyValue('status'), 'CANCELLED');
    t.equal(cc.vevent.getFirstPropertyValue('sequence'), 2);
    t.equal(cc.vevent.getFirstPropertyValue('uid'), m.icsUid);
  }
  const viggo = cancels.find((c) => c.envelopeTo[0] === 'viggo@politi.test')!;
  t.match(viggo.parsed.subject, /^Aflyst: /);
  t.match(viggo.parsed.text, /Begrundelse: Sygdom/);
  t.equal(
    (await app.inject({ method: 'POST', url: `/api/meetings/${m.id}/invitations`, headers: as.facilitator }))
      .statusCode,
    409,
    'a cancelled meeting sends nothing more',
  );
});

t.test('reminders: N days before, to accepted and unanswered, never declined, each once', async (t) => {
  const { app, as } = await buildTestApp(t, { MAIL_SENDER: 'off', REMINDER_DAYS_BEFORE: '7' });
  const { people } = bornholmWithPeople(app.db);
  const m = insertMeeting(app.db, {
    districtCode: '1471',
    startsAt: '2027-03-12T08:00:00.000Z',
    endsAt: '2027-03-12T11:00:00.000Z',
    status: 'planned',
    venueName: 'Politigården',
    venueAddress: 'Zahrtmannsvej 4, 3700 Rønne',
  });
  await app.inject({ method: 'POST', url: `/api/meetings/${m.id}/invitations`, headers: as.facilitator });
  // invited in January; the answers came in since
  prepared(app.db, `UPDATE invitation SET created_at = '2027-01-10T10:00:00.000Z'`).run();
  const answer = prepared(app.db, 'UPDATE invitation SET response = ? WHERE person_id = ?');
  answer.run('accepted', people.chief);
  answer.run('declined', people.interviewer);
  answer.run('tentative', people.head);

  t.equal(
    queueDueReminders(app.db, app.config, new Date('2027-03-01T08:00:00.000Z')),
    0,
    '11 days before: not yet',
  );
  t.equal(queueDueReminders(app.db, app.config, new Date('2027-03-05T09:00:00.000Z')), 3, '7 days before');
  t.equal(queueDueReminders(app.db, app.config, new Date('2027-03-06T09:00:00.000Z')), 0, 'each once');
  const reminders = prepared(
    app.db,
    `SELECT o.to_address AS address, o.subject, o.content FROM outbox_message o WHERE kind = 'reminder' ORDER BY to_address`,
  ).all() as { address: string; subject: string; content: string }[];
  t.same(
    reminders.map((r) => r.address),
    ['birgit@kommune.test', 'hanne@boernehus.test', 'pia@politi.test'],
    'not Viggo, who declined',
  );
  t.match(reminders.find((r) => r.address === 'pia@politi.test')!.subject, /^Påmindelse: .*12\. marts 2027$/);
  t.match(reminders[0]!.subject, /^Reminder: /);
  t.equal(
    queueDueReminders(app.db, app.config, new Date('2027-03-13T09:00:00.000Z')),
    0,
    'after the meeting: none',
  );
});
