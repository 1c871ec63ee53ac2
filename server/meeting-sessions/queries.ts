import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/statements.ts';

/** The SQL of meeting sessions (sittings) and the seats invitees hold in them. */

export interface SessionRow {
  id: number;
  meetingId: number;
  startsAt: string;
  endsAt: string;
  venueName: string | null;
  venueAddress: string | null;
  capacity: number;
  cancelledAt: string | null;
  version: number;
}

export interface SessionFigures extends SessionRow {
  accepted: number;
  waiting: number;
  attended: number;
}

const SESSION_COLUMNS = `s.id, s.meeting_id AS meetingId, s.starts_at AS startsAt, s.ends_at AS endsAt,
  s.venue_name AS venueName, s.venue_address AS venueAddress, s.capacity,
  s.cancelled_at AS cancelledAt, s.version`;

export function sessionById(db: Db, id: number): SessionRow | undefined {
  return prepared<SessionRow>(db, `SELECT ${SESSION_COLUMNS} FROM meeting_session s WHERE s.id = ?`).get(id);
}

/** A meeting's sessions in time order, with places taken, waiting and attended (seats of withdrawn invitations do not count). */
export function sessionsWithFigures(db: Db, meetingId: number): SessionFigures[] {
  return prepared<SessionFigures>(
    db,
    `SELECT ${SESSION_COLUMNS},
       (SELECT count(*) FROM session_seat x JOIN invitation i ON i.id = x.invitation_id
         WHERE x.session_id = s.id AND NOT x.waiting AND i.withdrawn_at IS NULL) AS accepted,
       (SELECT count(*) FROM session_seat x JOIN invitation i ON i.id = x.invitation_id
         WHERE x.session_id = s.id AND x.waiting AND i.withdrawn_at IS NULL) AS waiting,
       (SELECT count(*) FROM session_seat x JOIN invitation i ON i.id = x.invitation_id
          JOIN attendance a ON a.meeting_id = i.meeting_id AND a.person_id = i.person_id
         WHERE x.session_id = s.id AND NOT x.waiting) AS attended
     FROM meeting_session s WHERE s.meeting_id = ? ORDER BY s.starts_at, s.id`,
  ).all(meetingId);
}

/** Whether the meeting is held as sessions (any session not cancelled). */
export function hasSessions(db: Db, meetingId: number): boolean {
  return (
    prepared(db, 'SELECT 1 FROM meeting_session WHERE meeting_id = ? AND cancelled_at IS NULL LIMIT 1').get(
      meetingId,
    ) !== undefined
  );
}

/** The first start and the last end of the meeting's sessions that are not cancelled. */
export function sessionSpan(db: Db, meetingId: number): { startsAt: string; endsAt: string } | undefined {
  const row = prepared<{ startsAt: string | null; endsAt: string | null }>(
    db,
    `SELECT min(starts_at) AS startsAt, max(ends_at) AS endsAt FROM meeting_session
      WHERE meeting_id = ? AND cancelled_at IS NULL`,
  ).get(meetingId);
  return row?.startsAt && row.endsAt ? { startsAt: row.startsAt, endsAt: row.endsAt } : undefined;
}

export function insertSession(
  db: Db,
  row: Omit<SessionRow, 'id' | 'cancelledAt' | 'version'> & { now: string },
): number {
  return Number(
    prepared(
      db,
      `INSERT INTO meeting_session (meeting_id, starts_at, ends_at, venue_name, venue_address, capacity, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.meetingId,
      row.startsAt,
      row.endsAt,
      row.venueName,
      row.venueAddress,
      row.capacity,
      row.now,
      row.now,
    ).lastInsertRowid,
  );
}

export function updateSessionRow(
  db: Db,
  id: number,
  row: Pick<SessionRow, 'startsAt' | 'endsAt' | 'venueName' | 'venueAddress' | 'capacity' | 'cancelledAt'>,
  now: string,
): void {
  prepared(
    db,
    `UPDATE meeting_session SET starts_at = ?, ends_at = ?, venue_name = ?, venue_address = ?, capacity = ?,
       cancelled_at = ?, version = version + 1, updated_at = ? WHERE id = ?`,
  ).run(row.startsAt, row.endsAt, row.venueName, row.venueAddress, row.capacity, row.cancelledAt, now, id);
}

/** The meeting's span follows its sessions, so its listing, rules and answer links see the days it is held. */
export function setMeetingSpan(
  db: Db,
  meetingId: number,
  span: { startsAt: string; endsAt: string },
  now: string,
) {
  prepared(
    db,
    `UPDATE meeting SET starts_at = ?, ends_at = ?, version = version + 1, updated_at = ?
      WHERE id = ? AND (starts_at <> ? OR ends_at <> ?)`,
  ).run(span.startsAt, span.endsAt, now, meetingId, span.startsAt, span.endsAt);
}

export interface SeatRow {
  invitationId: number;
  sessionId: number | null;
  waiting: number;
  queueNo: number;
  icsSequence: number;
}

const SEAT_COLUMNS = `invitation_id AS invitationId, session_id AS sessionId, waiting, queue_no AS queueNo,
  ics_sequence AS icsSequence`;

export function seatOf(db: Db, invitationId: number): SeatRow | undefined {
  return prepared<SeatRow>(db, `SELECT ${SEAT_COLUMNS} FROM session_seat WHERE invitation_id = ?`).get(
    invitationId,
  );
}

/** Everyone seated (holding or waiting) in a session, places first, then the line in order. */
export function seatsInSession(db: Db, sessionId: number): SeatRow[] {
  return prepared<SeatRow>(
    db,
    `SELECT ${SEAT_COLUMNS} FROM session_seat x
      WHERE session_id = ? AND EXISTS (SELECT 1 FROM invitation i WHERE i.id = x.invitation_id AND i.withdrawn_at IS NULL)
      ORDER BY waiting, queue_no, invitation_id`,
  ).all(sessionId);
}

export function placesHeld(db: Db, sessionId: number): number {
  return prepared<{ n: number }>(
    db,
    `SELECT count(*) AS n FROM session_seat x JOIN invitation i ON i.id = x.invitation_id
      WHERE x.session_id = ? AND NOT x.waiting AND i.withdrawn_at IS NULL`,
  ).get(sessionId)!.n;
}

export function firstWaitingSeat(db: Db, sessionId: number): number | undefined {
  return prepared<{ invitationId: number }>(
    db,
    `SELECT x.invitation_id AS invitationId FROM session_seat x JOIN invitation i ON i.id = x.invitation_id
      WHERE x.session_id = ? AND x.waiting AND i.withdrawn_at IS NULL ORDER BY x.queue_no, x.invitation_id LIMIT 1`,
  ).get(sessionId)?.invitationId;
}

/** 1-based place in the session's line. */
export function waitingPosition(db: Db, invitationId: number): number | null {
  const seat = seatOf(db, invitationId);
  if (!seat?.waiting || seat.sessionId == null) return null;
  return prepared<{ n: number }>(
    db,
    `SELECT count(*) AS n FROM session_seat x JOIN invitation i ON i.id = x.invitation_id
      WHERE x.session_id = ? AND x.waiting AND i.withdrawn_at IS NULL
        AND (x.queue_no < ? OR (x.queue_no = ? AND x.invitation_id <= ?))`,
  ).get(seat.sessionId, seat.queueNo, seat.queueNo, invitationId)!.n;
}

/** Takes (or changes) a seat: the next number in the session's line, so the line is first come, first served. */
export function putSeat(
  db: Db,
  invitationId: number,
  sessionId: number,
  waiting: boolean,
  now: string,
): void {
  prepared(
    db,
    `INSERT INTO session_seat (invitation_id, session_id, waiting, queue_no, updated_at)
     VALUES (@invitationId, @sessionId, @waiting,
       (SELECT coalesce(max(queue_no), 0) + 1 FROM session_seat WHERE session_id = @sessionId), @now)
     ON CONFLICT (invitation_id) DO UPDATE SET session_id = excluded.session_id, waiting = excluded.waiting,
       queue_no = excluded.queue_no, updated_at = excluded.updated_at`,
  ).run({ invitationId, sessionId, waiting: waiting ? 1 : 0, now });
}

export function admitSeat(db: Db, invitationId: number, now: string): void {
  prepared(db, 'UPDATE session_seat SET waiting = 0, updated_at = ? WHERE invitation_id = ?').run(
    now,
    invitationId,
  );
}

/** Gives the seat up but keeps the row: it holds the SEQUENCE of the invitee's calendar entry. */
export function clearSeat(db: Db, invitationId: number, now: string): void {
  prepared(
    db,
    'UPDATE session_seat SET session_id = NULL, waiting = 0, updated_at = ? WHERE invitation_id = ?',
  ).run(now, invitationId);
}

/** The SEQUENCE for the next calendar message of this invitee: 0 first, then one more each time. */
export function nextSeatSequence(db: Db, invitationId: number): number {
  prepared(db, 'UPDATE session_seat SET ics_sequence = ics_sequence + 1 WHERE invitation_id = ?').run(
    invitationId,
  );
  return seatOf(db, invitationId)!.icsSequence;
}

/** Each seat of a meeting's invitations: the session and, for those waiting, their place in its line. */
export function meetingSeats(
  db: Db,
  meetingId: number,
): { invitationId: number; sessionId: number; waiting: number; position: number | null }[] {
  return prepared<{ invitationId: number; sessionId: number; waiting: number; position: number | null }>(
    db,
    `SELECT x.invitation_id AS invitationId, x.session_id AS sessionId, x.waiting,
       CASE WHEN x.waiting THEN (SELECT count(*) FROM session_seat y JOIN invitation j ON j.id = y.invitation_id
         WHERE y.session_id = x.session_id AND y.waiting AND j.withdrawn_at IS NULL
           AND (y.queue_no < x.queue_no OR (y.queue_no = x.queue_no AND y.invitation_id <= x.invitation_id))) END AS position
     FROM session_seat x JOIN invitation i ON i.id = x.invitation_id
     JOIN meeting_session s ON s.id = x.session_id AND s.cancelled_at IS NULL
     WHERE i.meeting_id = ?`,
  ).all(meetingId);
}
