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
/** Runs inside the transaction that created the meeting (the seam for a draft agenda). */
export type MeetingCreatedListener = (db: Db, meetingId: number) => void;

/**
 * Planning announces what it did to meetings; the reacting sides (sending, answering, outcomes)
 * subscribe once, in `server/plugins/meeting-change-wiring.ts`. Planning imports none of them.
 */
export class MeetingChanges {
  readonly #changed: MeetingChangeListener[] = [];
  readonly #created: MeetingCreatedListener[] = [];

  onChanged(listener: MeetingChangeListener): void {
    this.#changed.push(listener);
  }

  onCreated(listener: MeetingCreatedListener): void {
    this.#created.push(listener);
  }

  announceChange(db: Db, change: MeetingChange): void {
    for (const listener of this.#changed) listener(db, change);
  }

  announceCreated(db: Db, meetingId: number): void {
    for (const listener of this.#created) listener(db, meetingId);
  }
}
