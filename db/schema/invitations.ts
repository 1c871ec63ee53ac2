import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { meeting } from './planning.ts';
import { person } from './register.ts';

export const invitationResponses = [
  'needs_action',
  'accepted',
  'tentative',
  'declined',
  'delegated',
] as const;
export type InvitationResponse = (typeof invitationResponses)[number];

/** One person invited to one meeting. */
export const invitation = sqliteTable(
  'invitation',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'restrict' }),
    response: text('response', { enum: invitationResponses }).notNull().default('needs_action'),
    respondedAt: text('responded_at'),
    comment: text('comment'),
    /** What the invitee told about food and access; cleared some days after the meeting (retention). */
    dietaryNeeds: text('dietary_needs'),
    accessibilityNeeds: text('accessibility_needs'),
    /** SHA-256 of the answer-link secret; the secret itself is only in the email. */
    tokenLookupId: text('token_lookup_id'),
    tokenHash: text('token_hash'),
    tokenExpiresAt: text('token_expires_at'),
    /** The invitation this one stands in for (delegation). */
    delegatedFromId: integer('delegated_from_id'),
    /** Added by hand rather than by the audience rules. */
    addedByHand: integer('added_by_hand', { mode: 'boolean' }).notNull().default(false),
    /** Taken off the audience after being invited (they got a CANCEL). */
    withdrawnAt: text('withdrawn_at'),
    /**
     * The meeting got a new date or time after this answer: it counts as "not answered" and the
     * invitee is asked again, while an acceptance keeps its place (or waiting-list turn) until they do.
     */
    needsReconfirm: integer('needs_reconfirm', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    // one invitation per person and meeting; led by the person, it is also the index of a person's
    // invitations (erasure, scope, a person's meetings), one index fewer for every send to write: a
    // meeting's own invitations are read by invitation_meeting_response_idx
    uniqueIndex('invitation_person_meeting_uq').on(t.personId, t.meetingId),
    uniqueIndex('invitation_token_uq').on(t.tokenLookupId),
    // "who was this invitation passed on to": read on every answer page and answer. Partial: most
    // invitations are nobody's delegate, and their NULL keys cost every send a page of writes.
    index('invitation_delegated_from_idx').on(t.delegatedFromId).where(sql`delegated_from_id IS NOT NULL`),
    // places taken, attendance and report counts read one answer's rows, not the whole meeting's
    index('invitation_meeting_response_idx').on(t.meetingId, t.response),
    // a place in the waiting list counts the withdrawn ones out from this (rare) side, not by
    // reading every waiting invitation before it
    index('invitation_withdrawn_idx').on(t.meetingId).where(sql`withdrawn_at IS NOT NULL`),
  ],
);

export const outboxStatuses = ['queued', 'sending', 'sent', 'failed'] as const;

/**
 * What many messages share, stored once: the calendar data of a meeting's invitations (the same
 * for every invitee reading one language). A message's content is its own fields followed by its
 * part's members.
 */
export const outboxPart = sqliteTable('outbox_part', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** JSON object members without the braces (`"icalEvent":{…}`), appended to each message's own. */
  members: text('members').notNull(),
  createdAt: text('created_at').notNull(),
});

/**
 * Every email leaves through this table: written in the same transaction as the change that causes
 * it, delivered afterwards by the sender, so a crash loses nothing.
 */
export const outboxMessage = sqliteTable(
  'outbox_message',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Stable RFC 5322 Message-ID, so a repeated delivery is recognisable as the same message. */
    messageId: text('message_id').notNull(),
    /** What caused it: invitation, update, cancel, reminder, follow-up … */
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    toName: text('to_name'),
    subject: text('subject').notNull(),
    /** JSON of the nodemailer message fields beyond to/subject (text, html, icalEvent, attachments, headers). */
    content: text('content', { mode: 'json' }).notNull(),
    meetingId: integer('meeting_id').references(() => meeting.id, { onDelete: 'set null' }),
    invitationId: integer('invitation_id').references(() => invitation.id, { onDelete: 'set null' }),
    status: text('status', { enum: outboxStatuses }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    sentAt: text('sent_at'),
    /** A delivery report (bounce) came back for it after sending; last_error says why. */
    bouncedAt: text('bounced_at'),
    /** Members shared with other messages (outbox_part), after the message's own content. */
    partId: integer('part_id').references(() => outboxPart.id),
    /** The full RFC 822 source, kept when captured (no SMTP_URL) or for inspection. */
    raw: text('raw'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('outbox_message_id_uq').on(t.messageId),
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_meeting_idx').on(t.meetingId),
    index('outbox_part_idx').on(t.partId).where(sql`part_id IS NOT NULL`),
  ],
);

/**
 * Further answer links of an invitation (an update after a new time carries a fresh one), beside
 * the first link on the invitation row, which keeps working. Only the secret's hash is stored.
 */
export const answerLink = sqliteTable(
  'answer_link',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    invitationId: integer('invitation_id')
      .notNull()
      .references(() => invitation.id, { onDelete: 'cascade' }),
    lookupId: text('lookup_id').notNull(),
    secretHash: text('secret_hash').notNull(),
    expiresAt: text('expires_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('answer_link_lookup_uq').on(t.lookupId),
    index('answer_link_invitation_idx').on(t.invitationId),
  ],
);
