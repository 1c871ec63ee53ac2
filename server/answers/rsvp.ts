import type { Db } from '../../db/client.ts';
import { materialsOfMeeting } from '../materials/queries.ts';
import { rsvpSessions } from '../meeting-sessions/answers.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { replyByDate } from '../planning/reply-deadline.ts';
import { dayDate, meetingTime } from '../text/dates.ts';
import { type Invitee, readInvitee } from './meeting-reads.ts';
import { answersClosedReason } from './refusals.ts';
import { answerState } from './responses.ts';
import type { RsvpView } from './schemas.ts';
import { findInviteeByAnswerToken } from './tokens.ts';

/**
 * The invitee behind an answer link, or null for anything that must look like "not found":
 * unknown, tampered or expired links, and invitations taken back (withdrawn).
 */
export function inviteeOfLink(db: Db, token: string, now = new Date()): Invitee | null {
  const invitee = findInviteeByAnswerToken(db, token, now);
  if (!invitee || invitee.withdrawnAt) return null;
  return invitee;
}

/**
 * What the invitee sees on their answer page, in their language: the meeting, themselves, their
 * current answer. `invitee`: as just read with the link (inviteeOfLink), else read here.
 */
export function rsvpView(db: Db, invitationId: number, invitee = readInvitee(db, invitationId)): RsvpView {
  const meeting = meetingRecord(db, invitee.meetingId);
  const replyBy = replyByDate(meeting);
  return {
    meeting: {
      title: meeting.title,
      status: meeting.status,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      timeZone: meeting.timeZone,
      when: meetingTime(meeting.startsAt, meeting.endsAt, meeting.timeZone, invitee.language),
      venueName: meeting.venueName,
      venueAddress: meeting.venueAddress,
      replyBy,
      replyByText: dayDate(replyBy, invitee.language),
      answersOpen: answersClosedReason(meeting) === null,
    },
    invitee: { name: invitee.name, organisation: invitee.organisationName },
    answer: answerState(db, invitationId, { invitee, meeting }),
    sessions: rsvpSessions(db, invitationId, meeting, invitee.language),
    language: invitee.language,
    materials: materialsOfMeeting(db, invitee.meetingId).map(({ id, filename, size }) => ({
      id,
      filename,
      size,
    })),
  };
}
