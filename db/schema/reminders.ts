import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { invitation } from './invitations.ts';

/**
 * Each reminder once: one row per invitation and meeting start it was sent for, so a meeting
 * moved to a later date reminds again and nothing else does.
 */
export const invitationReminder = sqliteTable(
  'invitation_reminder',
  {
    invitationId: integer('invitation_id')
      .notNull()
      .references(() => invitation.id, { onDelete: 'cascade' }),
    meetingStartsAt: text('meeting_starts_at').notNull(),
    queuedAt: text('queued_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.invitationId, t.meetingStartsAt] })],
);
