import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import ical, { ICalAttendeeStatus, ICalCalendarMethod } from 'ical-generator';
import { type ParsedMail, simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/statements.ts';
import { storedMail } from '../../server/mail/sender.ts';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export interface ReceivedMail {
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface TestSmtp {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Resolves when at least n messages have arrived. */
  waitFor(n: number): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (random port) that parses what arrives with mailparser.
 * `refuse(session, count)` may return an SMTP error code to turn a message away.
 */
export async function startSmtp(
  t: Teardown,
  options: {
    refuse?: (n: number) => number | null;
    /** An SMTP error code for mail to this recipient (a mailbox the server refuses). */
    refuseTo?: (address: string) => number | null;
    delayMs?: number;
  } = {},
): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let attempts = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 20 * 1024 * 1024,
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const n = attempts++;
        if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
        const code =
          options.refuse?.(n) ?? options.refuseTo?.(session.envelope.rcptTo[0]?.address ?? '') ?? null;
        if (code) {
          const err = new Error(code >= 500 ? 'No such user here' : 'Try again later') as Error & {
            responseCode: number;
          };
          err.responseCode = code;
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
          parsed: await simpleParser(raw),
        });
        for (const w of waiters.filter((w) => received.length >= w.n)) w.resolve();
        callback();
      });
    },
  });
  // a client killed mid-message resets the connection: expected in these tests
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    waitFor: (n) =>
      received.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })),
  };
}

/** The calendar part of a parsed mail, read with ical.js (never the project's own code). */
/** The mails to one address whose subject matches. */
export function mailsTo(received: ReceivedMail[], address: string, subject: RegExp): ReceivedMail[] {
  return received.filter((m) => m.envelopeTo.includes(address) && subject.test(m.parsed.subject ?? ''));
}

export function calendarOf(mail: ParsedMail): {
  method: string;
  vevent: ICAL.Component;
  root: ICAL.Component;
  text: string;
} {
  const text = mail.attachments.find((a) => a.contentType === 'text/calendar')?.content.toString('utf8');
  if (!text) throw new Error('no text/calendar part');
  const root = new ICAL.Component(ICAL.parse(text));
  return {
    method: String(root.getFirstPropertyValue('method')),
    vevent: root.getFirstSubcomponent('vevent')!,
    root,
    text,
  };
}

export interface OutboxEntry {
  id: number;
  kind: string;
  toAddress: string;
  subject: string;
  invitationId: number | null;
  meetingId: number | null;
  content: { text: string; html?: string; icalEvent?: { method: string; filename: string; content: string } };
}

/** The outbox as stored, optionally of one kind, oldest first, its content as sent (shared part and stand-ins filled in). */
export function outboxOf(db: Db, kind?: string): OutboxEntry[] {
  return prepared<Omit<OutboxEntry, 'content'> & { content: string; part: string | null }>(
    db,
    `SELECT id, kind, to_address AS toAddress, subject, content, invitation_id AS invitationId, meeting_id AS meetingId,
       (SELECT members FROM outbox_part WHERE outbox_part.id = part_id) AS part
     FROM outbox_message WHERE (? IS NULL OR kind = ?) ORDER BY id`,
  )
    .all(kind ?? null, kind ?? null)
    .map(({ part, ...row }) => ({
      ...row,
      content: storedMail({ content: row.content, part }) as OutboxEntry['content'],
    }));
}

export interface ReplyMail {
  uid: string;
  name: string;
  email: string;
  organizer: string;
  subject: string;
  text?: string;
}

/** A calendar reply (iTIP REPLY, TENTATIVE) as Outlook sends it, built by ical-generator and nodemailer. */
export async function calendarReplyMail(o: ReplyMail): Promise<Buffer> {
  const calendar = ical({
    method: ICalCalendarMethod.REPLY,
    prodId: '//Microsoft Corporation//Outlook 16.0//EN',
  });
  const event = calendar.createEvent({
    id: o.uid,
    start: new Date('2027-05-06T07:00:00Z'),
    end: new Date('2027-05-06T10:00:00Z'),
    summary: 'Politikredsmøde',
    organizer: { name: 'Samråd', email: o.organizer },
  });
  event.createAttendee({ email: o.email, name: o.name, status: ICalAttendeeStatus.TENTATIVE });
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await transport.sendMail({
    from: `"${o.name}" <${o.email}>`,
    to: o.organizer,
    subject: o.subject,
    text: o.text ?? 'Svar på mødeindkaldelse',
    icalEvent: { method: 'REPLY', content: calendar.toString() },
  });
  return info.message as Buffer;
}
