import ICAL from 'ical.js';
import t from 'tap';
import type { Db } from '../../db/client.ts';
import { sendInvitations } from '../../server/invitations/invitations.ts';
import { applyRetention } from '../../server/privacy/retention.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertMeeting, insertPerson } from '../helpers/factories.ts';
import { outboxOf } from '../helpers/mail.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

/** A meeting of Bornholm's area, planned and not yet sent. */
function plannedMeeting(db: Db, facilitatorId: number) {
  return insertMeeting(db, {
    districtCode: '1471',
    startsAt: '2027-03-12T08:00:00.000Z',
    endsAt: '2027-03-12T11:30:00.000Z',
    facilitatorId,
    status: 'planned',
    venueName: 'Politigården',
    venueAddress: 'Zahrtmannsvej 4, 3700 Rønne',
  });
}

/** The ATTENDEE addresses of a stored message's calendar, as a calendar client reads them. */
function attendeesOf(calendar: string): string[] {
  const vevent = new ICAL.Component(ICAL.parse(calendar)).getFirstSubcomponent('vevent')!;
  return vevent
    .getAllProperties('attendee')
    .map((a) => String(a.getFirstValue()).toLowerCase())
    .sort();
}

t.test(
  'a meeting’s calendar stored once for its invitees: erasure, export and retention reach it',
  async (t) => {
    const { app, as } = await buildTestApp(t, { MAIL_SENDER: 'off' });
    const { people } = bornholmWithPeople(app.db);
    const m = plannedMeeting(app.db, people.facilitator);
    t.equal(sendInvitations(app.db, app.config, null, m.id).invited, 4);
    const c = app.db.$client;
    const count = (table: string) => c.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    t.equal(count('outbox_part'), 2, 'one calendar for the Danish readers, one for the English reader');
    t.equal(
      c.prepare("SELECT count(*) FROM outbox_message WHERE content LIKE '%VCALENDAR%'").pluck().get(),
      0,
      'no message stores the calendar itself',
    );
    const everyone = ['birgit@kommune.test', 'hanne@boernehus.test', 'pia@politi.test', 'viggo@politi.test'];
    for (const mail of outboxOf(app.db, 'invitation'))
      t.same(
        attendeesOf(mail.content.icalEvent!.content).map((a) => a.replace('mailto:', '')),
        everyone,
        `${mail.toAddress} reads every invitee in the calendar`,
      );

    const export_ = await app.inject({ url: `/api/people/${people.chief}/export`, headers: as.admin });
    t.equal(export_.statusCode, 200);
    const parts = export_.json().outbox_part as { members: string }[];
    t.equal(parts.length, 1, 'the export holds the calendar of her invitation');
    t.match(parts[0]!.members, /ATTENDEE/);

    const erased = await app.inject({
      method: 'POST',
      url: `/api/people/${people.houseLeader}/erase`,
      headers: as.admin,
    });
    t.equal(erased.statusCode, 200);
    t.equal(erased.json().outboxMessages, 4, 'her invitation, and the three whose calendar named her');
    t.equal(count('outbox_part'), 2, 'each shared calendar rewritten in place');
    for (const mail of outboxOf(app.db, 'invitation').filter((m) => m.content.icalEvent)) {
      const attendees = attendeesOf(mail.content.icalEvent!.content);
      t.notOk(attendees.includes('mailto:hanne@boernehus.test'), `${mail.toAddress}: her address is gone`);
      t.equal(attendees.length, 4, `${mail.toAddress}: still four attendees, one of them anonymised`);
      t.notMatch(mail.content.icalEvent!.content, /Hanne Husleder/, `${mail.toAddress}: her name is gone`);
    }
    t.notOk(
      outboxOf(app.db).find((m) => m.toAddress === 'hanne@boernehus.test'),
      'her own message no longer carries her address',
    );

    // delivered long ago: the bodies go, and with the last of them the shared calendars
    c.prepare("UPDATE outbox_message SET status = 'sent', sent_at = '2027-01-01T00:00:00.000Z'").run();
    const report = applyRetention(app.db, app.config, new Date('2027-12-01T00:00:00.000Z'));
    t.equal(report.outboxBodies, 3, 'the three bodies left; hers went with her');
    t.equal(count('outbox_part'), 0, 'no calendar is kept for messages whose bodies went');
  },
);

t.test('erasure finds a name and an address that the calendar folds across two lines', async (t) => {
  const { app, as } = await buildTestApp(t, { MAIL_SENDER: 'off' });
  const { people, house } = bornholmWithPeople(app.db);
  // long enough that the ATTENDEE line is folded (at 75 octets) inside the name
  const name = 'Karoline Margrethe Kvist-Mikkelsen Østergaard-Bjerregaard Holmgaard';
  const email = 'karoline.margrethe.kvist-mikkelsen.oestergaard@boernehus.test';
  const longNamed = insertPerson(app.db, {
    name,
    email,
    organisationId: house.id,
    roles: ['leder-boernehus'],
  });
  const m = plannedMeeting(app.db, people.facilitator);
  t.equal(sendInvitations(app.db, app.config, null, m.id).invited, 5);
  const calendarOf = (to: string) =>
    outboxOf(app.db, 'invitation').find((mail) => mail.toAddress === to)!.content.icalEvent!.content;
  const unfolded = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
  const before = calendarOf('pia@politi.test');
  t.ok(unfolded(before).includes(name), 'her name is in the calendar…');
  t.notOk(before.includes(name), '…folded across two lines');
  t.ok(unfolded(before).includes(email));

  const erased = await app.inject({
    method: 'POST',
    url: `/api/people/${longNamed}/erase`,
    headers: as.admin,
  });
  t.equal(erased.statusCode, 200);
  t.equal(erased.json().outboxMessages, 5, 'her invitation, and the four whose calendar named her');
  const after = calendarOf('pia@politi.test');
  t.notOk(unfolded(after).includes(name), 'her name is gone from the calendar');
  t.notOk(unfolded(after).toLowerCase().includes(email), 'her address too');
  t.ok(unfolded(after).includes('CN="Pia Politileder"'), 'the others are still in it');
  t.ok(
    after.split('\r\n').every((line) => Buffer.byteLength(line) <= 75),
    'every line of the rewritten calendar is folded at 75 octets',
  );
  t.equal(attendeesOf(after).length, 5, 'a calendar client still reads five attendees');
});
