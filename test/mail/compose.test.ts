import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import t from 'tap';
import { type MeetingMailKind, renderMeetingMail } from '../../emails/meeting-mail.ts';
import { buildMeetingCalendar } from '../../server/calendar/icalendar.ts';
import { composeMessage, PartCache } from '../../server/mail/compose.ts';
import { messageOf, type OutboxRow, type StoredContent } from '../../server/mail/sender.ts';
import { smtpTransport } from '../../server/mail/transports.ts';
import type { Language } from '../../server/text/language.ts';
import { buildMeetingMailView } from '../helpers/factories.ts';
import { startSmtp } from '../helpers/mail.ts';

const from = { name: 'Samråd Fyns Politi', address: 'noreply@samraad.dk' };
// a title long enough to be folded in the Subject header
const view = buildMeetingMailView({
  title: 'Politikredsmøde om tryghed i Vollsmose, Bolbro og på Øerne – med særligt fokus på unge',
});
const soeren = { name: 'Søren Ærø-Åby', address: 'soeren@fyn.dk' };
const john = { name: 'John Smith', address: 'john@example.com' };
const attendees = [soeren, john].map((p) => ({ name: p.name, email: p.address }));

function calendar(method: 'REQUEST' | 'CANCEL', description: string): string {
  return buildMeetingCalendar(method, [
    {
      uid: 'fast-compose@samraad.test',
      sequence: 1,
      startsAt: view.startsAt,
      endsAt: view.endsAt,
      timeZone: view.timeZone,
      summary: view.title,
      description,
      location: 'Politigården, Østre Stationsvej 44',
      organizer: { name: 'Åse Ølund', email: from.address },
      attendees,
      cancelled: method === 'CANCEL',
    },
  ]);
}

/** A stored outbox row as the sender reads it, Message-ID and Date fixed. */
function row(
  to: { name: string; address: string },
  kind: MeetingMailKind,
  lang: Language,
  extra: StoredContent,
) {
  const mail = renderMeetingMail({
    kind,
    language: lang,
    recipientName: to.name,
    meeting: view,
    answerUrl: 'https://samraad.example/rsvp/rsvp_AbCdEfGhIjKl_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG',
  });
  const content: StoredContent = { text: mail.text, html: mail.html, headers: mail.headers, ...extra };
  return {
    id: 1,
    messageId: '<0f2b3c4d-fast-compose@samraad.dk>',
    kind,
    toAddress: to.address,
    toName: to.name,
    subject: mail.subject,
    content: JSON.stringify(content),
    part: null,
    attempts: 0,
    createdAt: '2026-11-30T04:00:00.000Z',
  } satisfies OutboxRow;
}

const replyTo = { name: 'Åse Ølund', address: 'aase@fyn.dk' };
const pdf = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256));
const cases: [string, OutboxRow][] = [
  [
    'a Danish invitation to a name with æøå, with a long subject and the calendar',
    row(soeren, 'invitation', 'da', {
      replyTo,
      icalEvent: {
        method: 'REQUEST',
        filename: 'invitation.ics',
        content: calendar('REQUEST', 'Tid: fredag'),
      },
    }),
  ],
  [
    'an English invitation (a calendar of ASCII only)',
    row(john, 'invitation', 'en', {
      replyTo: { name: 'Facilitator', address: 'f@example.com' },
      icalEvent: {
        method: 'REQUEST',
        filename: 'invitation.ics',
        content: calendar('REQUEST', 'When: Friday'),
      },
    }),
  ],
  [
    'a cancellation (METHOD:CANCEL)',
    row(soeren, 'cancel', 'da', {
      replyTo,
      icalEvent: { method: 'CANCEL', filename: 'cancel.ics', content: calendar('CANCEL', 'Aflyst') },
    }),
  ],
  ['a reminder without a calendar part', row(soeren, 'reminder', 'da', { replyTo })],
  [
    'a referat with a PDF and a DOCX attached',
    row(soeren, 'update', 'da', {
      replyTo,
      attachments: [
        {
          filename: 'referat-øst.pdf',
          content: pdf.toString('base64'),
          contentType: 'application/pdf',
          encoding: 'base64',
        },
        { filename: 'referat.docx', content: pdf.subarray(7).toString('base64'), encoding: 'base64' },
      ],
    }),
  ],
];

t.test('a message composed in one piece is byte for byte what nodemailer composes', async (t) => {
  // one cache for all: each message after the first takes repeating parts and part headers from it
  const cache = new PartCache();
  for (const round of ['first', 'again']) {
    for (const [name, r] of cases) {
      const message = { ...messageOf(r, from), baseBoundary: `fixedboundary${round}` };
      const alone = (await new MailComposer(message).compile().build()).toString('utf8');
      const fast = composeMessage(message);
      t.ok(fast, `${name}: composed in one piece`);
      t.equal(fast?.raw, alone, `${name}: the same bytes`);
      t.equal(
        composeMessage(message, cache)?.raw,
        alone,
        `${name}, ${round} through the cache: the same bytes`,
      );
      t.strictSame(fast?.envelope, { from: from.address, to: [r.toAddress] }, `${name}: envelope`);
    }
  }
  const plain = {
    from,
    to: 'a@b.dk',
    subject: 'x',
    text: 'ascii only',
    messageId: '<m@x>',
    date: new Date(0),
  };
  t.equal(
    composeMessage(plain)?.raw,
    (await new MailComposer(plain).compile().build()).toString('utf8'),
    'a one-part text mail too',
  );
});

t.test('what it does not cover is left to nodemailer, and still sent', async (t) => {
  const qp = {
    from,
    to: 'a@b.dk',
    subject: 'QP',
    text: 'Blåbærgrød',
    textEncoding: 'quoted-printable' as const,
  };
  t.equal(composeMessage(qp), null, 'quoted-printable');
  const { Readable } = await import('node:stream');
  t.equal(
    composeMessage({ ...qp, textEncoding: 'base64', text: Readable.from(['strøm']) }),
    null,
    'a stream',
  );
  const smtp = await startSmtp(t);
  const transport = smtpTransport(smtp.url, { maxConnections: 1 });
  t.teardown(() => transport.close());
  await transport.deliver(qp, 1);
  await smtp.waitFor(1);
  t.match(
    smtp.received[0]!.raw,
    'Content-Transfer-Encoding: quoted-printable',
    'sent the way nodemailer composes it',
  );
  t.equal(smtp.received[0]!.parsed.text?.trim(), 'Blåbærgrød');
});

t.test('the SMTP server receives from the sender exactly what plain nodemailer sends', async (t) => {
  const smtp = await startSmtp(t);
  const transport = smtpTransport(smtp.url, { maxConnections: 2 });
  const plain = nodemailer.createTransport({ url: smtp.url });
  t.teardown(() => {
    transport.close();
    plain.close();
  });
  for (const [name, r] of cases) {
    const message = { ...messageOf(r, from), baseBoundary: 'fixedboundary' };
    // twice through the sender: the second takes the calendar's base64 from its cache
    await transport.deliver(message, 1);
    await transport.deliver(message, 1);
    await plain.sendMail(message);
    await smtp.waitFor(smtp.received.length);
    const [a, b, c] = smtp.received.slice(-3);
    t.equal(a!.raw, c!.raw, `${name}: the same bytes arrive`);
    t.equal(b!.raw, c!.raw, `${name}: also with the cached calendar`);
    t.strictSame(a!.envelopeTo, [r.toAddress], `${name}: to the recipient`);
  }
  const da = smtp.received[0]!.parsed;
  t.equal(
    da.to && !Array.isArray(da.to) ? da.to.value[0]?.name : null,
    'Søren Ærø-Åby',
    'mailparser reads the name',
  );
  t.match(
    da.attachments.find((a) => a.contentType === 'application/ics')?.content.toString(),
    'METHOD:REQUEST',
  );
});
