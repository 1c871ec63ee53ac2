import type { Db } from '../../db/client.ts';
import type { SessionOffer } from '../../emails/meeting-mail.ts';
import type { Actor } from '../accounts/accounts.ts';
import { extendAnswerTokens } from '../answers/tokens.ts';
import { recordAudit } from '../audit/audit.ts';
import { assertVersion, notFound } from '../http/problems.ts';
import type { MailConfig } from '../invitations/queue-mail.ts';
import { utcToZoned, zonedToUtc } from '../planning/days.ts';
import type { MeetingRecord } from '../planning/meetings.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { nowIso } from '../time.ts';
import {
  hasSessions,
  insertSession,
  placesHeld,
  type SessionFigures,
  type SessionRow,
  seatsInSession,
  sessionById,
  sessionSpan,
  sessionsWithFigures,
  setMeetingSpan,
  updateSessionRow,
} from './queries.ts';
import { SessionRefusal } from './refusals.ts';
import type {
  CancelMeetingSession,
  MeetingSession,
  MeetingSessionList,
  NewMeetingSession,
  UpdateMeetingSession,
} from './schemas.ts';
import { queueSeatNotice } from './seat-mail.ts';
import { clearSeatAndNotify, fillSessionPlaces } from './seats.ts';

/**
 * A meeting held as several sessions (sittings): the facilitator adds, moves and cancels them;
 * each has its own time, place and capacity. The meeting's own start and end follow its sessions.
 */

function assertOpen(m: MeetingRecord): void {
  if (m.status === 'cancelled' || m.status === 'held')
    throw new SessionRefusal({ reason: 'meetingClosed', status: m.status });
}

function sessionOf(db: Db, meetingId: number, sessionId: number): SessionRow {
  const s = sessionById(db, sessionId);
  if (!s || s.meetingId !== meetingId) throw notFound('Session', sessionId);
  return s;
}

/** UTC instants of a local date and times in the meeting's zone; the end must come after the start. */
function instants(timeZone: string, date: string, startTime: string, endTime: string) {
  if (endTime <= startTime) throw new SessionRefusal({ reason: 'endBeforeStart' });
  return { startsAt: zonedToUtc(date, startTime, timeZone), endsAt: zonedToUtc(date, endTime, timeZone) };
}

/** The meeting spans its sessions, and its answer links last until the last one ends. */
function followSessions(db: Db, m: MeetingRecord, now: string): void {
  const span = sessionSpan(db, m.id);
  if (!span) return;
  setMeetingSpan(db, m.id, span, now);
  extendAnswerTokens(db, m.id, span.endsAt);
}

export function sessionView(s: SessionFigures, timeZone: string): MeetingSession {
  const start = utcToZoned(s.startsAt, timeZone);
  const active = s.cancelledAt === null;
  return {
    id: s.id,
    meetingId: s.meetingId,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    localDate: start.date,
    localStartTime: start.time,
    localEndTime: utcToZoned(s.endsAt, timeZone).time,
    venueName: s.venueName,
    venueAddress: s.venueAddress,
    capacity: s.capacity,
    accepted: active ? s.accepted : 0,
    waiting: active ? s.waiting : 0,
    free: active ? Math.max(0, s.capacity - s.accepted) : 0,
    attended: s.attended,
    cancelledAt: s.cancelledAt,
    version: s.version,
  };
}

/** A meeting's sessions with their figures, and the meeting's: the sums over the sessions held. */
export function listSessions(db: Db, meetingId: number): MeetingSessionList {
  const m = meetingRecord(db, meetingId);
  const sessions = sessionsWithFigures(db, meetingId).map((s) => sessionView(s, m.timeZone));
  const held = sessions.filter((s) => s.cancelledAt === null);
  const sum = (k: 'capacity' | 'accepted' | 'waiting' | 'free' | 'attended') =>
    held.reduce((n, s) => n + s[k], 0);
  return {
    meetingId,
    sessions,
    totals: {
      capacity: sum('capacity'),
      accepted: sum('accepted'),
      waiting: sum('waiting'),
      free: sum('free'),
      attended: sessions.reduce((n, s) => n + s.attended, 0),
    },
  };
}

export function getSession(db: Db, meetingId: number, sessionId: number): MeetingSession {
  const found = listSessions(db, meetingId).sessions.find((s) => s.id === sessionId);
  if (!found) throw notFound('Session', sessionId);
  return found;
}

/** The sessions an invitation offers, with whether each is full now. */
export function sessionOffers(db: Db, meetingId: number): SessionOffer[] {
  return sessionsWithFigures(db, meetingId)
    .filter((s) => s.cancelledAt === null)
    .map((s) => ({ ...s, full: s.accepted >= s.capacity }));
}

export function createSession(
  db: Db,
  actor: Actor,
  meetingId: number,
  input: NewMeetingSession,
): MeetingSession {
  return db.transaction(() => {
    const m = meetingRecord(db, meetingId);
    assertOpen(m);
    // invitees already hold the meeting's own calendar entry: sessions would leave it standing
    if (m.status === 'invited' && !hasSessions(db, meetingId))
      throw new SessionRefusal({ reason: 'invitedWithoutSessions' });
    const now = nowIso();
    const id = insertSession(db, {
      meetingId,
      ...instants(m.timeZone, input.date, input.startTime, input.endTime),
      venueName: input.venueName ?? null,
      venueAddress: input.venueAddress ?? null,
      capacity: input.capacity,
      now,
    });
    followSessions(db, m, now);
    recordAudit(db, actor, {
      action: 'create',
      entity: 'meeting_session',
      entityId: id,
      changes: { meetingId, ...input },
    });
    return getSession(db, meetingId, id);
  });
}

/**
 * Moves or edits a session. Only its participants (holding a place) get an updated REQUEST, with
 * their entry's SEQUENCE raised; a raised capacity lets its waiting list in.
 */
export function updateSession(
  db: Db,
  config: MailConfig,
  actor: Actor,
  meetingId: number,
  sessionId: number,
  patch: UpdateMeetingSession,
): MeetingSession {
  return db.transaction(() => {
    const m = meetingRecord(db, meetingId);
    assertOpen(m);
    const before = sessionOf(db, meetingId, sessionId);
    assertVersion('Session', before.version, patch.version);
    if (before.cancelledAt) throw new SessionRefusal({ reason: 'sessionCancelled', sessionId });
    const start = utcToZoned(before.startsAt, m.timeZone);
    const times = instants(
      m.timeZone,
      patch.date ?? start.date,
      patch.startTime ?? start.time,
      patch.endTime ?? utcToZoned(before.endsAt, m.timeZone).time,
    );
    const capacity = patch.capacity ?? before.capacity;
    const taken = placesHeld(db, sessionId);
    if (capacity < taken) throw new SessionRefusal({ reason: 'capacityBelowTaken', taken });
    const after = {
      ...before,
      ...times,
      venueName: patch.venueName === undefined ? before.venueName : patch.venueName,
      venueAddress: patch.venueAddress === undefined ? before.venueAddress : patch.venueAddress,
      capacity,
    };
    const now = nowIso();
    updateSessionRow(db, sessionId, after, now);
    const moved =
      after.startsAt !== before.startsAt ||
      after.endsAt !== before.endsAt ||
      after.venueName !== before.venueName ||
      after.venueAddress !== before.venueAddress;
    let notified = 0;
    if (moved)
      for (const seat of seatsInSession(db, sessionId))
        if (!seat.waiting) {
          queueSeatNotice(db, config, seat.invitationId, after, 'moved');
          notified++;
        }
    const promoted = fillSessionPlaces(db, config, sessionId);
    followSessions(db, m, now);
    recordAudit(db, actor, {
      action: 'update',
      entity: 'meeting_session',
      entityId: sessionId,
      changes: { meetingId, ...patch, notified, promoted: promoted.length },
    });
    return getSession(db, meetingId, sessionId);
  });
}

/** Cancels a session: its participants get a CANCEL of their entry, and everyone seated in it may choose again. */
export function cancelSession(
  db: Db,
  config: MailConfig,
  actor: Actor,
  meetingId: number,
  sessionId: number,
  input: CancelMeetingSession,
): MeetingSession {
  return db.transaction(() => {
    const m = meetingRecord(db, meetingId);
    assertOpen(m);
    const before = sessionOf(db, meetingId, sessionId);
    assertVersion('Session', before.version, input.version);
    if (before.cancelledAt) return getSession(db, meetingId, sessionId);
    const now = nowIso();
    let cancelled = 0;
    for (const seat of seatsInSession(db, sessionId)) {
      if (!seat.waiting) cancelled++;
      clearSeatAndNotify(db, config, seat, before, 'cancelled');
    }
    updateSessionRow(db, sessionId, { ...before, cancelledAt: now }, now);
    followSessions(db, m, now);
    recordAudit(db, actor, {
      action: 'delete',
      entity: 'meeting_session',
      entityId: sessionId,
      changes: { meetingId, cancelled: true, reason: input.reason ?? null, participants: cancelled },
    });
    return getSession(db, meetingId, sessionId);
  });
}
