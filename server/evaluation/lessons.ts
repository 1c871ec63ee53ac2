import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { assertVersion, conflict } from '../http/problems.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { nowIso } from '../time.ts';
import { lessonsOf, saveLessons } from './queries.ts';
import type { MeetingLessons, PutMeetingLessons } from './schemas.ts';

/** What a meeting taught (erfaringer): one free text per meeting, for the national report. */
export function getLessons(db: Db, meetingId: number): MeetingLessons {
  meetingRecord(db, meetingId);
  const row = lessonsOf(db, meetingId);
  return {
    meetingId,
    text: row?.text ?? '',
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

export function putLessons(
  db: Db,
  actor: Actor,
  meetingId: number,
  input: PutMeetingLessons,
): MeetingLessons {
  return db.transaction(() => {
    const meeting = meetingRecord(db, meetingId);
    if (meeting.status === 'cancelled') throw conflict('The meeting was cancelled; it has no lessons');
    const before = lessonsOf(db, meetingId);
    assertVersion('Lessons', before?.version ?? 0, input.version);
    saveLessons(db, meetingId, {
      text: input.text,
      version: (before?.version ?? 0) + 1,
      updatedBy: actor.email,
      updatedAt: nowIso(),
    });
    recordAudit(db, actor, {
      action: before ? 'update' : 'create',
      entity: 'lessons',
      entityId: meetingId,
      changes: { text: input.text },
    });
    return getLessons(db, meetingId);
  });
}
