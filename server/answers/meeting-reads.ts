import type { Db } from '../../db/client.ts';
import type { InvitationResponse } from '../../db/schema/index.ts';
import { notFound } from '../http/problems.ts';
import type { MeetingRecord } from '../planning/meetings.ts';
import type { Language } from '../text/language.ts';
import { answerMeetingById, findInvitee } from './queries.ts';

/** The meeting as the answering side needs it (invitees' pages, notices, waiting list). */
export type MeetingFacts = Pick<
  MeetingRecord,
  | 'id'
  | 'title'
  | 'status'
  | 'startsAt'
  | 'endsAt'
  | 'timeZone'
  | 'venueName'
  | 'venueAddress'
  | 'capacity'
  | 'icsUid'
  | 'icsSequence'
  | 'areaId'
  | 'cancelledAt'
  | 'updatedAt'
>;

/**
 * The meeting as an answer reads it: its facts, its reply-by setting and its programme (for the
 * audit entry). Narrower than the meeting record, whose five joins and 38 columns cost twice this.
 */
export type AnswerMeeting = MeetingFacts &
  Pick<MeetingRecord, 'replyBy' | 'replyDaysBefore'> & { programmeId: number | null };

/** One invitation with its person: who an answer or a notice concerns. */
export interface Invitee {
  invitationId: number;
  meetingId: number;
  response: InvitationResponse;
  comment: string | null;
  respondedAt: string | null;
  dietaryNeeds: string | null;
  accessibilityNeeds: string | null;
  delegatedFromId: number | null;
  withdrawnAt: string | null;
  /** Asked again after a new time: the answer counts as not given until they answer again. */
  needsReconfirm: boolean;
  /** In the meeting's waiting list, as read: its place is read only then. */
  waiting: boolean;
  personId: number;
  name: string;
  email: string;
  /** The person's language as stored (a code of the language table: nn, nb, da, …). */
  languageCode: string;
  /** The catalogue that language reads (its `texts_from`). */
  language: Language;
  organisationId: number;
  organisationName: string;
}

export function readInvitee(db: Db, invitationId: number): Invitee {
  const row = findInvitee(db, invitationId);
  if (!row) throw notFound('Invitation', invitationId);
  return row;
}

export function readAnswerMeeting(db: Db, meetingId: number): AnswerMeeting {
  const row = answerMeetingById(db, meetingId);
  if (!row) throw notFound('Meeting', meetingId);
  return row;
}
