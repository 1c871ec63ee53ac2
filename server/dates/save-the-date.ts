import type { Db } from '../../db/client.ts';
import { saveTheDateMail } from '../../emails/date-proposal.ts';
import { meetingWhere } from '../../emails/meeting-mail.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { buildMeetingCalendar } from '../calendar/icalendar.ts';
import { conflict, unprocessable } from '../http/problems.ts';
import { selectAudience } from '../invitations/audience.ts';
import { loadMeetingContext, type MailConfig, messageDomain } from '../invitations/queue-mail.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { hasSessions } from '../meeting-sessions/queries.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { type Language, languageOr } from '../text/language.ts';
import { catalogueFor } from '../text/messages.ts';
import { proposedDateOf } from './proposals.ts';
import { agreementOf, raiseCalendarSequence, setSaveTheDate } from './queries.ts';
import type { SaveTheDateReport } from './schemas.ts';

/**
 * Sends a confirmed meeting's date to its audience as a calendar entry (METHOD:REQUEST) with the
 * meeting's own UID, then raises its SEQUENCE: the invitation that follows carries a higher one, so
 * it updates this entry and the invitee's calendar holds one meeting, never two.
 */
export function sendSaveTheDate(
  db: Db,
  config: MailConfig,
  actor: Actor,
  meetingId: number,
): SaveTheDateReport {
  return db.transaction(() => {
    const m = meetingRecord(db, meetingId);
    if (m.status !== 'draft' && m.status !== 'planned')
      throw conflict(`Meeting ${meetingId} is ${m.status}; a save-the-date goes out before the invitation`, {
        currentStatus: m.status,
      });
    // held as sessions: each invitee's entry comes with the session they choose, never the meeting's UID
    if (hasSessions(db, meetingId))
      throw conflict(
        `Meeting ${meetingId} is held as sessions; invitees get a calendar entry when they choose one`,
        {
          reason: 'held_as_sessions',
        },
      );
    if (agreementOf(db, meetingId)?.status !== 'confirmed')
      throw conflict(`Meeting ${meetingId}'s date is not confirmed by its district and host yet`, {
        reason: 'date_not_confirmed',
      });
    const audience = selectAudience(db, m).filter((p) => p.invitation?.state !== 'withdrawn');
    if (audience.length === 0)
      throw unprocessable(`Meeting ${meetingId} has nobody in its audience; add people or roles first`);
    const ctx = loadMeetingContext(db, config, m, []);
    const proposed = proposedDateOf(db, config, m, { startsAt: m.startsAt, endsAt: m.endsAt, reason: null });
    const attendees = audience.map((p) => ({ name: p.name, email: p.email }));
    const calendars = new Map<Language, string>();
    const calendarOf = (lang: Language) => {
      const built =
        calendars.get(lang) ??
        buildMeetingCalendar('REQUEST', [
          {
            uid: m.icsUid,
            sequence: m.icsSequence,
            startsAt: m.startsAt,
            endsAt: m.endsAt,
            timeZone: m.timeZone,
            summary: m.title,
            description: catalogueFor(lang).dates.saveTheDateCalendar,
            location: meetingWhere(ctx.view),
            organizer: ctx.organizer,
            attendees,
          },
        ]);
      calendars.set(lang, built);
      return built;
    };
    for (const p of audience) {
      const lang = languageOr(p.language);
      const mail = saveTheDateMail({ name: p.name, language: lang }, proposed);
      enqueueMail(
        db,
        {
          kind: 'save-the-date',
          to: { address: p.email, name: p.name },
          ...mail,
          extra: {
            replyTo: ctx.replyTo,
            icalEvent: { method: 'REQUEST', filename: 'save-the-date.ics', content: calendarOf(lang) },
          },
          meetingId,
          invitationId: null,
        },
        messageDomain(config),
      );
    }
    const now = new Date().toISOString();
    raiseCalendarSequence(db, meetingId, now);
    setSaveTheDate(db, meetingId, now);
    recordAudit(db, actor, {
      action: 'send',
      entity: 'meeting',
      entityId: meetingId,
      changes: { saveTheDate: audience.length, sequence: m.icsSequence },
    });
    return { meetingId, queued: audience.length, icsUid: m.icsUid, sequence: m.icsSequence };
  });
}
