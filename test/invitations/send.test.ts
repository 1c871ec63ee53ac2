import ICAL from 'ical.js';
import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { commandLineActor } from '../../server/accounts/accounts.ts';
import { findInvitationByAnswerToken } from '../../server/answers/tokens.ts';
import { addToAudience, sendInvitations } from '../../server/invitations/invitations.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertMeeting, insertPerson } from '../helpers/factories.ts';
import { calendarOf, outboxOf, startSmtp } from '../helpers/mail.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

t.test('audience, coverage check and invitations that arrive as meeting requests', async (t) => {
  const smtp = await startSmtp(t);
  const { app, as } = await buildTestApp(t, {
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Samråd <noreply@samraad.test>',
  });
  const { people, municipality, police, house } = bornholmWithPeople(app.db);
  const m = insertMeeting(app.db, {
    districtCode: '1471',
    startsAt: '2027-03-12T08:00:00.000Z',
    endsAt: '2027-03-12T11:30:00.000Z',
    facilitatorId: people.facilitator,
    status: 'planned',
    venueName: 'Politigården',
    venueAddress: 'Zahrtmannsvej 4, 3700 Rønne',
  });

  const audience = await app.inject({ url: `/api/meetings/${m.id}/audience`, headers: as.viewer });
  t.equal(audience.statusCode, 200);
  const body = audience.json();
  t.same(
    body.people.map((p: { name: string }) => p.name).sort(),
    ['Birgit Børne-ungechef', 'Hanne Husleder', 'Pia Politileder', 'Viggo Videoafhører'],
    'the default audience roles of the area; the facilitator role is not one',
  );
  const gaps = body.coverage.gaps.map((g: { organisationId: number; problem: string }) => [
    g.organisationId,
    g.problem,
  ]);
  t.same(gaps, [[municipality.id, 'no_practice']], 'Bornholm has a leader but nobody at practice level');
  t.match(body.coverage.gaps[0].message, /praksisniveau/);
  t.ok(body.coverage.members.find((c: { organisation: { id: number } }) => c.organisation.id === police.id));
  t.ok(body.coverage.members.find((c: { organisation: { id: number } }) => c.organisation.id === house.id));

  const unknown = await app.inject({
    method: 'POST',
    url: `/api/meetings/${m.id}/audience/people`,
    headers: as.facilitator,
    payload: { personId: 999999 },
  });
  t.equal(unknown.statusCode, 400);
  t.equal(unknown.json().fields[0].field, 'body.personId');
  t.equal((await app.inject({ url: '/api/meetings/424242/audience', headers: as.viewer })).statusCode, 404);
  const viewerAdds = await app.inject({
    method: 'POST',
    url: `/api/meetings/${m.id}/audience/people`,
    headers: as.viewer,
    payload: { personId: people.facilitator },
  });
  t.equal(viewerAdds.statusCode, 403);

  const add = await app.inject({
    method: 'POST',
    url: `/api/meetings/${m.id}/audience/people`,
    headers: as.facilitator,
    payload: { personId: people.facilitator },
  });
  t.equal(add.statusCode, 200);
  t.same(add.json(), { changed: true, cancellationQueued: false });

  const agendaPoint = prepared(
    app.db,
    `INSERT INTO agenda_item (meeting_id, position, title, presenter, duration_minutes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')`,
  );
  agendaPoint.run(m.id, 1, 'Velkomst', null, 15);
  agendaPoint.run(m.id, 2, '24-timers-reglen', 'Bornholms Politi', 60);
  const sent = await app.inject({
    method: 'POST',
    url: `/api/meetings/${m.id}/invitations`,
    headers: as.facilitator,
  });
  t.equal(sent.statusCode, 200, sent.body);
  t.match(sent.json(), { invited: 5, alreadyInvited: 0, queued: 5, status: 'invited' });

  await smtp.waitFor(5);
  t.equal(smtp.received.length, 5);
  const byAddress = new Map(smtp.received.map((r) => [r.envelopeTo[0], r]));
  t.same([...byAddress.keys()].sort(), [
    'birgit@kommune.test',
    'frida@facilitator.test',
    'hanne@boernehus.test',
    'pia@politi.test',
    'viggo@politi.test',
  ]);

  const pia = byAddress.get('pia@politi.test')!.parsed;
  t.equal(pia.subject, 'Invitation: Politikredsmøde Bornholms Politi – 12. marts 2027');
  t.match(pia.text, /Deltager måske: http:\/\/127\.0\.0\.1:3000\/rsvp\/rsvp_\S+\?answer=tentative/);
  t.match(pia.text, /fredag den 12\. marts 2027 kl\. 09\.00–12\.30/);
  t.match(pia.text, /Politigården, Zahrtmannsvej 4, 3700 Rønne/);
  t.match(pia.html, /Deltager ikke/);
  t.match(pia.html, /Dagsorden/);
  t.match(
    pia.text,
    /Dagsorden:\n09\.00 Velkomst\n09\.15 24-timers-reglen – v\/ Bornholms Politi/,
    'the agenda with times',
  );
  t.equal(pia.from?.value[0]?.address, 'noreply@samraad.test');
  t.match(pia.messageId, /@samraad\.test>?$/);

  const token = /\/rsvp\/(rsvp_[^?\s]+)\?answer=accepted/.exec(pia.text ?? '')![1]!;
  const invitation = findInvitationByAnswerToken(app.db, token, new Date('2027-01-01T00:00:00Z'));
  t.equal(invitation?.personId, people.chief, 'the answer link belongs to her invitation');
  t.equal(
    findInvitationByAnswerToken(app.db, token, new Date('2027-03-13T00:00:00Z')),
    null,
    'expires after the meeting',
  );

  const birgit = byAddress.get('birgit@kommune.test')!.parsed;
  t.equal(birgit.subject, 'Invitation: Politikredsmøde Bornholms Politi – 12 March 2027', 'English for her');
  t.match(birgit.text, /Maybe attending: http/);

  // the calendar part, read by ical.js
  const attachments = pia.attachments.map((a) => a.contentType);
  t.ok(attachments.includes('text/calendar'), 'a text/calendar alternative');
  t.ok(attachments.includes('application/ics'), 'and an .ics attachment');
  t.match(
    byAddress.get('pia@politi.test')!.raw,
    /Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i,
  );
  const cal = calendarOf(pia);
  t.equal(cal.method, 'REQUEST');
  t.equal(cal.vevent.getFirstPropertyValue('uid'), m.icsUid);
  t.equal(cal.vevent.getFirstPropertyValue('sequence'), 0);
  t.ok(cal.vevent.getFirstPropertyValue('dtstamp'));
  t.equal(cal.vevent.getFirstPropertyValue('location'), 'Politigården, Zahrtmannsvej 4, 3700 Rønne');
  t.match(String(cal.vevent.getFirstPropertyValue('description')), /Dagsorden/);
  const organizer = cal.vevent.getFirstProperty('organizer')!;
  t.equal(organizer.getFirstValue(), 'mailto:noreply@samraad.test', 'the platform address, not a recipient');
  t.equal(organizer.getParameter('cn'), 'Frida Facilitator');
  const attendees = cal.vevent.getAllProperties('attendee');
  t.equal(attendees.length, 5);
  for (const a of attendees) {
    t.equal(a.getParameter('partstat'), 'NEEDS-ACTION');
    t.equal(a.getParameter('rsvp'), 'TRUE');
    t.equal(a.getParameter('role'), 'REQ-PARTICIPANT');
    t.ok(a.getParameter('cn'));
  }
  t.same(
    attendees.map((a) => String(a.getFirstValue()).toLowerCase().replace('mailto:', '')).sort(),
    [...byAddress.keys()].sort(),
  );
  const dtstart = cal.vevent.getFirstProperty('dtstart')!;
  t.equal(dtstart.getParameter('tzid'), 'Europe/Copenhagen');
  const vtimezone = cal.root.getFirstSubcomponent('vtimezone');
  t.ok(vtimezone, 'a VTIMEZONE block');
  t.equal(vtimezone!.getFirstPropertyValue('tzid'), 'Europe/Copenhagen');
  const zone = new ICAL.Timezone(vtimezone!);
  const start = cal.vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
  t.equal(start.toString(), '2027-03-12T09:00:00');
  start.zone = zone;
  t.equal(
    start.toJSDate().toISOString(),
    '2027-03-12T08:00:00.000Z',
    'the VTIMEZONE gives the right instant',
  );
  t.match(cal.text, /\r\n/, 'CRLF line ends');

  const again = await app.inject({
    method: 'POST',
    url: `/api/meetings/${m.id}/invitations`,
    headers: as.facilitator,
  });
  t.match(again.json(), { invited: 0, alreadyInvited: 5, queued: 0 });

  await app.mailer.drain(); // the sender has recorded what the server accepted
  const outbox = await app.inject({ url: `/api/outbox?status=sent&meeting=${m.id}`, headers: as.viewer });
  t.equal(outbox.statusCode, 200);
  t.equal(outbox.json().total, 5);
  const one = outbox.json().items[0];
  t.match(one, { kind: 'invitation', status: 'sent', attempts: 1, meetingId: m.id });
  const stored = prepared(app.db, 'SELECT content FROM outbox_message WHERE meeting_id = ?').all(m.id) as {
    content: string;
  }[];
  t.ok(
    stored.every((r) => !/rsvp_/.test(r.content) && r.content.includes('/rsvp/[sendt]')),
    'once delivered, no answer-link secret is left in the database',
  );
  const raw = await app.inject({ url: `/api/outbox/${one.id}/raw`, headers: as.facilitator });
  t.equal(raw.headers['content-type'], 'message/rfc822');
  t.match(raw.body, new RegExp(`Message-ID: ${one.messageId.replace(/[.<>]/g, '\\$&')}`, 'i'));
  t.equal((await app.inject({ url: '/api/outbox?status=nonsense', headers: as.viewer })).statusCode, 400);
});

t.test('nobody in the audience: 422, and a cancelled meeting cannot be sent', async (t) => {
  const { app, as } = await buildTestApp(t, { MAIL_SENDER: 'off' });
  const m = insertMeeting(app.db, {
    districtCode: '1470',
    startsAt: '2027-04-01T08:00:00.000Z',
    endsAt: '2027-04-01T10:00:00.000Z',
    status: 'planned',
    venueName: 'Politigården',
    venueAddress: 'Zahrtmannsvej 4, 3700 Rønne',
  });
  const res = await app.inject({
    method: 'POST',
    url: `/api/meetings/${m.id}/invitations`,
    headers: as.facilitator,
  });
  t.equal(res.statusCode, 422);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  const cancelled = insertMeeting(app.db, {
    districtCode: '1470',
    startsAt: '2027-04-02T08:00:00.000Z',
    endsAt: '2027-04-02T10:00:00.000Z',
    status: 'cancelled',
    venueName: 'Politigården',
    venueAddress: 'Zahrtmannsvej 4, 3700 Rønne',
  });
  const res2 = await app.inject({
    method: 'POST',
    url: `/api/meetings/${cancelled.id}/invitations`,
    headers: as.facilitator,
  });
  t.equal(res2.statusCode, 409);
});

t.test(
  'a delegate gets an invitation of their own, and the calendar names who stands in for whom',
  async (t) => {
    const { app, as } = await buildTestApp(t, { MAIL_SENDER: 'off' });
    const { people, municipality } = bornholmWithPeople(app.db);
    const m = insertMeeting(app.db, {
      districtCode: '1471',
      startsAt: '2027-03-12T08:00:00.000Z',
      endsAt: '2027-03-12T11:00:00.000Z',
      status: 'planned',
      venueName: 'Politigården',
      venueAddress: 'Zahrtmannsvej 4, 3700 Rønne',
    });
    sendInvitations(app.db, app.config, null, m.id);
    const colleague = insertPerson(app.db, {
      name: 'Karl Kollega',
      email: 'karl@kommune.test',
      organisationId: municipality.id,
      roles: [],
    });
    // what the answer page does when Birgit passes her invitation on
    addToAudience(app.db, commandLineActor, m.id, colleague);
    const original = prepared(app.db, 'SELECT id FROM invitation WHERE person_id = ?').get(people.head) as {
      id: number;
    };
    prepared(app.db, `UPDATE invitation SET response = 'delegated' WHERE id = ?`).run(original.id);
    prepared(app.db, 'UPDATE invitation SET delegated_from_id = ? WHERE person_id = ?').run(
      original.id,
      colleague,
    );
    const report = sendInvitations(app.db, app.config, null, m.id, { personIds: [colleague] });
    t.match(report, { invited: 1, alreadyInvited: 0 });

    const outbox = (await app.inject({ url: `/api/outbox?meeting=${m.id}`, headers: as.viewer })).json();
    t.equal(outbox.total, 5);
    t.equal(outbox.items[0].toAddress, 'karl@kommune.test', 'only the delegate got a new email');
    const { content } = outboxOf(app.db).find((m) => m.id === outbox.items[0].id)!;
    const vevent = new ICAL.Component(ICAL.parse(content.icalEvent!.content)).getFirstSubcomponent('vevent')!;
    const byEmail = new Map(
      vevent.getAllProperties('attendee').map((a) => [String(a.getFirstValue()).toLowerCase(), a]),
    );
    t.equal(byEmail.get('mailto:birgit@kommune.test')!.getParameter('partstat'), 'DELEGATED');
    t.match(
      String(byEmail.get('mailto:birgit@kommune.test')!.getParameter('delegated-to')),
      /karl@kommune\.test/i,
    );
    t.match(
      String(byEmail.get('mailto:karl@kommune.test')!.getParameter('delegated-from')),
      /birgit@kommune\.test/i,
    );
  },
);
