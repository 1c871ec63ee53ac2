import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../db/client.ts';
import type { meeting } from '../../db/schema/index.ts';

export type MeetingRow = typeof meeting.$inferSelect;

/**
 * What changed about a meeting, as the invitees would see it: a new time or place means an
 * updated calendar entry, a cancellation means a CANCEL. `before` and `after` are the rows around
 * the change, `after.icsSequence` already raised.
 */
export interface MeetingChange {
  kind: 'rescheduled' | 'moved' | 'cancelled' | 'details';
  before: MeetingRow;
  after: MeetingRow;
}

/** Runs inside the transaction of the change, so what it queues is saved with it or not at all. */
export type MeetingChangeListener = (db: Db, change: MeetingChange) => void;

declare module 'fastify' {
  interface FastifyInstance {
    /** Called by planning for every saved meeting change; invitations queues updates from it. */
    meetingChangeListeners: MeetingChangeListener[];
  }
}

/** Lets planning tell invitations about a moved or cancelled meeting without importing it. */
export default fp(
  async function meetingChanges(app: FastifyInstance) {
    app.decorate('meetingChangeListeners', [] as MeetingChangeListener[]);
  },
  { name: 'meeting-changes' },
);

export function notifyMeetingChange(
  db: Db,
  listeners: readonly MeetingChangeListener[],
  change: MeetingChange,
): void {
  for (const listener of listeners) listener(db, change);
}
