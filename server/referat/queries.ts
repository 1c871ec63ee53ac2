import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/statements.ts';
import { textsLanguageSql } from '../programmes/queries.ts';
import type { Language } from '../text/language.ts';

/** The referat's SQL: its versions, the meeting's outcomes it is drafted from, and its recipients. */

export interface ReferatVersionRow {
  id: number;
  meetingId: number;
  version: number;
  text: string;
  author: string;
  createdAt: string;
  approvedAt: string | null;
  approvedBy: string | null;
  sentAt: string | null;
  sentBy: string | null;
  sentTo: number | null;
}

const columns = (t = '') => `${t}id, ${t}meeting_id AS meetingId, ${t}version, ${t}text, ${t}author,
  ${t}created_at AS createdAt, ${t}approved_at AS approvedAt, ${t}approved_by AS approvedBy, ${t}sent_at AS sentAt,
  ${t}sent_by AS sentBy, ${t}sent_to AS sentTo`;
const COLUMNS = columns();

/** Newest first. */
export function referatVersions(db: Db, meetingId: number): ReferatVersionRow[] {
  return prepared<ReferatVersionRow>(
    db,
    `SELECT ${COLUMNS} FROM referat_version WHERE meeting_id = ? ORDER BY version DESC`,
  ).all(meetingId);
}

export function latestReferat(db: Db, meetingId: number): ReferatVersionRow | undefined {
  return prepared<ReferatVersionRow>(
    db,
    `SELECT ${COLUMNS} FROM referat_version WHERE meeting_id = ? ORDER BY version DESC LIMIT 1`,
  ).get(meetingId);
}

export function insertReferatVersion(
  db: Db,
  row: { meetingId: number; version: number; text: string; author: string; createdAt: string },
): ReferatVersionRow {
  return prepared<ReferatVersionRow>(
    db,
    `INSERT INTO referat_version (meeting_id, version, text, author, created_at)
     VALUES (:meetingId, :version, :text, :author, :createdAt) RETURNING ${COLUMNS}`,
  ).get(row)!;
}

export function markReferatApproved(db: Db, id: number, at: string, by: string): void {
  prepared(db, 'UPDATE referat_version SET approved_at = ?, approved_by = ? WHERE id = ?').run(at, by, id);
}

export function markReferatSent(db: Db, id: number, at: string, by: string, count: number): void {
  prepared(db, 'UPDATE referat_version SET sent_at = ?, sent_by = ?, sent_to = ? WHERE id = ?').run(
    at,
    by,
    count,
    id,
  );
}

/** The text of the newest approved version of a meeting's referat. */
export function approvedReferatText(db: Db, meetingId: number): string | null {
  return (
    prepared<{ text: string }>(
      db,
      `SELECT text FROM referat_version WHERE meeting_id = ? AND approved_at IS NOT NULL
       ORDER BY version DESC LIMIT 1`,
    ).get(meetingId)?.text ?? null
  );
}

/** The latest version of each of an area's meetings that was sent, newest meeting first. */
export function sentReferatsOfArea(
  db: Db,
  areaId: number,
): (ReferatVersionRow & { title: string; startsAt: string })[] {
  return prepared<ReferatVersionRow & { title: string; startsAt: string }>(
    db,
    `SELECT ${columns('r.')}, m.title, m.starts_at AS startsAt
     FROM referat_version r JOIN meeting m ON m.id = r.meeting_id
     WHERE m.area_id = ? AND r.sent_at IS NOT NULL
       AND r.version = (SELECT max(version) FROM referat_version x WHERE x.meeting_id = r.meeting_id AND x.sent_at IS NOT NULL)
     ORDER BY m.starts_at DESC`,
  ).all(areaId);
}

/** The ids of the barriers raised and the agreements made at a meeting, in the order they were recorded. */
export function outcomeIdsOfMeeting(db: Db, meetingId: number): { barriers: number[]; agreements: number[] } {
  const ids = (sql: string) =>
    prepared<{ id: number }>(db, sql)
      .all(meetingId)
      .map((r) => r.id);
  return {
    barriers: ids('SELECT id FROM barrier WHERE raised_at_meeting_id = ? ORDER BY id'),
    agreements: ids('SELECT id FROM agreement WHERE agreed_at_meeting_id = ? ORDER BY id'),
  };
}

/** The language the meeting's programme writes in (Danish for a meeting of no programme). */
export function programmeLanguageOfMeeting(db: Db, meetingId: number): Language {
  return (
    prepared<{ language: Language }>(
      db,
      `SELECT ${textsLanguageSql('pr.language_code')} AS language FROM meeting m JOIN area a ON a.id = m.area_id
       LEFT JOIN programme pr ON pr.id = a.programme_id WHERE m.id = ?`,
    ).get(meetingId)?.language ?? 'da'
  );
}

export interface ReferatRecipientRow {
  personId: number;
  name: string;
  email: string;
  language: Language;
  /** Their invitation to the meeting, when invited: materials are reached through its answer link. */
  invitationId: number | null;
}

/**
 * Who receives the referat: the invitees who accepted or attended (their invitation not taken
 * back), then the fixed contact persons of the area's convener and member organisations.
 */
export function referatRecipients(db: Db, meetingId: number): ReferatRecipientRow[] {
  return prepared<ReferatRecipientRow>(
    db,
    `WITH m AS (SELECT id, area_id FROM meeting WHERE id = :meetingId),
     participants AS (
       SELECT i.person_id AS personId, i.id AS invitationId FROM invitation i
       WHERE i.meeting_id = :meetingId AND i.withdrawn_at IS NULL
         AND (i.response = 'accepted'
              OR i.person_id IN (SELECT person_id FROM attendance WHERE meeting_id = :meetingId))
       UNION
       SELECT at.person_id, NULL FROM attendance at WHERE at.meeting_id = :meetingId
         AND at.person_id NOT IN (SELECT person_id FROM invitation WHERE meeting_id = :meetingId)
     ),
     contacts AS (
       SELECT p.id AS personId FROM person p
       WHERE p.is_fixed_contact = 1 AND p.organisation_id IN (
         SELECT organisation_id FROM area_member WHERE area_id = (SELECT area_id FROM m)
         UNION SELECT convener_id FROM area WHERE id = (SELECT area_id FROM m))
     ),
     everyone AS (
       SELECT personId, invitationId FROM participants
       UNION ALL
       SELECT personId, NULL FROM contacts WHERE personId NOT IN (SELECT personId FROM participants)
     )
     SELECT p.id AS personId, p.name, p.email, ${textsLanguageSql('p.language')} AS language,
       max(e.invitationId) AS invitationId
     FROM everyone e JOIN person p ON p.id = e.personId
     GROUP BY p.id ORDER BY p.name, p.id`,
  ).all({ meetingId });
}
