import type { Db } from '../../db/client.ts';
import { readInvitee } from '../answers/meeting-reads.ts';
import { loadMeetingContext, type MailConfig, queueMeetingMail } from '../invitations/queue-mail.ts';
import type { MeetingRow } from '../planning/meeting-changes.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { catalogueFor } from '../text/messages.ts';
import { nextSeatSequence, type SessionRow } from './queries.ts';

/**
 * The calendar UID of one invitee's seat in a meeting held as sessions. Invitees of one meeting sit
 * in different sessions at different times, so one shared UID cannot be right for all: each
 * invitation gets its own entry, derived from the meeting's UID, that keeps its UID while the
 * invitee changes session and raises its own SEQUENCE (session_seat.ics_sequence) each time.
 */
export function seatUid(meetingUid: string, invitationId: number): string {
  return `sitting-${invitationId}-${meetingUid}`;
}

/** The meeting UID behind a calendar reply's UID: a seat's own entry names its meeting's. */
export function meetingUidOfReply(uid: string): string {
  return /^sitting-\d+-(.+)$/.exec(uid)?.[1] ?? uid;
}

/** What the message says about the seat: which lead, and whether it adds or removes the calendar entry. */
export type SeatNotice =
  | 'chosen'
  | 'changed'
  | 'moved'
  | 'promoted'
  | 'left'
  | 'cancelled'
  | 'meetingCancelled';

const KIND = {
  chosen: 'invitation',
  changed: 'update',
  moved: 'update',
  promoted: 'invitation',
  left: 'withdrawn',
  cancelled: 'cancel',
  meetingCancelled: 'cancel',
} as const;

/** The meeting as this session's calendar entry for this invitee: the session's time and place, the seat's UID and SEQUENCE. */
function seatMeeting(
  meeting: MeetingRow,
  session: SessionRow,
  invitationId: number,
  sequence: number,
): MeetingRow {
  return {
    ...meeting,
    icsUid: seatUid(meeting.icsUid, invitationId),
    icsSequence: sequence,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    venueName: session.venueName ?? meeting.venueName,
    venueAddress: session.venueAddress ?? meeting.venueAddress,
  };
}

/**
 * Queues one email with the invitee's own REQUEST (or CANCEL) for a session, with the next SEQUENCE
 * of their entry; runs in the caller's transaction.
 */
export function queueSeatNotice(
  db: Db,
  config: MailConfig,
  invitationId: number,
  session: SessionRow,
  notice: SeatNotice,
): void {
  const invitee = readInvitee(db, invitationId);
  const meeting = meetingRecord(db, invitee.meetingId);
  const sequence = nextSeatSequence(db, invitationId);
  const ctx = loadMeetingContext(db, config, seatMeeting(meeting, session, invitationId, sequence));
  const texts = catalogueFor(invitee.language).sessions.mail;
  const lead = {
    chosen: texts.chosenLead,
    changed: texts.changedLead,
    moved: texts.movedLead,
    promoted: texts.promotedLead,
    left: texts.leftLead,
    cancelled: undefined,
    meetingCancelled: undefined,
  }[notice];
  const removed = notice === 'left' || notice === 'cancelled' || notice === 'meetingCancelled';
  queueMeetingMail(db, config, ctx, {
    kind: KIND[notice],
    recipients: [invitee],
    attendees: [{ name: invitee.name, email: invitee.email, answer: removed ? 'declined' : 'accepted' }],
    lead,
    cancelReason:
      notice === 'cancelled'
        ? texts.cancelledReason
        : notice === 'meetingCancelled'
          ? meeting.cancelReason
          : undefined,
  });
}
