import type { Db } from '../../db/client.ts';
import type { InvitationResponse } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import { notFound } from '../http/problems.ts';
import type { MeetingRecord } from '../planning/meetings.ts';
import { textsLanguageSql } from '../programmes/queries.ts';
import type { Language } from '../text/language.ts';

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

/** One invitation with its person: who an answer or a notice concerns. */
export interface Invitee {
  invitationId: number;
  meetingId: number;
  response: InvitationResponse;
  comment: string | null;
  respondedAt: string | null;
  delegatedFromId: number | null;
  withdrawnAt: string | null;
  personId: number;
  name: string;
  email: string;
  language: Language;
  organisationId: number;
  organisationName: string;
}

export function readInvitee(db: Db, invitationId: number): Invitee {
  const row = prepared<Invitee>(
    db,
    `SELECT i.id AS invitationId, i.meeting_id AS meetingId, i.response, i.comment, i.responded_at AS respondedAt,
            i.delegated_from_id AS delegatedFromId, i.withdrawn_at AS withdrawnAt, p.id AS personId, p.name,
            p.email, ${textsLanguageSql('p.language')} AS language, o.id AS organisationId, o.name AS organisationName
     FROM invitation i JOIN person p ON p.id = i.person_id JOIN organisation o ON o.id = p.organisation_id
     WHERE i.id = ?`,
  ).get(invitationId);
  if (!row) throw notFound('Invitation', invitationId);
  return row;
}
