import type { Db } from '../../db/client.ts';
import type { MeetingChange } from '../planning/meeting-changes.ts';
import { nowIso } from '../time.ts';
import { markAskedAgain } from './queries.ts';

/**
 * A new date or time asks every invitee again (RFC 5546 practice, as Outlook and Google do): their
 * answers count as "not answered" and the update's ATTENDEE lines say NEEDS-ACTION. The stored
 * answer stays, so an acceptance keeps its place (and the waiting list its order) until the
 * invitee answers again. Someone who passed the invitation on is not asked; their delegate is.
 * Returns how many invitations are now waiting for a new answer.
 */
export function askAgainAfterNewTime(db: Db, meetingId: number): number {
  return markAskedAgain(db, meetingId, nowIso());
}

/** The answering side's part of a meeting change: only a new date or time asks again, not a new room. */
export function askAgainAfterChange(db: Db, change: MeetingChange): void {
  if (change.kind === 'rescheduled') askAgainAfterNewTime(db, change.after.id);
}

/** The answer as the calendar and the counts see it: one given before a new time is no answer yet. */
export function currentAnswer<R extends string>(
  response: R,
  needsReconfirm: boolean | number,
): R | 'needs_action' {
  return needsReconfirm && response !== 'delegated' ? 'needs_action' : response;
}
