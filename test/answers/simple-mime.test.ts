import { deepStrictEqual, equal } from 'node:assert/strict';
import fc from 'fast-check';
import ical, { ICalAttendeeStatus, ICalCalendarMethod } from 'ical-generator';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import t from 'tap';
import { parseInboundEmail } from '../../server/answers/itip-reply.ts';
import { readSimpleReply } from '../../server/answers/simple-mime.ts';
import { readDeliveryReport } from '../../server/mail/delivery-reports.ts';

/**
 * readSimpleReply reads the plain shape of a calendar reply without mailparser. Whatever it reads
 * must come out of parseInboundEmail exactly as mailparser's reading does, and never be a delivery
 * report; whatever it cannot read it leaves to mailparser (null).
 */

const mailparserOptions = { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true };

/** The reply as mailparser reads it, and whether it would have been taken for a bounce. */
async function throughMailparser(raw: Buffer) {
  const mail = await simpleParser(raw, mailparserOptions);
  return { parsed: parseInboundEmail(mail), bounce: readDeliveryReport(mail) };
}

function calendarText(o: {
  email: string;
  name: string;
  status: ICalAttendeeStatus;
  summary: string;
  comment: string;
}) {
  const calendar = ical({ method: ICalCalendarMethod.REPLY });
  calendar
    .createEvent({
      id: 'meeting-1@samraad.example.dk',
      start: new Date('2027-03-03T08:00:00Z'),
      end: new Date('2027-03-03T14:00:00Z'),
      stamp: new Date('2026-11-30T15:48:45Z'),
      summary: o.summary,
      description: o.comment,
    })
    .createAttendee({ email: o.email, name: o.name, status: o.status });
  return calendar.toString();
}

const windows = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
const unix = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

t.test('replies as mail programs build them read the same as through mailparser', async (t) => {
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.constantFrom(
      'Svar',
      'Accepteret: Politikredsmøde 2027 – Bornholms Politi',
      '  mellemrum  ',
      '',
      '=?utf-8?Q?x?=',
    ),
  );
  let read = 0;
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        name: text,
        subject: text,
        body: text,
        html: fc.option(text),
        summary: text,
        comment: text,
        email: fc.constantFrom('anna@brk.dk', 'Anna.Holm@BRK.dk', "o'neil@politi.dk"),
        status: fc.constantFrom(
          ICalAttendeeStatus.ACCEPTED,
          ICalAttendeeStatus.DECLINED,
          ICalAttendeeStatus.TENTATIVE,
        ),
        textEncoding: fc.constantFrom(undefined, 'quoted-printable' as const, 'base64' as const),
        unixLines: fc.boolean(),
        asAlternative: fc.boolean(),
      }),
      async (r) => {
        const calendar = calendarText(r);
        const info = await (r.unixLines ? unix : windows).sendMail({
          from: { name: r.name, address: r.email },
          to: 'svar@samraad.example.dk',
          subject: r.subject,
          text: r.body,
          ...(r.html !== null ? { html: r.html } : {}),
          ...(r.textEncoding ? { textEncoding: r.textEncoding } : {}),
          ...(r.asAlternative
            ? { icalEvent: { method: 'REPLY', content: calendar } }
            : {
                attachments: [
                  { filename: 'reply.ics', content: calendar, contentType: 'text/calendar; method=REPLY' },
                ],
              }),
        });
        const raw = info.message as Buffer;
        runs++;
        const simple = readSimpleReply(raw);
        if (!simple) return;
        read++;
        const expected = await throughMailparser(raw);
        deepStrictEqual(parseInboundEmail(simple), expected.parsed);
        equal(expected.bounce, null);
      },
    ),
    { numRuns: 150 },
  );
  t.pass('every reply read directly reads as through mailparser, and none is a bounce');
  t.ok(read > runs / 2, `${read} of ${runs} read without mailparser`);
});

t.test('odd and unusual shapes are read the same, or left to mailparser', async (t) => {
  let read = 0;
  const calendar = (who: string, status: string, extra: string) =>
    `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:meeting-1@samraad.example.dk\r\nDTSTAMP:20261130T154845Z\r\n${extra}ATTENDEE;PARTSTAT=${status}:mailto:${who}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
  const quotedPrintable = (s: string) => s.replace(/=/g, '=3D').replace(/([^\r\n]{60})/g, '$1=\r\n');
  const base64 = (s: string) =>
    Buffer.from(s)
      .toString('base64')
      .replace(/(.{76})/g, '$1\r\n');
  const part = fc.record({
    type: fc.constantFrom(
      '',
      'text/plain; charset=utf-8',
      'text/html',
      'text/calendar; method=REPLY; charset=utf-8',
      'TEXT/CALENDAR',
      'application/ics; name=invite.ics',
      'text/calendar; charset=iso-8859-1',
      'application/octet-stream; name=x.ics',
      'text/plain; name=a.ics',
      'message/delivery-status',
    ),
    disposition: fc.constantFrom(
      '',
      'inline',
      'attachment',
      'attachment; filename=invite.ics',
      'attachment; filename="reply.ics"',
      "attachment; filename*=utf-8''x.ics",
    ),
    encoding: fc.constantFrom('', '7bit', '8bit', 'base64', 'Base64', 'quoted-printable', 'x-uuencode'),
    who: fc.constantFrom('anna@brk.dk', 'bo@brk.dk'),
    status: fc.constantFrom('ACCEPTED', 'DECLINED'),
    extra: fc.constantFrom(
      '',
      'COMMENT:Jeg kommer = gerne\r\n',
      'COMMENT:blank til sidst \r\n',
      `COMMENT:${'x'.repeat(80)}\r\n`,
    ),
  });
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        newline: fc.constantFrom('\r\n', '\n'),
        blank: fc.constantFrom('', ' ', '  ', '\t'),
        from: fc.constantFrom(
          '',
          'anna@brk.dk',
          '<anna@brk.dk>',
          'Anna Holm <anna@brk.dk>',
          '"Holm, Anna" <Anna@BRK.dk>',
          '=?utf-8?Q?S=C3=B8ren?= <soren@brk.dk>',
          'anna@brk.dk (Anna)',
          'Anna <anna@xn--brk-1ga.dk>',
          'anna@brk.dk, bo@brk.dk',
          '"A \\"x\\"" <anna@brk.dk>',
        ),
        subject: fc.constantFrom(
          null,
          '',
          'Svar',
          ' Svar ',
          'Re:  to  mellemrum',
          'Svar\r\n foldet',
          'Svar\r\n\tfoldet',
          '=?UTF-8?B?QWNjZXB0ZXJldDogbcO4ZGU=?=',
          '=?utf-8?Q?m=C3=B8de?= =?utf-8?Q?_og_mere?=',
          '=?iso-8859-1?Q?m=F8de?=',
          'x =?utf-8?Q?m=C3=B8de?= y',
          '=?utf-8?Q?a?==?utf-8?Q?b?=',
          '=?windows-1252?Q?m=F8de?=',
          'a=?utf-8?Q?b?=',
          '=?utf-8?B?w7g=?= =?iso-8859-1?Q?=F8?=',
        ),
        messageId: fc.constantFrom(null, '<x@y>', 'x@y', '<x y@z>', '<a@b> <c@d>'),
        top: fc.constantFrom(
          'multipart/mixed',
          'multipart/alternative',
          'Multipart/Mixed',
          'multipart/related',
          'multipart/report; report-type=delivery-status',
          'text/calendar; method=REPLY',
          'text/calendar; charset="UTF-8"',
        ),
        boundary: fc.constantFrom('b1', '=_abc', '----_NmP-4d6', 'x y'),
        quotedBoundary: fc.boolean(),
        parts: fc.array(part, { maxLength: 4 }),
        closed: fc.boolean(),
        preamble: fc.boolean(),
        epilogue: fc.boolean(),
        padded: fc.boolean(),
      }),
      async (r) => {
        const nl = r.newline;
        const headers: string[] = [];
        if (r.from) headers.push(`From:${r.blank || ' '}${r.from}`);
        if (r.subject !== null) headers.push(`Subject:${r.blank}${r.subject}`);
        if (r.messageId !== null) headers.push(`Message-ID: ${r.messageId}`);
        headers.push('MIME-Version: 1.0');
        const body = (p: (typeof r.parts)[number]) => {
          const text = calendar(p.who, p.status, p.extra);
          const encoding = p.encoding.toLowerCase();
          const encoded =
            encoding === 'base64'
              ? base64(text)
              : encoding === 'quoted-printable'
                ? quotedPrintable(text)
                : text;
          return encoded.replace(/\r\n/g, nl);
        };
        let message: string;
        if (r.top.startsWith('multipart')) {
          headers.push(
            `Content-Type: ${r.top}; boundary=${r.quotedBoundary ? `"${r.boundary}"` : r.boundary}`,
          );
          let text = r.preamble ? `preamble${nl}` : '';
          for (const p of r.parts) {
            const partHeaders = [
              p.type && `Content-Type: ${p.type}`,
              p.disposition && `Content-Disposition: ${p.disposition}`,
              p.encoding && `Content-Transfer-Encoding: ${p.encoding}`,
            ].filter(Boolean);
            text += `--${r.boundary}${r.padded ? ' ' : ''}${nl}${partHeaders.join(nl)}${nl}${nl}${body(p)}${nl}`;
          }
          if (r.closed) text += `--${r.boundary}--${nl}`;
          if (r.epilogue) text += `epilogue${nl}`;
          message = `${headers.join(nl)}${nl}${nl}${text}`;
        } else {
          headers.push(`Content-Type: ${r.top}`);
          const p = r.parts[0];
          if (p?.encoding) headers.push(`Content-Transfer-Encoding: ${p.encoding}`);
          const only = p ?? {
            who: 'anna@brk.dk',
            status: 'ACCEPTED',
            extra: '',
            encoding: '',
            type: '',
            disposition: '',
          };
          message = `${headers.join(nl)}${nl}${nl}${body(only)}`;
        }
        const raw = Buffer.from(message, 'latin1');
        const simple = readSimpleReply(raw);
        if (!simple) return;
        read++;
        const expected = await throughMailparser(raw);
        deepStrictEqual(parseInboundEmail(simple), expected.parsed, JSON.stringify(message.slice(0, 300)));
        equal(expected.bounce, null);
      },
    ),
    { numRuns: 1500 },
  );
  t.pass('every shape read directly reads as through mailparser, and none is a bounce');
  t.ok(read > 0, `${read} shapes read without mailparser`);
});

t.test('what is read directly and what is left to mailparser', async (t) => {
  const reply = (headers: string, type = 'text/calendar; method=REPLY') =>
    Buffer.from(
      `${headers}\r\nContent-Type: ${type}\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:m@x\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:anna@brk.dk\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`,
    );
  const read = readSimpleReply(
    reply(
      'From: Anna Holm <Anna@brk.dk>\r\nSubject: =?utf-8?Q?Accepteret:_m=C3=B8de?=\r\nMessage-ID: <1@brk.dk>',
    ),
  );
  t.same(read && { ...read, attachments: read.attachments.map((a) => a.contentType) }, {
    attachments: ['text/calendar'],
    from: { value: [{ address: 'Anna@brk.dk' }] },
    subject: 'Accepteret: møde',
    messageId: '<1@brk.dk>',
  });
  t.equal(readSimpleReply(reply('From: anna@brk.dk (Anna)')), null, 'a comment in the address');
  t.equal(readSimpleReply(reply('Subject: =?windows-1252?Q?m=F8de?=')), null, 'another charset');
  t.equal(readSimpleReply(reply('From: anna@brk.dk\r\nFrom: bo@brk.dk')), null, 'two senders');
  t.equal(
    readSimpleReply(
      reply('From: postmaster@brk.dk', 'multipart/report; report-type=delivery-status; boundary=b'),
    ),
    null,
    'a delivery report',
  );
  t.equal(readSimpleReply(Buffer.from('no headers at all')), null);
});
