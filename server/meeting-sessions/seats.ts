import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { readInvitee } from '../answers/meeting-reads.ts';
import { updateAnswer } from '../answers/queries.ts';
import { recordAudit } from '../audit/audit.ts';
import { conflict, notFound } from '../http/problems.ts';
import type { MailConfig } from '../invitations/queue-mail.ts';
import type { MeetingChange } from '../planning/meeting-changes.ts';
import { type MeetingRecord, meetingRecord } from '../planning/meetings.ts';
import { replyByDate, replyClosesAt } from '../planning/reply-deadline.ts';
import {
  admitSeat,
  clearSeat,
  firstWaitingSeat,
  placesHeld,
  putSeat,
  type SeatRow,
  type SessionRow,
  seatOf,
  seatsInSession,
  sessionById,
  sessionsWithFigures,
  waitingPosition,
} from './queries.ts';
import { SessionRefusal } from './refusals.ts';
import type { SeatState } from './schemas.ts';
import { queueSeatNotice, type SeatNotice } from './seat-mail.ts';

/**
 * The invitee's side of a meeting held as sessions: a person holds at most one seat per meeting
 * (one session_seat row per invitation), a session admits acceptances up to its capacity and the
 * rest wait in its own line, first come first served. Every seat change that touches the invitee's
 * calendar queues their own REQUEST or CANCEL in the same transaction.
 */

/**
 * Until when a choice may change: the meeting's reply deadline (its own, else its cycle's days
 * before; see planning/reply-deadline.ts), and never after the session held has begun. A first
 * choice is taken after the deadline (marked late like any answer), until the session begins.
 */
export function changeDeadline(meeting: MeetingRecord, session: Pick<SessionRow, 'startsAt'>): string {
  const replyCloses = replyClosesAt(replyByDate(meeting), meeting.timeZone);
  return Date.parse(replyCloses) < Date.parse(session.startsAt) ? replyCloses : session.startsAt;
}

function assertChangeable(meeting: MeetingRecord, session: SessionRow | undefined, now: Date): void {
  if (!session) return;
  const until = changeDeadline(meeting, session);
  if (now.getTime() >= Date.parse(until)) throw new SessionRefusal({ reason: 'choiceClosed', until });
}

export function seatState(db: Db, invitationId: number): SeatState {
  const seat = seatOf(db, invitationId);
  const session = seat?.sessionId == null ? undefined : sessionById(db, seat.sessionId);
  return {
    invitationId,
    sessionId: session?.id ?? null,
    waiting: Boolean(session && seat?.waiting),
    waitingPosition: session ? waitingPosition(db, invitationId) : null,
    changeableUntil: session ? changeDeadline(meetingRecord(db, session.meetingId), session) : null,
  };
}

/** Gives free places of a session to the longest waiting, each with their REQUEST; returns them. */
export function fillSessionPlaces(db: Db, config: MailConfig, sessionId: number): number[] {
  const session = sessionById(db, sessionId);
  if (!session || session.cancelledAt) return [];
  const promoted: number[] = [];
  while (placesHeld(db, sessionId) < session.capacity) {
    const next = firstWaitingSeat(db, sessionId);
    if (next === undefined) break;
    admitSeat(db, next, new Date().toISOString());
    queueSeatNotice(db, config, next, session, 'promoted');
    promoted.push(next);
  }
  return promoted;
}

/** Gives a seat up; one who held a place gets a CANCEL of their entry, and the session's line moves up. */
export function clearSeatAndNotify(
  db: Db,
  config: MailConfig,
  seat: SeatRow,
  session: SessionRow,
  notice: Extract<SeatNotice, 'left' | 'cancelled'>,
): void {
  clearSeat(db, seat.invitationId, new Date().toISOString());
  if (seat.waiting) return;
  queueSeatNotice(db, config, seat.invitationId, session, notice);
  if (notice === 'left') fillSessionPlaces(db, config, session.id);
}

/** The invitee no longer takes part (declined, tentative, passed on): their seat goes to the next in line. */
export function leaveSessions(db: Db, config: MailConfig, invitationId: number, now = new Date()): void {
  const seat = seatOf(db, invitationId);
  const session = seat?.sessionId == null ? undefined : sessionById(db, seat.sessionId);
  if (!seat || !session) return;
  if (!seat.waiting) assertChangeable(meetingRecord(db, session.meetingId), session, now);
  clearSeatAndNotify(db, config, seat, session, 'left');
}

/**
 * Chooses a session (or changes to another): a free place is taken at once and the invitee's
 * calendar gets one REQUEST, moved with the same UID and a raised SEQUENCE on a change; a full
 * session puts a newcomer on its waiting list, while one who holds a place keeps it (refused).
 */
export function chooseSession(
  db: Db,
  config: MailConfig,
  actor: Actor,
  invitationId: number,
  input: { session: number; comment?: string | null },
  now = new Date(),
): SeatState {
  return db.transaction(() => {
    const invitee = readInvitee(db, invitationId);
    if (invitee.withdrawnAt) throw notFound('Invitation', invitationId);
    const meeting = meetingRecord(db, invitee.meetingId);
    if (meeting.status === 'cancelled') throw conflict('The meeting is cancelled; answers are closed');
    const target = sessionById(db, input.session);
    if (!target || target.meetingId !== meeting.id)
      throw new SessionRefusal({ reason: 'notOfMeeting', sessionId: input.session });
    if (target.cancelledAt) throw new SessionRefusal({ reason: 'sessionCancelled', sessionId: target.id });
    const seat = seatOf(db, invitationId);
    const current = seat?.sessionId == null ? undefined : sessionById(db, seat.sessionId);
    // one waiting holds no place: moving to another session is like a first choice
    if (seat && !seat.waiting) assertChangeable(meeting, current, now);
    if (now.getTime() >= Date.parse(target.startsAt)) throw new SessionRefusal({ reason: 'sessionStarted' });
    const iso = now.toISOString();
    const comment = input.comment === undefined ? invitee.comment : input.comment;
    updateAnswer(db, invitationId, { response: 'accepted', comment, respondedAt: iso, now: iso });
    if (current?.id === target.id) return seatState(db, invitationId);
    const holding = Boolean(current && seat && !seat.waiting);
    const free = placesHeld(db, target.id) < target.capacity;
    if (holding && !free)
      throw new SessionRefusal({
        reason: 'sessionFull',
        keptSessionId: current!.id,
        keptStartsAt: current!.startsAt,
      });
    putSeat(db, invitationId, target.id, !free, iso);
    if (free) queueSeatNotice(db, config, invitationId, target, holding ? 'changed' : 'chosen');
    // the place given up goes to the first waiting there
    if (current && holding) fillSessionPlaces(db, config, current.id);
    recordAudit(db, actor, {
      action: 'update',
      entity: 'invitation',
      entityId: invitationId,
      changes: { session: [current?.id ?? null, target.id], waiting: !free },
    });
    return seatState(db, invitationId);
  });
}

/**
 * Planning cancelled a meeting held as sessions: each participant's own entry gets its CANCEL (the
 * meeting's shared UID was never in their calendar). Returns how many were queued.
 */
export function cancelSeatsWithMeeting(db: Db, config: MailConfig, change: MeetingChange): number {
  if (change.kind !== 'cancelled') return 0;
  let queued = 0;
  for (const session of sessionsWithFigures(db, change.after.id))
    if (!session.cancelledAt)
      for (const seat of seatsInSession(db, session.id))
        if (!seat.waiting) {
          queueSeatNotice(db, config, seat.invitationId, session, 'meetingCancelled');
          queued++;
        }
  return queued;
}
