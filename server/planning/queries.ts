import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { area, cycle, meeting, organisation, person } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import type { MeetingRow } from './meeting-changes.ts';
import type { CycleSummary } from './schemas.ts';

/** Planning's SQL in one place, each query returning typed rows; the rest of planning holds none. */

export type CycleRow = typeof cycle.$inferSelect;

export interface AreaRow {
  id: number;
  name: string;
  kind: string;
  code: string | null;
}

export interface HostRow {
  areaId: number;
  id: number;
  name: string;
  address: string | null;
  willingness: 'willing' | 'not_asked';
  /** The host's first venue in the register, if it has one. */
  venueId: number | null;
}

export interface EarlierMeetingRow {
  areaId: number;
  hostId: number | null;
  startsAt: string;
  timeZone: string;
  sequence: number;
  year: number | null;
  kind: string | null;
}

export interface PersonNameRow {
  id: number;
  name: string;
}

export interface BookingRow {
  facilitatorId: number;
  startsAt: string;
  timeZone: string;
}

const AREA = 'SELECT a.id, a.name, a.kind, o.code FROM area a JOIN organisation o ON o.id = a.convener_id';

export function areasOfKind(db: Db, kind: string): AreaRow[] {
  return prepared<AreaRow>(db, `${AREA} WHERE a.kind = ? ORDER BY a.name, a.id`).all(kind);
}

export function areaOfKind(db: Db, id: number, kind: string): AreaRow | undefined {
  return prepared<AreaRow>(db, `${AREA} WHERE a.id = ? AND a.kind = ?`).get(id, kind);
}

/** Members of the areas that have not said no to hosting, the convener first, with their first venue. */
export function hostCandidates(db: Db, areaIds: number[]): HostRow[] {
  return prepared<HostRow>(
    db,
    `SELECT m.area_id AS areaId, o.id, o.name, o.address, m.host_willingness AS willingness,
            (SELECT v.id FROM venue v WHERE v.host_organisation_id = o.id ORDER BY v.id LIMIT 1) AS venueId
       FROM area_member m
       JOIN organisation o ON o.id = m.organisation_id
      WHERE m.area_id IN (SELECT value FROM json_each(?)) AND m.host_willingness != 'not_willing'
        AND m.member_role IN ('convener', 'member')
      ORDER BY m.area_id, m.member_role = 'convener' DESC, o.name, o.id`,
  ).all(JSON.stringify(areaIds));
}

/** The areas' meetings before a date, oldest first, with the cycle they belonged to. */
export function earlierMeetings(db: Db, areaIds: number[], before: string): EarlierMeetingRow[] {
  return prepared<EarlierMeetingRow>(
    db,
    `SELECT m.area_id AS areaId, m.host_organisation_id AS hostId, m.starts_at AS startsAt,
            m.time_zone AS timeZone, m.sequence_in_cycle AS sequence, c.year, c.area_kind AS kind
       FROM meeting m LEFT JOIN cycle c ON c.id = m.cycle_id
      WHERE m.area_id IN (SELECT value FROM json_each(?)) AND m.status != 'cancelled' AND m.starts_at < ?
      ORDER BY m.starts_at, m.id`,
  ).all(JSON.stringify(areaIds), before);
}

export function peopleNamed(db: Db, ids: number[]): PersonNameRow[] {
  return prepared<PersonNameRow>(
    db,
    'SELECT id, name FROM person WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id',
  ).all(JSON.stringify(ids));
}

/**
 * Holders of the facilitator role who belong to the programme: their organisation (or its parent)
 * is the programme's owner or a member or convener of one of its areas (an area of the programme's
 * kind that no programme holds counts as its own). Without a programme, every holder.
 */
export function facilitatorRoleHolders(
  db: Db,
  programme: { id: number; areaKind: string } | null,
): PersonNameRow[] {
  return prepared<PersonNameRow>(
    db,
    `WITH areas AS (
       SELECT id, convener_id FROM area
        WHERE :id IS NOT NULL AND (programme_id = :id OR (programme_id IS NULL AND kind = :kind))
     ), belonging AS (
       SELECT am.organisation_id AS id FROM area_member am JOIN areas a ON a.id = am.area_id
       UNION SELECT convener_id FROM areas
       UNION SELECT owner_organisation_id FROM programme WHERE id = :id
     )
     SELECT p.id, p.name FROM person p JOIN person_role pr ON pr.person_id = p.id
       JOIN role r ON r.id = pr.role_id
       LEFT JOIN organisation o ON o.id = p.organisation_id
      WHERE r.key = 'facilitator'
        AND (:id IS NULL OR p.organisation_id IN (SELECT id FROM belonging)
             OR o.parent_id IN (SELECT id FROM belonging))
      ORDER BY p.id`,
  ).all({ id: programme?.id ?? null, kind: programme?.areaKind ?? null });
}

/** The facilitators' meetings between two instants, leaving out some meetings (those being re-planned). */
export function facilitatorBookings(
  db: Db,
  facilitatorIds: number[],
  period: { from: string; to: string },
  excludeMeetingIds: number[],
): BookingRow[] {
  return prepared<BookingRow>(
    db,
    `SELECT facilitator_id AS facilitatorId, starts_at AS startsAt, time_zone AS timeZone FROM meeting
      WHERE facilitator_id IN (SELECT value FROM json_each(?)) AND status != 'cancelled'
        AND starts_at >= ? AND starts_at < ? AND id NOT IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(facilitatorIds), period.from, period.to, JSON.stringify(excludeMeetingIds));
}

export function personContacts(db: Db, ids: number[]): (PersonNameRow & { email: string })[] {
  return prepared<PersonNameRow & { email: string }>(
    db,
    'SELECT id, name, email FROM person WHERE id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(ids));
}

/** `programmes`: the caller's scope (a JSON array of programme ids), null for all. */
export function cycleSummaries(db: Db, programmes: string | null): CycleSummary[] {
  return prepared<CycleSummary>(
    db,
    `SELECT c.id, c.year, c.area_kind AS areaKind, c.name, c.version, c.created_at AS createdAt,
            c.updated_at AS updatedAt, count(m.id) AS meetingCount,
            count(CASE WHEN m.status = 'cancelled' THEN 1 END) AS cancelledCount
       FROM cycle c LEFT JOIN meeting m ON m.cycle_id = c.id
      WHERE :programmes IS NULL OR c.programme_id IN (SELECT value FROM json_each(:programmes))
      GROUP BY c.id ORDER BY c.year DESC, c.area_kind`,
  ).all({ programmes });
}

export function cycleById(db: Db, id: number): CycleRow | undefined {
  return db.select().from(cycle).where(eq(cycle.id, id)).get();
}

export function cycleOfYear(db: Db, year: number, kind: string): CycleRow | undefined {
  return db
    .select()
    .from(cycle)
    .where(and(eq(cycle.year, year), eq(cycle.areaKind, kind)))
    .get();
}

export function insertCycle(db: Db, values: typeof cycle.$inferInsert): CycleRow {
  return db.insert(cycle).values(values).returning().get();
}

export function updateCycle(db: Db, id: number, set: Partial<typeof cycle.$inferInsert>): void {
  db.update(cycle).set(set).where(eq(cycle.id, id)).run();
}

const INSERT_MEETING = `INSERT INTO meeting (cycle_id, area_id, sequence_in_cycle, title, status, starts_at,
  ends_at, time_zone, host_organisation_id, venue_name, venue_address, venue_id, reply_by, facilitator_id,
  capacity, audience_role_keys, explanation, warnings, ics_uid, ics_sequence, version, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const json = (value: unknown) => (value == null ? null : JSON.stringify(value));

/**
 * Inserts meetings with one prepared statement, row by row, and returns their ids in order. A plan
 * saves thousands at once: through the query builder, building the SQL of each 200-row batch cost
 * more than SQLite's own work (profiled: sqlToQuery was 70 % of insertMeetings).
 */
export function insertMeetings(db: Db, rows: (typeof meeting.$inferInsert)[]): number[] {
  const insert = prepared(db, INSERT_MEETING);
  return rows.map((r) =>
    Number(
      insert.run(
        r.cycleId ?? null,
        r.areaId,
        r.sequenceInCycle ?? 1,
        r.title,
        r.status ?? 'draft',
        r.startsAt,
        r.endsAt,
        r.timeZone ?? 'Europe/Copenhagen',
        r.hostOrganisationId ?? null,
        r.venueName ?? null,
        r.venueAddress ?? null,
        r.venueId ?? null,
        r.replyBy ?? null,
        r.facilitatorId ?? null,
        r.capacity ?? null,
        json(r.audienceRoleKeys),
        r.explanation ?? null,
        json(r.warnings),
        r.icsUid,
        r.icsSequence ?? 0,
        r.version ?? 1,
        r.createdAt,
        r.updatedAt,
      ).lastInsertRowid,
    ),
  );
}

export function meetingRow(db: Db, id: number): MeetingRow | undefined {
  return db.select().from(meeting).where(eq(meeting.id, id)).get();
}

export function updateMeetingRow(db: Db, id: number, set: Partial<typeof meeting.$inferInsert>): MeetingRow {
  return db.update(meeting).set(set).where(eq(meeting.id, id)).returning().get()!;
}

export function personName(db: Db, id: number): string | undefined {
  return db.select({ name: person.name }).from(person).where(eq(person.id, id)).get()?.name;
}

export function organisationPlace(db: Db, id: number): { name: string; address: string | null } | undefined {
  return db
    .select({ name: organisation.name, address: organisation.address })
    .from(organisation)
    .where(eq(organisation.id, id))
    .get();
}

type MeetingTime = { startsAt: string; timeZone: string };

/** When a facilitator's other (not cancelled) meetings are. */
export function facilitatorMeetingTimes(db: Db, facilitatorId: number, otherThan: number): MeetingTime[] {
  return db
    .select({ startsAt: meeting.startsAt, timeZone: meeting.timeZone })
    .from(meeting)
    .where(
      and(
        eq(meeting.facilitatorId, facilitatorId),
        ne(meeting.id, otherThan),
        ne(meeting.status, 'cancelled'),
      ),
    )
    .all();
}

/** When the area's other (not cancelled) meetings are, in any cycle or none. */
export function areaMeetingTimes(db: Db, areaId: number, otherThan: number): MeetingTime[] {
  return db
    .select({ startsAt: meeting.startsAt, timeZone: meeting.timeZone })
    .from(meeting)
    .where(and(eq(meeting.areaId, areaId), ne(meeting.id, otherThan), ne(meeting.status, 'cancelled')))
    .all();
}

/** The area a meeting is or would be for: its name, kind and programme. */
export function areaOfMeeting(
  db: Db,
  id: number,
): { id: number; name: string; kind: string; programmeId: number | null } | undefined {
  return db
    .select({ id: area.id, name: area.name, kind: area.kind, programmeId: area.programmeId })
    .from(area)
    .where(eq(area.id, id))
    .get();
}
