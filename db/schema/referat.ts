import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { meeting } from './planning.ts';

/**
 * Every saved version of a meeting's referat (the minutes sent to participants and the area). The
 * newest version is the referat; it is approved by a facilitator before it may be sent, and an
 * edit after approval is a new, unapproved version, so what was sent is never changed.
 */
export const referatVersion = sqliteTable(
  'referat_version',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    /** 1, 2, … per meeting. */
    version: integer('version').notNull(),
    text: text('text').notNull(),
    author: text('author').notNull(),
    createdAt: text('created_at').notNull(),
    approvedAt: text('approved_at'),
    approvedBy: text('approved_by'),
    sentAt: text('sent_at'),
    sentBy: text('sent_by'),
    /** How many people it was sent to. */
    sentTo: integer('sent_to'),
  },
  (t) => [uniqueIndex('referat_version_uq').on(t.meetingId, t.version)],
);

/**
 * A file attached to a meeting (slides, guidance, a template). The bytes are kept in the
 * materials folder (MATERIALS_DIR) under `storedName`, never under the name the uploader gave.
 */
export const meetingMaterial = sqliteTable(
  'meeting_material',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    /** The file's name in the materials folder: a random id and the extension. */
    storedName: text('stored_name').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('meeting_material_meeting_idx').on(t.meetingId),
    uniqueIndex('meeting_material_stored_uq').on(t.storedName),
  ],
);
