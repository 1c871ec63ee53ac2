import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { agendaItem, attendance, attendanceSheet, theme } from '../../../db/schema/index.ts';
import { prepared } from '../../../db/statements.ts';

/** A meeting's agenda and attendance: their SQL, returning typed rows. */

export type AgendaItemRow = typeof agendaItem.$inferSelect;
export type AttendanceSheetRow = typeof attendanceSheet.$inferSelect;

export interface ThemeLastDiscussedRow {
  id: number;
  name: string;
  lastAt: string | null;
}

/** A person at a meeting with their organisation and the highest level of their roles. */
export interface AttendeeRow {
  id: number;
  name: string;
  organisationId: number;
  organisationName: string;
  kind: string;
  parentId: number | null;
  level: 'leadership' | 'practice' | null;
}

// ---- agenda

export function agendaItems(db: Db, meetingId: number): AgendaItemRow[] {
  return db
    .select()
    .from(agendaItem)
    .where(eq(agendaItem.meetingId, meetingId))
    .orderBy(asc(agendaItem.position), asc(agendaItem.id))
    .all();
}

export function hasAgenda(db: Db, meetingId: number): boolean {
  return (
    db.select({ id: agendaItem.id }).from(agendaItem).where(eq(agendaItem.meetingId, meetingId)).get() !==
    undefined
  );
}

export function agendaItemOf(db: Db, meetingId: number, itemId: number): AgendaItemRow | undefined {
  return db
    .select()
    .from(agendaItem)
    .where(and(eq(agendaItem.id, itemId), eq(agendaItem.meetingId, meetingId)))
    .get();
}

/**
 * The active themes, those the area has not discussed for longest first. Only meetings that were
 * held count as discussed: a planned (or future) meeting has not discussed anything.
 */
export function themesByLastDiscussed(
  db: Db,
  areaId: number,
  otherThanMeetingId: number,
): ThemeLastDiscussedRow[] {
  return prepared<ThemeLastDiscussedRow>(
    db,
    `SELECT t.id, t.name, (SELECT max(m.starts_at) FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
                             WHERE i.theme_id = t.id AND m.area_id = ? AND m.id <> ? AND m.status = 'held') AS lastAt
       FROM theme t WHERE t.active = 1
         AND (t.programme_id IS NULL OR t.programme_id = COALESCE(
               (SELECT programme_id FROM area WHERE id = ?),
               (SELECT id FROM programme WHERE key = 'dk-politikredsmoeder')))
       ORDER BY lastAt IS NOT NULL, lastAt, t.position, t.id`,
  ).all(areaId, otherThanMeetingId, areaId);
}

export function themeName(db: Db, themeId: number): string | undefined {
  return db.select({ name: theme.name }).from(theme).where(eq(theme.id, themeId)).get()?.name;
}

export function insertAgendaItem(db: Db, values: typeof agendaItem.$inferInsert): AgendaItemRow {
  return db.insert(agendaItem).values(values).returning().get();
}

export function updateAgendaItemRow(
  db: Db,
  id: number,
  set: Partial<typeof agendaItem.$inferInsert>,
): AgendaItemRow {
  return db.update(agendaItem).set(set).where(eq(agendaItem.id, id)).returning().get()!;
}

export function deleteAgendaItemRow(db: Db, id: number): void {
  db.delete(agendaItem).where(eq(agendaItem.id, id)).run();
}

/** Moves an item; an item already in place is not written. */
export function setAgendaPosition(db: Db, id: number, position: number, now: string): void {
  prepared(db, 'UPDATE agenda_item SET position = ?, updated_at = ? WHERE id = ? AND position <> ?').run(
    position,
    now,
    id,
    position,
  );
}

// ---- attendance

export function attendeeRows(db: Db, personIds: number[]): AttendeeRow[] {
  return prepared<AttendeeRow>(
    db,
    `SELECT p.id, p.name, o.id AS organisationId, o.name AS organisationName, o.kind, o.parent_id AS parentId,
       (SELECT CASE WHEN max(r.level = 'leadership') = 1 THEN 'leadership' WHEN count(*) > 0 THEN 'practice' END
          FROM person_role pr JOIN role r ON r.id = pr.role_id WHERE pr.person_id = p.id) AS level
     FROM person p JOIN organisation o ON o.id = p.organisation_id
     WHERE p.id IN (SELECT value FROM json_each(?)) ORDER BY o.name, p.name`,
  ).all(JSON.stringify(personIds));
}

/** The convener and member organisations of the area (supporters are not counted). */
export function memberOrganisationIds(db: Db, areaId: number): number[] {
  return prepared<{ id: number }>(
    db,
    `SELECT organisation_id AS id FROM area_member WHERE area_id = ? AND member_role IN ('convener', 'member')`,
  )
    .all(areaId)
    .map((m) => m.id);
}

/** People who accepted the invitation (not withdrawn). */
export function acceptedPersonIds(db: Db, meetingId: number): number[] {
  return prepared<{ id: number }>(
    db,
    `SELECT person_id AS id FROM invitation WHERE meeting_id = ? AND response = 'accepted' AND withdrawn_at IS NULL`,
  )
    .all(meetingId)
    .map((r) => r.id);
}

/** People on the confirmed attendance list. */
export function attendedPersonIds(db: Db, meetingId: number): number[] {
  return prepared<{ id: number }>(db, 'SELECT person_id AS id FROM attendance WHERE meeting_id = ?')
    .all(meetingId)
    .map((r) => r.id);
}

export function attendanceSheetOf(db: Db, meetingId: number): AttendanceSheetRow | undefined {
  return db.select().from(attendanceSheet).where(eq(attendanceSheet.meetingId, meetingId)).get();
}

export function updateAttendanceSheet(
  db: Db,
  meetingId: number,
  set: Partial<typeof attendanceSheet.$inferInsert>,
): void {
  db.update(attendanceSheet).set(set).where(eq(attendanceSheet.meetingId, meetingId)).run();
}

export function insertAttendanceSheet(db: Db, values: typeof attendanceSheet.$inferInsert): void {
  db.insert(attendanceSheet).values(values).run();
}

export function replaceAttendance(db: Db, meetingId: number, personIds: number[]): void {
  db.delete(attendance).where(eq(attendance.meetingId, meetingId)).run();
  for (const personId of personIds) db.insert(attendance).values({ meetingId, personId }).run();
}
