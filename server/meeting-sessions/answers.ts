import type { Db } from '../../db/client.ts';
import { meetingWhere } from '../../emails/meeting-mail.ts';
import type { Actor } from '../accounts/accounts.ts';
import { type Invitee, readInvitee } from '../answers/meeting-reads.ts';
import { answerState, recordResponse } from '../answers/responses.ts';
import type { AnswerInput, AnswerState } from '../answers/schemas.ts';
import type { MailConfig } from '../invitations/queue-mail.ts';
import type { MeetingRecord } from '../planning/meetings.ts';
import { clockTime, meetingTime, weekdayDate } from '../text/dates.ts';
import type { Language } from '../text/language.ts';
import { hasSessions, meetingSeats, sessionsWithFigures } from './queries.ts';
import { SessionRefusal } from './refusals.ts';
import type { RsvpSessions, SeatState } from './schemas.ts';
import { chooseSession, leaveSessions, seatState } from './seats.ts';

/** An answer from the answer page or its JSON, with the seat it left the invitee in (meetings held as sessions). */
export interface SessionAnswer {
  answer: AnswerState;
  seat: SeatState | null;
}

/**
 * Records an answer. A meeting without sessions answers as before (recordResponse); one held as
 * sessions takes part only through a session: "accepted" names one (or keeps the one held), any
 * other answer gives the seat up, each until the choice closes.
 */
export function answerInvitation(
  db: Db,
  config: MailConfig,
  actor: Actor,
  invitationId: number,
  input: AnswerInput & { session?: number },
  now = new Date(),
  known: { invitee?: Invitee } = {},
): SessionAnswer {
  return db.transaction(() => {
    // `known.invitee`: as the caller read it in this transaction, just before
    const invitee = known.invitee ?? readInvitee(db, invitationId);
    if (!hasSessions(db, invitee.meetingId)) {
      const change = {
        response: input.answer,
        comment: input.comment,
        dietaryNeeds: input.dietaryNeeds,
        accessibilityNeeds: input.accessibilityNeeds,
      };
      return { answer: recordResponse(db, actor, invitationId, change, { invitee }), seat: null };
    }
    if (input.answer === 'accepted') {
      const session = input.session ?? seatState(db, invitationId).sessionId;
      if (session == null) throw new SessionRefusal({ reason: 'chooseOne' });
      const seat = chooseSession(db, config, actor, invitationId, { session, comment: input.comment }, now);
      return { answer: answerState(db, invitationId), seat };
    }
    leaveSessions(db, config, invitationId, now);
    const answer = recordResponse(db, actor, invitationId, {
      response: input.answer,
      comment: input.comment,
      dietaryNeeds: input.dietaryNeeds,
      accessibilityNeeds: input.accessibilityNeeds,
    });
    return { answer, seat: seatState(db, invitationId) };
  });
}

/** The sessions as the invitee's answer page lists them, in their language; undefined without sessions. */
export function rsvpSessions(
  db: Db,
  invitationId: number,
  m: MeetingRecord,
  lang: Language,
  now = new Date(),
): RsvpSessions | undefined {
  if (!hasSessions(db, m.id)) return undefined;
  const sessions = sessionsWithFigures(db, m.id)
    .filter((s) => s.cancelledAt === null)
    .map((s) => ({
      id: s.id,
      when: meetingTime(s.startsAt, s.endsAt, m.timeZone, lang),
      where: meetingWhere({
        venueName: s.venueName ?? m.venueName,
        venueAddress: s.venueAddress ?? m.venueAddress,
      }),
      capacity: s.capacity,
      free: Math.max(0, s.capacity - s.accepted),
      started: now.getTime() >= Date.parse(s.startsAt),
    }));
  const seat = seatState(db, invitationId);
  const until = seat.changeableUntil;
  return {
    sessions,
    seat,
    changeableUntil: until
      ? `${weekdayDate(until, m.timeZone, lang)} ${clockTime(until, m.timeZone, lang)}`
      : null,
  };
}

/**
 * A meeting held as sessions counts its waiting per session: each invitee's answer shows the
 * session they chose and whether they wait there, so the meeting's figures are the sessions' sums.
 */
export function withSessionSeats<
  T extends { invitationId: number; waitlisted: boolean; waitlistPosition: number | null },
>(db: Db, meetingId: number, invitees: T[]): (T & { sessionId?: number | null })[] {
  if (!hasSessions(db, meetingId)) return invitees;
  const seats = new Map(meetingSeats(db, meetingId).map((s) => [s.invitationId, s]));
  return invitees.map((i) => {
    const seat = seats.get(i.invitationId);
    return {
      ...i,
      sessionId: seat?.sessionId ?? null,
      waitlisted: Boolean(seat?.waiting),
      waitlistPosition: seat?.waiting ? seat.position : null,
    };
  });
}
