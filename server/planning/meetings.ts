import type { Db } from '../../db/client.ts';
import type { meeting } from '../../db/schema/index.ts';
import { type DbOrTx, preparedRows } from '../../db/statements.ts';
import { notFound } from '../http/problems.ts';
import { utcToZoned } from './days.ts';
import type { MeetingRow } from './meeting-changes.ts';
import { replyByDate } from './reply-deadline.ts';
import type { Meeting, MeetingQuery } from './schemas.ts';

/**
 * The one read of a meeting: its own columns (named as drizzle names them) and the names around it
 * (cycle year, area, convener, host, facilitator). Every other shape of a meeting derives from it.
 */
const MEETING_SELECT = `
  SELECT m.id, m.cycle_id AS cycleId, c.year AS cycleYear, m.area_id AS areaId, a.name AS areaName,
         a.kind AS areaKind, conv.id AS convenerId, conv.kind AS convenerKind, conv.code AS convenerCode,
         m.sequence_in_cycle AS sequenceInCycle, m.title, m.status, m.starts_at AS startsAt,
         m.ends_at AS endsAt, m.time_zone AS timeZone, m.host_organisation_id AS hostOrganisationId,
         h.name AS hostName, m.venue_name AS venueName, m.venue_address AS venueAddress,
         m.venue_id AS venueId, m.host_confirmed_at AS hostConfirmedAt, m.host_confirmed_by AS hostConfirmedBy,
         m.reply_by AS replyBy, json_extract(c.settings, '$.replyDaysBefore') AS replyDaysBefore,
         m.facilitator_id AS facilitatorId, p.name AS facilitatorName, p.email AS facilitatorEmail,
         m.capacity, m.audience_role_keys AS audienceRoleKeys, m.explanation, m.warnings,
         m.ics_uid AS icsUid, m.ics_sequence AS icsSequence, m.cancelled_at AS cancelledAt,
         m.cancel_reason AS cancelReason, m.version, m.created_at AS createdAt, m.updated_at AS updatedAt
    FROM meeting m
    JOIN area a ON a.id = m.area_id
    JOIN organisation conv ON conv.id = a.convener_id
    LEFT JOIN cycle c ON c.id = m.cycle_id
    LEFT JOIN organisation h ON h.id = m.host_organisation_id
    LEFT JOIN person p ON p.id = m.facilitator_id`;

const ORDER = 'ORDER BY a.name, m.sequence_in_cycle, m.starts_at, m.id';

/** A meeting row with the names its pages, emails and JSON show. */
export interface MeetingRecord extends MeetingRow {
  cycleYear: number | null;
  areaName: string;
  areaKind: string;
  convenerId: number;
  convenerKind: string;
  convenerCode: string | null;
  hostName: string | null;
  facilitatorName: string | null;
  facilitatorEmail: string | null;
  /** The cycle's replyDaysBefore (null: no cycle, or planned before the setting). */
  replyDaysBefore: number | null;
}

/** As SQLite returns it: the JSON columns still text. */
type StoredRecord = Omit<MeetingRecord, 'audienceRoleKeys' | 'warnings'> & {
  audienceRoleKeys: string | null;
  warnings: string | null;
};

/** The JSON columns parsed in place: the row is a fresh object (preparedRows), read for this caller. */
function recordOf(row: StoredRecord): MeetingRecord {
  const audienceRoleKeys = row.audienceRoleKeys ? (JSON.parse(row.audienceRoleKeys) as string[]) : null;
  const warnings = row.warnings ? (JSON.parse(row.warnings) as string[]) : null;
  const record = row as unknown as MeetingRecord;
  record.audienceRoleKeys = audienceRoleKeys;
  record.warnings = warnings;
  return record;
}

export function findMeetingRecord(db: DbOrTx, id: number): MeetingRecord | undefined {
  const row = preparedRows<StoredRecord>(db, `${MEETING_SELECT} WHERE m.id = ?`).get(id);
  return row && recordOf(row);
}

/** The meeting, or a 404 naming it. */
export function meetingRecord(db: DbOrTx, id: number): MeetingRecord {
  const found = findMeetingRecord(db, id);
  if (!found) throw notFound('Meeting', id);
  return found;
}

/** The API's shape of a meeting. */
export function toMeeting(row: MeetingRecord): Meeting {
  const start = utcToZoned(row.startsAt, row.timeZone);
  const end = utcToZoned(row.endsAt, row.timeZone);
  return {
    id: row.id,
    cycleId: row.cycleId,
    year: row.cycleYear ?? Number(start.date.slice(0, 4)),
    areaId: row.areaId,
    area: { id: row.areaId, name: row.areaName, kind: row.areaKind, districtCode: row.convenerCode },
    sequenceInCycle: row.sequenceInCycle,
    title: row.title,
    status: row.status,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    timeZone: row.timeZone,
    localDate: start.date,
    localStartTime: start.time,
    localEndTime: end.time,
    host:
      row.hostOrganisationId !== null && row.hostName !== null
        ? { id: row.hostOrganisationId, name: row.hostName }
        : null,
    venueName: row.venueName,
    venueAddress: row.venueAddress,
    venueId: row.venueId,
    replyBy: replyByDate(row),
    facilitator:
      row.facilitatorId !== null && row.facilitatorName !== null
        ? { id: row.facilitatorId, name: row.facilitatorName, email: row.facilitatorEmail ?? '' }
        : null,
    capacity: row.capacity,
    audienceRoleKeys: row.audienceRoleKeys,
    explanation: row.explanation,
    warnings: row.warnings ?? [],
    icsUid: row.icsUid,
    icsSequence: row.icsSequence,
    hostConfirmedAt: row.hostConfirmedAt,
    hostConfirmedBy: row.hostConfirmedBy,
    cancelledAt: row.cancelledAt,
    cancelReason: row.cancelReason,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function findMeeting(db: Db, id: number): Meeting | undefined {
  const found = findMeetingRecord(db, id);
  return found && toMeeting(found);
}

export function meetingsOfCycle(db: Db, cycleId: number): Meeting[] {
  return preparedRows<StoredRecord>(db, `${MEETING_SELECT} WHERE m.cycle_id = ? ${ORDER}`)
    .all(cycleId)
    .map((row) => toMeeting(recordOf(row)));
}

/**
 * Filters bind NULL when absent, so one prepared statement serves every combination. `programmes`
 * is the caller's scope (scopeParam: a JSON array of programme ids, or null for all).
 */
export function listMeetings(db: Db, query: MeetingQuery, programmes: string | null): Meeting[] {
  const rows = preparedRows<StoredRecord>(
    db,
    `${MEETING_SELECT}
     WHERE (:programmes IS NULL OR a.programme_id IN (SELECT value FROM json_each(:programmes)))
       AND (:year IS NULL OR c.year = :year)
       AND (:district IS NULL OR conv.code = :district)
       AND (:area IS NULL OR m.area_id = :area)
       AND (:status IS NULL OR m.status = :status)
     ${ORDER}`,
  ).all({
    programmes,
    year: query.year ?? null,
    district: query.district ?? null,
    area: query.area ?? null,
    status: query.status ?? null,
  });
  return rows.map((row) => toMeeting(recordOf(row)));
}

export type MeetingInsert = typeof meeting.$inferInsert;
export type { MeetingRow };
