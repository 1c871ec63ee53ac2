import { eq } from 'drizzle-orm';
import t from 'tap';
import { meeting } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import type { MeetingRow } from '../../server/planning/meeting-changes.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertMeeting } from '../helpers/factories.ts';
import { calendarOf, startSmtp } from '../helpers/mail.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>['app'];

/** What planning does for a move: change the row, raise SEQUENCE, tell the listeners. */
function changeMeeting(app: App, id: number, kind: 'rescheduled' | 'moved', set: Partial<MeetingRow>) {
  app.db.transaction(() => {
    const before = app.db.select().from(meeting).where(eq(meeting.id, id)).get()!;
    const after = app.db
      .update(meeting)
      .set({ ...set, icsSequence: before.icsSequence + 1, version: before.version + 1 })
      .where(eq(meeting.id, id))
      .returning()
      .get();
    app.planning.changes.announceChange(app.db, { kind, before, after });
  });
}

const linkIn = (text: string | undefined) =>
  /\/rsvp\/(rsvp_[A-Za-z0-9_-]+)\?answer=accepted/.exec(text ?? '')?.[1];

t.test(
  'a new time asks everyone again; a new room keeps the answers; places and waiting list hold',
  async (t) => {
    const smtp = await startSmtp(t);
    const { app, as } = await buildTestApp(t, {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Samråd <svar@samraad.test>',
    });
    const { people } = bornholmWithPeople(app.db);
    const m = insertMeeting(app.db, {
      districtCode: '1471',
      startsAt: '2027-03-12T08:00:00.000Z',
      endsAt: '2027-03-12T11:00:00.000Z',
      facilitatorId: people.facilitator,
      status: 'planned',
      venueName: 'Politigården',
      venueAddress: 'Zahrtmannsvej 4, 3700 Rønne',
    });
    prepared(app.db, 'UPDATE meeting SET capacity = 1 WHERE id = ?').run(m.id);
    await app.inject({ method: 'POST', url: `/api/meetings/${m.id}/invitations`, headers: as.facilitator });
    await smtp.waitFor(4);
    const first = new Map(smtp.received.map((r) => [r.envelopeTo[0]!, linkIn(r.parsed.text)!]));
    const answer = (token: string, a: string) =>
      app.inject({ method: 'POST', url: `/rsvp/${token}`, payload: { answer: a } });
    t.match((await answer(first.get('pia@politi.test')!, 'accepted')).json(), { waitlisted: false });
    t.match((await answer(first.get('viggo@politi.test')!, 'accepted')).json(), { waitlisted: true });
    await answer(first.get('birgit@kommune.test')!, 'declined');
    const counts = async () =>
      (await app.inject({ url: `/api/meetings/${m.id}/responses`, headers: as.viewer })).json();

    // a new room only: the update keeps everyone's answer, and carries answer links
    changeMeeting(app, m.id, 'moved', { venueName: 'Rådhuset', venueAddress: 'Ullasvej 23, 3700 Rønne' });
    await smtp.waitFor(8);
    const roomUpdate = smtp.received.slice(4, 8).find((r) => r.envelopeTo[0] === 'pia@politi.test')!;
    const partstat = (mail: typeof roomUpdate, email: string) =>
      calendarOf(mail.parsed)
        .vevent.getAllProperties('attendee')
        .find((a) => String(a.getFirstValue()).toLowerCase() === `mailto:${email}`)!
        .getParameter('partstat');
    t.equal(partstat(roomUpdate, 'pia@politi.test'), 'ACCEPTED', 'a new room keeps the answer');
    t.ok(linkIn(roomUpdate.parsed.text), 'the update carries answer links');
    t.match((await counts()).counts, { accepted: 1, waitlisted: 1, declined: 1, noAnswer: 1 });

    // a new date: everyone is asked again
    changeMeeting(app, m.id, 'rescheduled', {
      startsAt: '2027-03-19T08:00:00.000Z',
      endsAt: '2027-03-19T11:00:00.000Z',
    });
    await smtp.waitFor(12);
    const updates = new Map(smtp.received.slice(8, 12).map((r) => [r.envelopeTo[0]!, r]));
    const pia = updates.get('pia@politi.test')!;
    t.equal(partstat(pia, 'pia@politi.test'), 'NEEDS-ACTION', 'her acceptance was for the old date');
    t.equal(partstat(pia, 'birgit@kommune.test'), 'NEEDS-ACTION');
    t.equal(calendarOf(pia.parsed).vevent.getFirstPropertyValue('sequence'), 2);
    t.match(pia.parsed.text, 'Mødet har fået et nyt tidspunkt, så dit tidligere svar gælder ikke længere.');
    t.match(updates.get('birgit@kommune.test')!.parsed.text, 'The meeting has a new time');
    const fresh = linkIn(pia.parsed.text)!;
    t.ok(fresh, 'the update has answer links');
    t.not(fresh, first.get('pia@politi.test'), 'a fresh link of its own');

    const page = await app.inject({ url: `/rsvp/${fresh}` });
    t.equal(page.statusCode, 200);
    t.match(page.body, 'Tidspunktet er ændret — svar igen.');
    t.notMatch(page.body, /checked/, 'no answer preselected');
    t.equal(
      (await app.inject({ url: `/rsvp/${first.get('pia@politi.test')}` })).statusCode,
      200,
      'the first link works',
    );

    const after = await counts();
    t.match(
      after.counts,
      { accepted: 0, declined: 0, noAnswer: 4, waitlisted: 1 },
      'nobody counts as answered',
    );
    t.match(
      after.invitees.find((i: { person: { email: string } }) => i.person.email === 'pia@politi.test'),
      { response: 'needs_action', askedAgain: true, earlierResponse: 'accepted' },
    );

    // answering again: she keeps her place, he keeps his turn on the waiting list
    t.match((await answer(fresh, 'accepted')).json(), {
      response: 'accepted',
      askedAgain: false,
      waitlisted: false,
    });
    t.match((await answer(first.get('viggo@politi.test')!, 'accepted')).json(), {
      waitlisted: true,
      waitlistPosition: 1,
    });
    t.match((await counts()).counts, { accepted: 1, waitlisted: 1, noAnswer: 2 });
  },
);
