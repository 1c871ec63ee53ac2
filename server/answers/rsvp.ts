import type { Db } from '../../db/client.ts';
import { readTogether, whileUnchanged } from '../../db/statements.ts';
import type { MailConfig } from '../invitations/queue-mail.ts';
import { materialsOfMeeting } from '../materials/queries.ts';
import { answerInvitation, rsvpSessions, type SessionAnswer } from '../meeting-sessions/answers.ts';
import { hasSessions } from '../meeting-sessions/queries.ts';
import { type MeetingRecord, meetingRecord } from '../planning/meetings.ts';
import { replyByDate } from '../planning/reply-deadline.ts';
import { dayDate, meetingTime } from '../text/dates.ts';
import type { Language } from '../text/language.ts';
import { type Invitee, readInvitee } from './meeting-reads.ts';
import { answersClosedReason } from './refusals.ts';
import { answerState, inviteeActor } from './responses.ts';
import type { AnswerInput, RsvpView } from './schemas.ts';
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
 * An answer sent through an answer link, or null as for inviteeOfLink. The link is read in the
 * answer's transaction (in the server, the group commit's): no read lock of its own, and the
 * invitee it reads is the one the answer starts from.
 */
export function answerThroughLink(
  db: Db,
  config: MailConfig,
  token: string,
  input: AnswerInput,
): SessionAnswer | null {
  return db.transaction(() => {
    const invitee = inviteeOfLink(db, token);
    if (invitee === null) return null;
    const actor = inviteeActor(invitee.email, 'link');
    return answerInvitation(db, config, actor, invitee.invitationId, input, new Date(), { invitee });
  });
}

/**
 * The answer page an answer link opens, or null as for inviteeOfLink: the link, the invitee and
 * what the page shows read together, in one read transaction.
 */
export function answerPageOfLink(db: Db, token: string): RsvpView | null {
  return readTogether(db, () => {
    const invitee = inviteeOfLink(db, token);
    return invitee && rsvpView(db, invitee.invitationId, invitee);
  });
}

/** What every answer page of a meeting shows alike in one language, whoever opens it. */
interface MeetingPageFacts {
  meeting: MeetingRecord;
  replyBy: string;
  /** The meeting's time and the reply deadline as the page words them in the language. */
  when: string;
  replyByText: string;
  heldAsSessions: boolean;
  materials: RsvpView['materials'];
}

/**
 * Read once while the database is unchanged: an invitation mail sends a meeting's invitees to their
 * pages together, and these reads were half the page's work. Kept per language with the texts the
 * page words from them (each text's own cache costs a key built and hashed, ~0.2 µs a text). Nothing
 * here depends on the clock.
 */
function meetingPageFacts(db: Db, meetingId: number, language: Language): MeetingPageFacts {
  return whileUnchanged(db, `answer-page:${meetingId}:${language}`, () => {
    const meeting = meetingRecord(db, meetingId);
    const replyBy = replyByDate(meeting);
    return {
      meeting,
      replyBy,
      when: meetingTime(meeting.startsAt, meeting.endsAt, meeting.timeZone, language),
      replyByText: dayDate(replyBy, language),
      heldAsSessions: hasSessions(db, meetingId),
      materials: materialsOfMeeting(db, meetingId).map(({ id, filename, size }) => ({ id, filename, size })),
    };
  });
}

/**
 * What the invitee sees on their answer page, in their language: the meeting, themselves, their
 * current answer. `invitee`: as just read with the link (inviteeOfLink), else read here.
 */
export function rsvpView(db: Db, invitationId: number, invitee = readInvitee(db, invitationId)): RsvpView {
  const { meeting, replyBy, when, replyByText, heldAsSessions, materials } = meetingPageFacts(
    db,
    invitee.meetingId,
    invitee.language,
  );
  return {
    meeting: {
      title: meeting.title,
      status: meeting.status,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      timeZone: meeting.timeZone,
      when,
      venueName: meeting.venueName,
      venueAddress: meeting.venueAddress,
      replyBy,
      replyByText,
      answersOpen: answersClosedReason(meeting) === null,
    },
    invitee: { name: invitee.name, organisation: invitee.organisationName },
    answer: answerState(db, invitationId, { invitee, meeting, replyBy }),
    sessions: heldAsSessions ? rsvpSessions(db, invitationId, meeting, invitee.language) : undefined,
    language: invitee.language,
    materials,
  };
}
