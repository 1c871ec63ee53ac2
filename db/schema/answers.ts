import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { invitation } from './invitations.ts';
import { meeting, meetingSession } from './planning.ts';
import { organisation } from './register.ts';

/**
 * Acceptances beyond a meeting's capacity wait here, first come first served (by id); the
 * invitation keeps response "accepted", the row says it has no place yet.
 */
export const waitlistEntry = sqliteTable(
  'waitlist_entry',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    invitationId: integer('invitation_id')
      .notNull()
      .references(() => invitation.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('waitlist_invitation_uq').on(t.invitationId),
    index('waitlist_meeting_idx').on(t.meetingId, t.id),
  ],
);

/**
 * A version of each meeting's waiting list, set to a new random value by triggers (migration 0030)
 * whenever an entry comes or goes or a waiting invitation is withdrawn or restored: the places kept
 * in memory (answers/queries.ts queuePosition) are read again when it changes. Random, not counted
 * up, so a change rolled back and another made after it never give the same version twice. No
 * foreign key: a meeting deleted with its waiting list still changes the version as it goes.
 */
export const waitlistVersion = sqliteTable('waitlist_version', {
  meetingId: integer('meeting_id').primaryKey(),
  version: integer('version').notNull(),
});

/** Every calendar reply received by email, matched or not: nothing that arrives is dropped. */
export const inboundReply = sqliteTable(
  'inbound_reply',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    receivedAt: text('received_at').notNull(),
    /** How it came in: smtp (the built-in receiver) or http (POST /api/inbound/email). */
    channel: text('channel', { enum: ['smtp', 'http'] }).notNull(),
    fromAddress: text('from_address'),
    subject: text('subject'),
    messageId: text('message_id'),
    uid: text('uid'),
    attendee: text('attendee'),
    partstat: text('partstat'),
    invitationId: integer('invitation_id').references(() => invitation.id, { onDelete: 'set null' }),
    /** Why it matched nothing (null when it was recorded). */
    reason: text('reason'),
  },
  (t) => [index('inbound_reply_received_idx').on(t.receivedAt), index('inbound_reply_uid_idx').on(t.uid)],
);

/** Which organisation was chased for which meeting, so each gets one reminder only. */
export const organisationChaser = sqliteTable(
  'organisation_chaser',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    sentAt: text('sent_at').notNull(),
    /** The outbox message, or null when the organisation had no fixed contact to write to. */
    outboxMessageId: integer('outbox_message_id'),
  },
  (t) => [uniqueIndex('organisation_chaser_uq').on(t.meetingId, t.organisationId)],
);

/**
 * The session an invitee chose (one row per invitation, so at most one session per person and
 * meeting), with their own calendar SEQUENCE: invitees of one meeting sit in different sessions, so
 * each holds a calendar entry of their own (UID per invitation) that moves with their choice.
 */
export const sessionSeat = sqliteTable(
  'session_seat',
  {
    invitationId: integer('invitation_id')
      .primaryKey()
      .references(() => invitation.id, { onDelete: 'cascade' }),
    /** Null once given up (declined, session cancelled): the row keeps the calendar's SEQUENCE. */
    sessionId: integer('session_id').references(() => meetingSession.id, { onDelete: 'set null' }),
    /** Beyond the session's capacity: waits, first come first served by queueNo. */
    waiting: integer('waiting', { mode: 'boolean' }).notNull().default(false),
    queueNo: integer('queue_no').notNull().default(0),
    /** SEQUENCE of the invitee's own calendar entry; -1 while no REQUEST was ever sent. */
    icsSequence: integer('ics_sequence').notNull().default(-1),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('session_seat_session_idx').on(t.sessionId, t.waiting, t.queueNo)],
);
