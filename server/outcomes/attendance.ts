import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { assertVersion, conflict } from '../http/problems.ts';
import { nowIso } from '../time.ts';
import {
  acceptedPersonIds,
  attendanceSheetOf,
  attendedPersonIds,
  attendeeRows,
  insertAttendanceSheet,
  memberOrganisationIds,
  replaceAttendance,
  updateAttendanceSheet,
} from './queries/meeting-outcomes.ts';
import { assertPeopleExist, meetingById, sideOfKind } from './references.ts';
import type { Attendance, ParticipationFigures, PutAttendance } from './schemas.ts';

type Attendee = Attendance['attendees'][number] & { parentId: number | null };

export function peopleOf(db: Db, ids: number[]): Attendee[] {
  return attendeeRows(db, ids).map(({ kind, ...p }) => ({ ...p, side: sideOfKind(kind) }));
}

/** The figures a report shows: organisations represented, levels and sides. */
export function participationFigures(db: Db, areaId: number, attendees: Attendee[]): ParticipationFigures {
  const members = new Set(memberOrganisationIds(db, areaId));
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
  const sheet = attendanceSheetOf(db, meetingId);
  const ids = sheet ? attendedPersonIds(db, meetingId) : acceptedPersonIds(db, meetingId);
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
    const sheet = attendanceSheetOf(db, meetingId);
    assertVersion('Attendance', sheet?.version ?? 0, input.version);
    const personIds = [...new Set(input.personIds)];
    assertPeopleExist(db, personIds, 'body.personIds');
    const now = nowIso();
    const before = sheet ? attendedPersonIds(db, meetingId) : [];
    if (sheet)
      updateAttendanceSheet(db, meetingId, {
        note: input.note ?? null,
        version: sheet.version + 1,
        updatedAt: now,
      });
    else insertAttendanceSheet(db, { meetingId, note: input.note ?? null, createdAt: now, updatedAt: now });
    replaceAttendance(db, meetingId, personIds);
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
