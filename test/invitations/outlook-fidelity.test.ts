import ical, { ICalAttendeeStatus, ICalCalendarMethod } from 'ical-generator';
import nodemailer from 'nodemailer';
import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertMeeting } from '../helpers/factories.ts';
import { calendarOf, startSmtp } from '../helpers/mail.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

const PLATFORM = 'svar@samraad.test';

t.test(
  'invitations as Outlook reads them: one .ics, mailto: cal-addresses, Reply-To and signature',
  async (t) => {
    const smtp = await startSmtp(t);
    const { app } = await buildTestApp(t, {
      SMTP_URL: smtp.url,
      MAIL_FROM: `Samråd <${PLATFORM}>`,
      INBOUND_SMTP_PORT: '0',
    });
    await app.ready();
    const { people } = bornholmWithPeople(app.db);
    prepared(app.db, `UPDATE person SET phone = '33 12 34 56' WHERE id = ?`).run(people.facilitator);
    const m = insertMeeting(app.db, {
      districtCode: '1471',
      startsAt: '2027-03-12T08:00:00.000Z',
      endsAt: '2027-03-12T11:30:00.000Z',
      facilitatorId: people.facilitator,
      status: 'planned',
      venueName: 'Politigården',
      venueAddress: 'Zahrtmannsvej 4, 3700 Rønne',
    });
    const point = prepared(
      app.db,
      `INSERT INTO agenda_item (meeting_id, position, title, presenter, duration_minutes, created_at, updated_at)
     VALUES (?, ?, ?, NULL, ?, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')`,
    );
    point.run(m.id, 1, 'Velkomst', 15);
    point.run(m.id, 2, '24-timers-reglen', null);
    point.run(m.id, 3, 'Eventuelt', 10);

    const { sendInvitations } = await import('../../server/invitations/invitations.ts');
    sendInvitations(app.db, app.config, null, m.id);
    await app.mailer.drain();
    await smtp.waitFor(4);
    const pia = smtp.received.find((r) => r.envelopeTo[0] === 'pia@politi.test')!;

    const ics = pia.parsed.attachments.filter((a) => a.contentType === 'application/ics');
    t.equal(ics.length, 1, 'exactly one .ics attachment');
    t.equal(pia.parsed.attachments.filter((a) => a.contentType === 'text/calendar').length, 1);
    t.equal(pia.parsed.replyTo?.value[0]?.address, 'frida@facilitator.test', 'replies go to the facilitator');
    t.equal(pia.parsed.from?.value[0]?.address, PLATFORM);
    t.match(
      pia.parsed.text,
      /Venlig hilsen\nFrida Facilitator\nBornholm\nfrida@facilitator\.test · tlf\. 33 12 34 56/,
      'the signature names the facilitator, organisation and contact details',
    );
    t.match(
      pia.parsed.text,
      /Dagsorden:\n1\. Velkomst\n2\. 24-timers-reglen\n3\. Eventuelt/,
      'numbers, no times',
    );
    t.notMatch(pia.parsed.text, /\d\d\.\d\d Velkomst/);

    const cal = calendarOf(pia.parsed);
    const organizer = cal.vevent.getFirstProperty('organizer')!;
    t.equal(String(organizer.getFirstValue()).toLowerCase(), `mailto:${PLATFORM}`);
    t.equal(organizer.getParameter('cn'), 'Frida Facilitator');
    t.equal(
      cal.vevent.getFirstPropertyValue('x-microsoft-disallow-counter'),
      'TRUE',
      'no new-time proposals',
    );

    // delegation: the delegate's invitation names both ends as mailto: URIs
    const token = /\/rsvp\/(rsvp_[A-Za-z0-9_-]+)\?answer=accepted/.exec(pia.parsed.text ?? '')![1]!;
    const delegated = await app.inject({
      method: 'POST',
      url: `/rsvp/${token}/delegate`,
      payload: { name: 'Dorte Stedfortræder', email: 'dorte@politi.test' },
    });
    t.equal(delegated.statusCode, 200, delegated.body);
    await app.mailer.drain();
    await smtp.waitFor(5);
    const dorte = smtp.received.find((r) => r.envelopeTo[0] === 'dorte@politi.test')!;
    const attendees = calendarOf(dorte.parsed).vevent.getAllProperties('attendee');
    const attendee = (email: string) =>
      attendees.find((p) => String(p.getFirstValue()).toLowerCase() === `mailto:${email}`)!;
    t.equal(attendee('dorte@politi.test').getParameter('delegated-from'), 'mailto:pia@politi.test');
    t.equal(attendee('pia@politi.test').getParameter('delegated-to'), 'mailto:dorte@politi.test');
    t.equal(dorte.parsed.attachments.filter((a) => a.contentType === 'application/ics').length, 1);

    // an Outlook-style REPLY to the ORGANIZER address arrives at the inbound receiver and is recorded
    const reply = ical({
      method: ICalCalendarMethod.REPLY,
      prodId: '//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
    });
    reply
      .createEvent({
        id: String(cal.vevent.getFirstPropertyValue('uid')),
        sequence: 0,
        start: new Date('2027-03-12T08:00:00Z'),
        end: new Date('2027-03-12T11:30:00Z'),
        summary: 'Accepteret: Politikredsmøde',
        organizer: { name: 'Frida Facilitator', email: PLATFORM },
      })
      .createAttendee({
        email: 'viggo@politi.test',
        name: 'Viggo Videoafhører',
        status: ICalAttendeeStatus.ACCEPTED,
      });
    const outlook = nodemailer.createTransport({
      host: '127.0.0.1',
      port: app.inboundSmtpPort()!,
      secure: false,
      ignoreTLS: true,
    });
    t.teardown(() => outlook.close());
    await outlook.sendMail({
      from: 'Viggo Videoafhører <viggo@politi.test>',
      to: String(organizer.getFirstValue()).replace(/^mailto:/i, ''),
      subject: 'Accepteret: Politikredsmøde Bornholms Politi',
      text: 'Accepteret',
      icalEvent: { method: 'REPLY', content: reply.toString() },
    });
    const viggo = prepared(
      app.db,
      `SELECT i.response FROM invitation i JOIN person p ON p.id = i.person_id WHERE p.email = 'viggo@politi.test'`,
    ).get() as { response: string };
    t.equal(viggo.response, 'accepted', 'the calendar reply was recorded');
  },
);
