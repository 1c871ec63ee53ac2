import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Db } from '../../db/client.ts';
import { type DbOrTx, sqliteOf } from '../../db/statements.ts';
import { nowIso } from '../time.ts';
import { insertOutboxMessage } from './queries.ts';

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
  text: string;
  html?: string;
  /** Extra headers (Content-Language …), as the email template gives them. */
  headers?: Record<string, string>;
  /** Extra nodemailer fields (icalEvent, attachments, headers …). */
  extra?: Record<string, unknown>;
  /** `text` and `html` already as JSON strings (JSON.stringify of each), when the caller has them. */
  json?: { text: string; html: string };
  /** More fields, already as JSON members (storedJsonMembers), stored after `extra`: shared parts serialised once. */
  extraJson?: string;
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
): { id: number; messageId: string } {
  const now = nowIso();
  const messageId = `<${randomUUID()}@${domain}>`;
  const id = insertOutboxMessage(db, {
    messageId,
    kind: mail.kind,
    toAddress: mail.to.address,
    toName: mail.to.name ?? null,
    subject: mail.subject,
    content: storedContent(mail),
    meetingId: mail.meetingId ?? null,
    invitationId: mail.invitationId ?? null,
    now,
  });
  mailWaiting(db);
  return { id, messageId };
}

/** `{"a":…,"b":…}` without its braces, to be stored after a message's own fields (OutgoingMail.extraJson). */
export function storedJsonMembers(fields: Record<string, unknown>): string {
  return JSON.stringify(fields).slice(1, -1);
}

/** The stored content: the same JSON as of one object holding the fields of extraJson after the others. */
function storedContent(mail: OutgoingMail): string {
  const own = mail.json
    ? withMembers(
        `{"text":${mail.json.text},"html":${mail.json.html}}`,
        JSON.stringify({ headers: mail.headers, ...mail.extra }),
      )
    : JSON.stringify({ text: mail.text, html: mail.html, headers: mail.headers, ...mail.extra });
  return mail.extraJson ? `${own.slice(0, -1)},${mail.extraJson}}` : own;
}

/** The JSON object `json` with the members of the JSON object `more` after its own. */
function withMembers(json: string, more: string): string {
  return more === '{}' ? json : `${json.slice(0, -1)},${more.slice(1)}`;
}
