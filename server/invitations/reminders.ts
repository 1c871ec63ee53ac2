import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/statements.ts';
import type { Config } from '../config.ts';
import type { MeetingRow } from '../planning/meeting-changes.ts';
import { meetingRecord } from '../planning/meetings.ts';
import {
  type InviteeRow,
  invitedPeople,
  loadMeetingContext,
  type MailConfig,
  queueMeetingMail,
  toAttendee,
} from './queue-mail.ts';

const DUE_SQL = `
  SELECT i.id AS invitationId, i.meeting_id AS meetingId
  FROM invitation i JOIN meeting m ON m.id = i.meeting_id
  WHERE m.status = 'invited' AND m.starts_at > :now AND m.starts_at <= :horizon
    AND i.withdrawn_at IS NULL AND i.token_hash IS NOT NULL
    AND i.response IN ('accepted', 'tentative', 'needs_action')
    -- an acceptance still waiting for a place is not reminded that it is coming
    AND NOT EXISTS (SELECT 1 FROM waitlist_entry w WHERE w.invitation_id = i.id)
    -- invited inside the reminder window: the invitation itself is the reminder
    AND i.created_at <= strftime('%Y-%m-%dT%H:%M:%fZ', m.starts_at, '-' || :days || ' days')
    AND NOT EXISTS (SELECT 1 FROM invitation_reminder r
                    WHERE r.invitation_id = i.id AND r.meeting_starts_at = m.starts_at)
  ORDER BY i.meeting_id, i.id`;

/**
 * Queues the reminders due at `now`: N days (REMINDER_DAYS_BEFORE) before a meeting, to invitees
 * who accepted, said maybe or have not answered (never to those who declined), each once per
 * meeting date. Returns how many were queued.
 */
export function queueDueReminders(
  db: Db,
  config: MailConfig & Pick<Config, 'REMINDER_DAYS_BEFORE'>,
  now: Date,
): number {
  const days = config.REMINDER_DAYS_BEFORE;
  const horizon = new Date(now.getTime() + days * 86_400_000);
  return db.transaction(() => {
    const due = prepared<{ invitationId: number; meetingId: number }>(db, DUE_SQL).all({
      now: now.toISOString(),
      horizon: horizon.toISOString(),
      days,
    });
    if (due.length === 0) return 0;
    const byMeeting = new Map<number, Set<number>>();
    for (const d of due) {
      const set = byMeeting.get(d.meetingId) ?? new Set<number>();
      set.add(d.invitationId);
      byMeeting.set(d.meetingId, set);
    }
    const mark = prepared(
      db,
      'INSERT OR IGNORE INTO invitation_reminder (invitation_id, meeting_starts_at, queued_at) VALUES (?, ?, ?)',
    );
    const at = now.toISOString();
    let queued = 0;
    for (const [meetingId, ids] of byMeeting) {
      const m: MeetingRow = meetingRecord(db, meetingId);
      const everyone = invitedPeople(db, meetingId);
      const recipients: InviteeRow[] = everyone.filter((r) => ids.has(r.invitationId));
      queued += queueMeetingMail(db, config, loadMeetingContext(db, config, m), {
        kind: 'reminder',
        recipients,
        attendees: everyone.map(toAttendee),
      });
      for (const r of recipients) mark.run(r.invitationId, m.startsAt, at);
    }
    return queued;
  });
}
