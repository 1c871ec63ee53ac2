import type { Db } from '../../db/client.ts';
import { extendAnswerTokens, issueFurtherAnswerToken } from '../answers/tokens.ts';
import { hasSessions } from '../meeting-sessions/queries.ts';
import type { MeetingChange } from '../planning/meeting-changes.ts';
import {
  invitedPeople,
  loadMeetingContext,
  type MailConfig,
  queueMeetingMail,
  toAttendee,
} from './queue-mail.ts';

/**
 * What invitees' calendars need after a change planning saved: a moved meeting is re-sent as an
 * "Opdateret" REQUEST with the same UID and the raised SEQUENCE, a cancelled one as a CANCEL.
 * Runs inside planning's transaction; returns how many emails were queued.
 */
export function queueMeetingChangeNotices(db: Db, config: MailConfig, change: MeetingChange): number {
  if (change.kind === 'details') return 0;
  const after = change.after;
  // held as sessions: no one holds the meeting's own entry; each seat's entry follows its session
  if (hasSessions(db, after.id)) return 0;
  // a new date or time: the answering side has already asked everyone again (askAgainAfterChange)
  const askAgain = change.kind === 'rescheduled';
  const invitees = invitedPeople(db, after.id);
  if (invitees.length === 0) return 0;
  const ctx = loadMeetingContext(db, config, after);
  const attendees = invitees.map(toAttendee);
  if (change.kind === 'cancelled') {
    return queueMeetingMail(db, config, ctx, {
      kind: 'cancel',
      recipients: invitees,
      attendees,
      cancelReason: after.cancelReason,
    });
  }
  // the answer links in the invitation keep working until the meeting's new end, and the update
  // carries a fresh one of its own (only hashes are stored, so the first cannot be sent again)
  extendAnswerTokens(db, after.id, after.endsAt);
  const tokens = new Map(
    invitees.map((r) => [r.invitationId, issueFurtherAnswerToken(db, r.invitationId, after.endsAt)]),
  );
  return queueMeetingMail(db, config, ctx, {
    kind: 'update',
    recipients: invitees,
    attendees,
    tokens,
    askAgain,
  });
}
