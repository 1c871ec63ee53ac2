import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { attendance, attendanceSheet } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { assertVersion, conflict } from '../http/problems.ts';
import { nowIso } from '../time.ts';
import { assertPeopleExist, meetingById, sideOfKind } from './references.ts';
import type { Attendance, ParticipationFigures, PutAttendance } from './schemas.ts';

type Attendee = Attendance['attendees'][number] & { parentId: number | null };

const PEOPLE_SQL = `
  SELECT p.id, p.name, o.id AS organisationId, o.name AS organisationName, o.kind, o.parent_id AS parentId,
    (SELECT CASE WHEN max(r.level = 'leadership') = 1 THEN 'leadership' WHEN count(*) > 0 THEN 'practice' END
       FROM person_role pr JOIN role r ON r.id = pr.role_id WHERE pr.person_id = p.id) AS level
  FROM person p JOIN organisation o ON o.id = p.organisation_id
  WHERE p.id IN (SELECT value FROM json_each(?)) ORDER BY o.name, p.name`;
const ACCEPTED_SQL = `
  SELECT person_id AS id FROM invitation WHERE meeting_id = ? AND response = 'accepted' AND withdrawn_at IS NULL`;
const ATTENDED_SQL = 'SELECT person_id AS id FROM attendance WHERE meeting_id = ?';
const MEMBERS_SQL = `SELECT organisation_id AS id FROM area_member WHERE area_id = ? AND member_role IN ('convener', 'member')`;

export function peopleOf(db: Db, ids: number[]): Attendee[] {
  return prepared<Omit<Attendee, 'side'> & { kind: string }>(db, PEOPLE_SQL)
    .all(JSON.stringify(ids))
    .map(({ kind, ...p }) => ({ ...p, side: sideOfKind(kind) }));
}

/** The figures a report shows: organisations represented, levels and sides. */
export function participationFigures(db: Db, areaId: number, attendees: Attendee[]): ParticipationFigures {
  const members = new Set(
    prepared<{ id: number }>(db, MEMBERS_SQL)
      .all(areaId)
      .map((m) => m.id),
  );
  const represented = new Set<number>();
  for (const a of attendees) {
    // a local police unit represents its district
    if (members.has(a.organisationId)) represented.add(a.organisationId);
    else if (a.parentId !== null && members.has(a.parentId)) represented.add(a.parentId);
  }
  const count = (pred: (a: Attendee) => boolean) => attendees.filter(pred).length;
  return {
    people: attendees.length,
    memberOrganisationsRepresented: represented.size,
    memberOrganisations: members.size,
    leadershipLevel: count((a) => a.level === 'leadership'),
    practiceLevel: count((a) => a.level === 'practice'),
    police: count((a) => a.side === 'police'),
    municipal: count((a) => a.side === 'municipal'),
    otherSides: count((a) => a.side !== 'police' && a.side !== 'municipal'),
  };
}

/** The confirmed list, or until then the people who accepted the invitation. */
export function getAttendance(db: Db, meetingId: number): Attendance {
  const meeting = meetingById(db, meetingId);
  const sheet = db.select().from(attendanceSheet).where(eq(attendanceSheet.meetingId, meetingId)).get();
  const ids = prepared<{ id: number }>(db, sheet ? ATTENDED_SQL : ACCEPTED_SQL)
    .all(meetingId)
    .map((r) => r.id);
  const attendees = peopleOf(db, ids);
  return {
    meetingId,
    confirmed: sheet !== undefined,
    version: sheet?.version ?? 0,
    note: sheet?.note ?? null,
    attendees: attendees.map(({ parentId: _p, ...a }) => a),
    figures: participationFigures(db, meeting.areaId, attendees),
  };
}

export function putAttendance(db: Db, actor: Actor, meetingId: number, input: PutAttendance): Attendance {
  return db.transaction(() => {
    const meeting = meetingById(db, meetingId);
    if (meeting.status === 'cancelled') throw conflict('The meeting was cancelled; it has no attendance');
    const sheet = db.select().from(attendanceSheet).where(eq(attendanceSheet.meetingId, meetingId)).get();
    assertVersion('Attendance', sheet?.version ?? 0, input.version);
    const personIds = [...new Set(input.personIds)];
    assertPeopleExist(db, personIds, 'body.personIds');
    const now = nowIso();
    const before = sheet
      ? prepared<{ id: number }>(db, ATTENDED_SQL)
          .all(meetingId)
          .map((r) => r.id)
      : [];
    if (sheet)
      db.update(attendanceSheet)
        .set({ note: input.note ?? null, version: sheet.version + 1, updatedAt: now })
        .where(eq(attendanceSheet.meetingId, meetingId))
        .run();
    else
      db.insert(attendanceSheet)
        .values({ meetingId, note: input.note ?? null, createdAt: now, updatedAt: now })
        .run();
    db.delete(attendance).where(eq(attendance.meetingId, meetingId)).run();
    for (const personId of personIds) db.insert(attendance).values({ meetingId, personId }).run();
    recordAudit(db, actor, {
      action: sheet ? 'update' : 'create',
      entity: 'attendance',
      entityId: meetingId,
      changes: {
        added: personIds.filter((id) => !before.includes(id)),
        removed: before.filter((id) => !personIds.includes(id)),
      },
    });
    return getAttendance(db, meetingId);
  });
}
