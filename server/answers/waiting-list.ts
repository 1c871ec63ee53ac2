import type { Db } from '../../db/client.ts';
import { promotedMail, waitlistedMail } from '../../emails/answers.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { MeetingChange } from '../planning/meeting-changes.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { nowIso } from '../time.ts';
import { type Invitee, type MeetingFacts, readInvitee } from './meeting-reads.ts';
import {
  countPlacesTaken,
  deleteWaitlistEntry,
  firstWaiting,
  insertWaitlistEntry,
  queuePosition,
} from './queries.ts';

/**
 * A meeting with a capacity admits acceptances in the order they arrive; the rest wait in
 * `waitlist_entry` (first come, first served) and move up when a place frees. The invitation's
 * response stays "accepted" either way; the entry says it has no place yet. Every change is told
 * by email, queued in the caller's transaction.
 */

/** Acceptances holding a place (not waiting, not withdrawn). */
export function placesTaken(db: Db, meetingId: number): number {
  return countPlacesTaken(db, meetingId);
}

/** 1-based place in the queue, or null when the invitation is not waiting. */
export function waitlistPosition(db: Db, invitationId: number): number | null {
  return queuePosition(db, invitationId);
}

export function hasFreePlace(db: Db, meeting: Pick<MeetingFacts, 'id' | 'capacity'>): boolean {
  return meeting.capacity == null || countPlacesTaken(db, meeting.id, meeting.capacity) < meeting.capacity;
}

/** Puts an acceptance in the queue and tells the invitee their number (`invitee`: who, as read by the caller). */
export function joinWaitlist(
  db: Db,
  meeting: MeetingFacts,
  invitee: Pick<Invitee, 'invitationId' | 'name' | 'email' | 'language'>,
): number {
  const { invitationId } = invitee;
  insertWaitlistEntry(db, meeting.id, invitationId, nowIso());
  const position = waitlistPosition(db, invitationId)!;
  enqueueMail(db, {
    kind: 'waitlist',
    to: { address: invitee.email, name: invitee.name },
    ...waitlistedMail(invitee, meeting, position),
    meetingId: meeting.id,
    invitationId,
  });
  return position;
}

/** Takes an invitation out of the queue (it answered something else); true when it was waiting. */
export function leaveWaitlist(db: Db, invitationId: number): boolean {
  return deleteWaitlistEntry(db, invitationId);
}

/**
 * Gives free places to the longest waiting, in order, and tells each by email. Call it after any
 * change that may free a place: a decline, a delegation, a withdrawal, a raised capacity.
 * Returns the promoted invitation ids.
 */
export function fillFreePlaces(db: Db, meetingId: number): number[] {
  const meeting = meetingRecord(db, meetingId);
  if (meeting.status === 'cancelled') return [];
  const promoted: number[] = [];
  while (hasFreePlace(db, meeting)) {
    const next = firstWaiting(db, meetingId);
    if (next === undefined) break;
    leaveWaitlist(db, next);
    const invitee = readInvitee(db, next);
    enqueueMail(db, {
      kind: 'waitlist-promoted',
      to: { address: invitee.email, name: invitee.name },
      ...promotedMail(invitee, meeting),
      meetingId: meeting.id,
      invitationId: next,
    });
    promoted.push(next);
  }
  return promoted;
}

/** Planning changed a meeting: a raised capacity gives places to those waiting, in the same transaction. */
export function fillPlacesAfterChange(db: Db, { before, after }: MeetingChange): void {
  if (after.capacity !== before.capacity && after.status !== 'cancelled') fillFreePlaces(db, after.id);
}
