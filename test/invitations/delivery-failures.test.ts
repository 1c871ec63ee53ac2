import nodemailer from 'nodemailer';
import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { sendInvitations } from '../../server/invitations/invitations.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertMeeting } from '../helpers/factories.ts';
import { startSmtp } from '../helpers/mail.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

const PLATFORM = 'svar@samraad.test';

/** A delivery status notification (RFC 3464) as a receiving MTA sends it back to the envelope sender. */
function bounceFor(recipient: string, originalMessageId: string): string {
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.politi.test>',
    `To: ${PLATFORM}`,
    'Subject: Undelivered Mail Returned to Sender',
    'Message-ID: <bounce-1@mx.politi.test>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Your message could not be delivered.',
    '',
    '--b1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.politi.test',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 <viggo@politi.test>: Recipient address rejected: User unknown',
    '',
    '--b1',
    'Content-Type: text/rfc822-headers',
    '',
    `From: Samråd <${PLATFORM}>`,
    `To: ${recipient}`,
    `Message-ID: ${originalMessageId}`,
    'Subject: Invitation',
    '',
    '--b1--',
    '',
  ].join('\r\n');
}

t.test(
  'a 5xx at sending and a bounce at the inbound receiver show on the meeting and the person',
  async (t) => {
    const smtp = await startSmtp(t, { refuseTo: (address) => (address === 'pia@politi.test' ? 550 : null) });
    const { app, as } = await buildTestApp(t, {
      SMTP_URL: smtp.url,
      MAIL_FROM: `Samråd <${PLATFORM}>`,
      INBOUND_SMTP_PORT: '0',
    });
    await app.ready();
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
    sendInvitations(app.db, app.config, null, m.id);
    const pending = prepared(
      app.db,
      `SELECT count(*) AS n FROM outbox_message WHERE status IN ('queued', 'sending')`,
    );
    // a drain asked for while another runs waits for both
    while ((pending.get() as { n: number }).n > 0) await app.mailer.drain();
    t.equal(smtp.received.length, 3, 'three arrived; the server refused Pia’s');
    const refused = prepared(
      app.db,
      `SELECT status, last_error AS error FROM outbox_message WHERE to_address = ?`,
    ).get('pia@politi.test') as { status: string; error: string };
    t.equal(refused.status, 'failed', 'a 5xx is final');

    // Viggo's was accepted, then his mail server sent it back
    const viggoMail = smtp.received.find((r) => r.envelopeTo[0] === 'viggo@politi.test')!;
    const mta = nodemailer.createTransport({
      host: '127.0.0.1',
      port: app.inboundSmtpPort()!,
      ignoreTLS: true,
    });
    t.teardown(() => mta.close());
    await mta.sendMail({
      envelope: { from: 'MAILER-DAEMON@mx.politi.test', to: [PLATFORM] },
      raw: bounceFor('viggo@politi.test', viggoMail.parsed.messageId!),
    });
    const bounced = prepared(
      app.db,
      'SELECT bounced_at AS bouncedAt, last_error AS error FROM outbox_message WHERE to_address = ?',
    ).get('viggo@politi.test') as { bouncedAt: string | null; error: string };
    t.ok(bounced.bouncedAt, 'the bounce marks his invitation');
    t.match(bounced.error, /5\.1\.1.*User unknown/);
    const inbound = prepared(app.db, 'SELECT reason FROM inbound_reply').all() as { reason: string }[];
    t.match(
      inbound,
      [{ reason: /bounce.*viggo@politi\.test/ }],
      'kept among the received messages, not as an answer',
    );

    const meetingPage = await app.inject({ url: `/moeder/${m.id}`, headers: as.facilitator });
    t.equal(meetingPage.statusCode, 200);
    t.match(meetingPage.body, '2 e-mails kom ikke frem');
    t.match(meetingPage.body, /pia@politi\.test[\s\S]*Afvist ved afsendelse[\s\S]*No such user here/);
    t.match(meetingPage.body, /viggo@politi\.test[\s\S]*Sendt retur af modtagerens mailserver/);

    const piaPage = await app.inject({ url: `/personer/${people.chief}`, headers: as.facilitator });
    t.match(piaPage.body, '1 e-mail kom ikke frem');
    t.match(piaPage.body, 'Afvist ved afsendelse');
    const viggoPage = await app.inject({ url: `/personer/${people.interviewer}`, headers: as.viewer });
    t.match(viggoPage.body, '1 e-mail kom ikke frem');
    t.match(viggoPage.body, 'User unknown');
    const hannePage = await app.inject({ url: `/personer/${people.houseLeader}`, headers: as.facilitator });
    t.notMatch(hannePage.body, 'kom ikke frem', 'nothing for someone whose mail arrived');
  },
);
