import type Database from 'better-sqlite3';
import type { Db } from '../../db/client.ts';
import { type DbOrTx, sqliteOf } from '../../db/statements.ts';
import { randomBytesPooled } from '../random.ts';
import { nowIso } from '../time.ts';
import { insertOutboxMessage, insertOutboxMessages, insertOutboxPart, type OutboxInsert } from './queries.ts';

/** The running sender of each database's outbox, told whenever a message starts waiting in it. */
const deliverers = new WeakMap<Database.Database, () => void>();

/**
 * Has `deliver` called whenever mail is queued (or queued again) in this database, so no caller of
 * enqueueMail has to remember to wake the sender. Returns the undo, for when the sender stops.
 */
export function deliverWhenQueued(db: DbOrTx, deliver: () => void): () => void {
  const client = sqliteOf(db);
  deliverers.set(client, deliver);
  return () => {
    if (deliverers.get(client) === deliver) deliverers.delete(client);
  };
}

/** A message waits in the outbox: the sender, if one runs, delivers it once the transaction commits. */
export function mailWaiting(db: DbOrTx): void {
  deliverers.get(sqliteOf(db))?.();
}

export interface OutgoingMail {
  kind: string;
  to: { address: string; name?: string | null };
  subject: string;
  /** The plain text; left out when the shared part (partId) holds it as a template to `fill`. */
  text?: string;
  html?: string;
  /** Extra headers (Content-Language …), as the email template gives them. */
  headers?: Record<string, string>;
  /** Extra nodemailer fields (icalEvent, attachments, headers …). */
  extra?: Record<string, unknown>;
  /** Fields many messages share, stored once (sharedMailPart): they follow the message's own. */
  partId?: number | null;
  /** This message's values for the stand-ins of its part's text and HTML (sender.ts fillStandIns), in order. */
  fill?: { text: string[]; html: string[] };
  meetingId?: number | null;
  invitationId?: number | null;
}

/**
 * Queues one email. Call it inside the transaction of the change that causes the mail, so both
 * are saved or neither; the sender delivers the queue afterwards.
 */
export function enqueueMail(
  db: Db,
  mail: OutgoingMail,
  domain = 'samraad.local',
  /** When it was queued: one instant for a batch queued together. */
  now = nowIso(),
): { id: number; messageId: string } {
  const row = outboxRow(mail, domain, now);
  const id = insertOutboxMessage(db, row);
  mailWaiting(db);
  return { id, messageId: row.messageId };
}

/** enqueueMail for many messages queued together (a meeting's invitees), stored a few statements at a time. */
export function enqueueMails(db: Db, mails: OutgoingMail[], domain = 'samraad.local', now = nowIso()): void {
  if (mails.length === 0) return;
  insertOutboxMessages(
    db,
    mails.map((mail) => outboxRow(mail, domain, now)),
  );
  mailWaiting(db);
}

/** The outbox row of a message, with its new Message-ID. */
function outboxRow(mail: OutgoingMail, domain: string, now: string): OutboxInsert {
  return {
    messageId: `<${timeOrderedUuid()}@${domain}>`,
    kind: mail.kind,
    toAddress: mail.to.address,
    toName: mail.to.name ?? null,
    subject: mail.subject,
    content: storedContent(mail),
    partId: mail.partId ?? null,
    meetingId: mail.meetingId ?? null,
    invitationId: mail.invitationId ?? null,
    now,
  };
}

/**
 * A UUID of version 7 (RFC 9562 §5.7): 48 bits of Unix time in milliseconds, then 74 random bits.
 * As unique as a random UUID, but later ones sort after earlier ones, so each new Message-ID goes
 * at the end of the outbox's unique index instead of onto a random page of it: a send of
 * thousands of messages writes a few index pages instead of one per message.
 */
export function timeOrderedUuid(now = Date.now()): string {
  const bytes = Buffer.from(randomBytesPooled(16));
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Stores fields that many messages carry alike (a meeting's calendar data for its invitees) once,
 * for enqueueMail's `partId`: every message sent reads them after its own, as if stored in each.
 */
export function sharedMailPart(db: Db, fields: Record<string, unknown>): number {
  return insertOutboxPart(db, JSON.stringify(fields).slice(1, -1), nowIso());
}

/** The message's own stored content (its shared part's fields are stored apart). */
function storedContent(mail: OutgoingMail): string {
  return JSON.stringify({
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
    ...mail.extra,
    fill: mail.fill,
  });
}
