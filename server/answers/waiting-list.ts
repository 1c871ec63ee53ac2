import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/statements.ts';
import { promotedMail, waitlistedMail } from '../../emails/answers.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { MeetingChange } from '../planning/meeting-changes.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { nowIso } from '../time.ts';
import { type MeetingFacts, readInvitee } from './meeting-reads.ts';

/**
 * A meeting with a capacity admits acceptances in the order they arrive; the rest wait in
 * `waitlist_entry` (first come, first served) and move up when a place frees. The invitation's
 * response stays "accepted" either way; the entry says it has no place yet. Every change is told
 * by email, queued in the caller's transaction.
 */

/** Acceptances holding a place (not waiting, not withdrawn). */
export function placesTaken(db: Db, meetingId: number): number {
  const row = prepared<{ n: number }>(
    db,
    `SELECT count(*) AS n FROM invitation i
     WHERE i.meeting_id = ? AND i.response = 'accepted' AND i.withdrawn_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM waitlist_entry w WHERE w.invitation_id = i.id)`,
  ).get(meetingId);
  return row?.n ?? 0;
}

/** 1-based place in the queue, or null when the invitation is not waiting. */
export function waitlistPosition(db: Db, invitationId: number): number | null {
  const row = prepared<{ position: number }>(
    db,
    `SELECT (SELECT count(*) FROM waitlist_entry w2 JOIN invitation i2 ON i2.id = w2.invitation_id
               WHERE w2.meeting_id = w.meeting_id AND w2.id <= w.id AND i2.withdrawn_at IS NULL) AS position
     FROM waitlist_entry w WHERE w.invitation_id = ?`,
  ).get(invitationId);
  return row?.position ?? null;
}

export function hasFreePlace(db: Db, meeting: Pick<MeetingFacts, 'id' | 'capacity'>): boolean {
  return meeting.capacity == null || placesTaken(db, meeting.id) < meeting.capacity;
}

/** Puts an acceptance in the queue and tells the invitee their number. */
export function joinWaitlist(db: Db, meeting: MeetingFacts, invitationId: number): number {
  prepared(
    db,
    'INSERT OR IGNORE INTO waitlist_entry (meeting_id, invitation_id, created_at) VALUES (?, ?, ?)',
  ).run(meeting.id, invitationId, nowIso());
  const position = waitlistPosition(db, invitationId)!;
  const invitee = readInvitee(db, invitationId);
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
  return prepared(db, 'DELETE FROM waitlist_entry WHERE invitation_id = ?').run(invitationId).changes > 0;
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
    const next = prepared<{ invitationId: number }>(
      db,
      `SELECT w.invitation_id AS invitationId FROM waitlist_entry w JOIN invitation i ON i.id = w.invitation_id
       WHERE w.meeting_id = ? AND i.withdrawn_at IS NULL ORDER BY w.id LIMIT 1`,
    ).get(meetingId);
    if (!next) break;
    leaveWaitlist(db, next.invitationId);
    const invitee = readInvitee(db, next.invitationId);
    enqueueMail(db, {
      kind: 'waitlist-promoted',
      to: { address: invitee.email, name: invitee.name },
      ...promotedMail(invitee, meeting),
      meetingId: meeting.id,
      invitationId: next.invitationId,
    });
    promoted.push(next.invitationId);
  }
  return promoted;
}

/** Planning changed a meeting: a raised capacity gives places to those waiting, in the same transaction. */
export function fillPlacesAfterChange(db: Db, { before, after }: MeetingChange): void {
  if (after.capacity !== before.capacity && after.status !== 'cancelled') fillFreePlaces(db, after.id);
}
