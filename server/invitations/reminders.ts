import type { Db } from '../../db/client.ts';
import type { Config } from '../config.ts';
import type { MeetingRow } from '../planning/meeting-changes.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { dueReminders, markReminded } from './queries.ts';
import {
  type InviteeRow,
  invitedPeople,
  loadMeetingContext,
  type MailConfig,
  queueMeetingMail,
  toAttendee,
} from './queue-mail.ts';

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
    const due = dueReminders(db, { now: now.toISOString(), horizon: horizon.toISOString(), days });
    if (due.length === 0) return 0;
    const byMeeting = new Map<number, Set<number>>();
    for (const d of due) {
      const set = byMeeting.get(d.meetingId) ?? new Set<number>();
      set.add(d.invitationId);
      byMeeting.set(d.meetingId, set);
    }
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
      for (const r of recipients) markReminded(db, r.invitationId, m.startsAt, at);
    }
    return queued;
  });
}
