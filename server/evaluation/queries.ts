import type { Db } from '../../db/client.ts';
import type { SurveyQuestion } from '../../db/schema/evaluation.ts';
import { prepared } from '../../db/statements.ts';
import { textsLanguageSql } from '../programmes/queries.ts';

/** The evaluation's SQL: surveys, who was asked (and has answered), and the anonymous answers. */

export interface SurveyRow {
  meetingId: number;
  questions: SurveyQuestion[];
  sentAt: string;
  remindOn: string;
}

export function surveyOf(db: Db, meetingId: number): SurveyRow | undefined {
  const row = prepared<Omit<SurveyRow, 'questions'> & { questions: string }>(
    db,
    `SELECT meeting_id AS meetingId, questions, sent_at AS sentAt, remind_on AS remindOn
     FROM evaluation_survey WHERE meeting_id = ?`,
  ).get(meetingId);
  return row ? { ...row, questions: JSON.parse(row.questions) } : undefined;
}

export function insertSurvey(db: Db, row: SurveyRow): void {
  prepared(
    db,
    'INSERT INTO evaluation_survey (meeting_id, questions, sent_at, remind_on) VALUES (?, ?, ?, ?)',
  ).run(row.meetingId, JSON.stringify(row.questions), row.sentAt, row.remindOn);
}

/** Someone who took part: their name, address and language for the survey email. */
export interface ParticipantRow {
  id: number;
  name: string;
  email: string;
  language: string;
}

export function participantsByIds(db: Db, ids: number[]): ParticipantRow[] {
  if (ids.length === 0) return [];
  return prepared<ParticipantRow>(
    db,
    `SELECT id, name, email, ${textsLanguageSql('person.language')} AS language FROM person WHERE id IN (SELECT value FROM json_each(?))
       AND email IS NOT NULL AND email <> '' ORDER BY name, id`,
  ).all(JSON.stringify(ids));
}

export function insertRecipient(
  db: Db,
  row: { meetingId: number; personId: number; lookupId: string; secretHash: string },
): number {
  return Number(
    prepared(
      db,
      'INSERT INTO evaluation_recipient (meeting_id, person_id, lookup_id, secret_hash) VALUES (?, ?, ?, ?)',
    ).run(row.meetingId, row.personId, row.lookupId, row.secretHash).lastInsertRowid,
  );
}

export interface RecipientRow {
  id: number;
  meetingId: number;
  personId: number;
  /** The hash of the link looked up: the survey's first link or the reminder's. */
  secretHash: string;
  answered: number;
  language: string;
}

/** The recipient a survey link names, by its first link's or its reminder's lookup id. */
export function recipientByLookupId(db: Db, lookupId: string): RecipientRow | undefined {
  return prepared<RecipientRow>(
    db,
    `SELECT r.id, r.meeting_id AS meetingId, r.person_id AS personId,
            CASE WHEN r.lookup_id = :lookupId THEN r.secret_hash ELSE r.reminder_secret_hash END AS secretHash,
            r.answered, ${textsLanguageSql('p.language')} AS language
     FROM evaluation_recipient r JOIN person p ON p.id = r.person_id
     WHERE r.lookup_id = :lookupId OR r.reminder_lookup_id = :lookupId`,
  ).get({ lookupId });
}

/** Marks the recipient as having answered; false when they already had (nothing changes then). */
export function markAnswered(db: Db, recipientId: number): boolean {
  return (
    prepared(db, 'UPDATE evaluation_recipient SET answered = 1 WHERE id = ? AND answered = 0').run(
      recipientId,
    ).changes === 1
  );
}

export function insertResponse(db: Db, id: number, meetingId: number): void {
  prepared(db, 'INSERT INTO evaluation_response (id, meeting_id) VALUES (?, ?)').run(id, meetingId);
}

export function responseIdTaken(db: Db, id: number): boolean {
  return prepared(db, 'SELECT 1 AS one FROM evaluation_response WHERE id = ?').get(id) !== undefined;
}

export function insertAnswer(
  db: Db,
  row: { responseId: number; questionKey: string; score: number | null; text: string | null },
): void {
  prepared(
    db,
    'INSERT INTO evaluation_answer (response_id, question_key, score, text) VALUES (?, ?, ?, ?)',
  ).run(row.responseId, row.questionKey, row.score, row.text);
}

/** Held meetings that ended since `since` and have no survey yet. */
export function heldMeetingsWithoutSurvey(db: Db, since: string, now: string): number[] {
  return prepared<{ id: number }>(
    db,
    `SELECT m.id FROM meeting m WHERE m.status = 'held' AND m.ends_at >= ? AND m.ends_at <= ?
       AND NOT EXISTS (SELECT 1 FROM evaluation_survey s WHERE s.meeting_id = m.id) ORDER BY m.id`,
  )
    .all(since, now)
    .map((r) => r.id);
}

export interface DueReminderRow {
  recipientId: number;
  meetingId: number;
  personId: number;
}

/** Recipients who have not answered and not been reminded, whose survey's reminder day has come. */
export function dueSurveyReminders(db: Db, today: string): DueReminderRow[] {
  return prepared<DueReminderRow>(
    db,
    `SELECT r.id AS recipientId, r.meeting_id AS meetingId, r.person_id AS personId
     FROM evaluation_recipient r JOIN evaluation_survey s ON s.meeting_id = r.meeting_id
     WHERE r.answered = 0 AND r.reminded_at IS NULL AND s.remind_on <= ? ORDER BY r.meeting_id, r.id`,
  ).all(today);
}

/** Notes the reminder and its link (beside the first link, which keeps working). */
export function markReminded(
  db: Db,
  recipientId: number,
  link: { lookupId: string; secretHash: string },
  at: string,
): void {
  prepared(
    db,
    `UPDATE evaluation_recipient SET reminded_at = ?, reminder_lookup_id = ?, reminder_secret_hash = ?
     WHERE id = ?`,
  ).run(at, link.lookupId, link.secretHash, recipientId);
}

// ---- results

export function askedAndAnswered(db: Db, meetingIds: number[]): { asked: number; answered: number } {
  return prepared<{ asked: number; answered: number }>(
    db,
    `SELECT count(*) AS asked, coalesce(sum(answered), 0) AS answered FROM evaluation_recipient
     WHERE meeting_id IN (SELECT value FROM json_each(?))`,
  ).get(JSON.stringify(meetingIds))!;
}

export interface ScoreRow {
  questionKey: string;
  score: number;
  n: number;
}

export function scoreCounts(db: Db, meetingIds: number[]): ScoreRow[] {
  return prepared<ScoreRow>(
    db,
    `SELECT a.question_key AS questionKey, a.score, count(*) AS n FROM evaluation_answer a
     JOIN evaluation_response r ON r.id = a.response_id
     WHERE r.meeting_id IN (SELECT value FROM json_each(?)) AND a.score IS NOT NULL
     GROUP BY a.question_key, a.score`,
  ).all(JSON.stringify(meetingIds));
}

/** Free-text answers, ordered by their text (never by when or by whom). */
export function answerTexts(db: Db, meetingIds: number[]): { questionKey: string; text: string }[] {
  return prepared<{ questionKey: string; text: string }>(
    db,
    `SELECT a.question_key AS questionKey, a.text FROM evaluation_answer a
     JOIN evaluation_response r ON r.id = a.response_id
     WHERE r.meeting_id IN (SELECT value FROM json_each(?)) AND a.text IS NOT NULL AND a.text <> ''
     ORDER BY a.question_key, a.text`,
  ).all(JSON.stringify(meetingIds));
}

/** The surveyed meetings of an area (or of every area given) in a year. */
export function surveyedMeetingsOfYear(
  db: Db,
  areaIds: number[],
  year: number,
): { id: number; areaId: number }[] {
  return prepared<{ id: number; areaId: number }>(
    db,
    `SELECT m.id, m.area_id AS areaId FROM meeting m JOIN evaluation_survey s ON s.meeting_id = m.id
     WHERE m.area_id IN (SELECT value FROM json_each(?)) AND substr(m.starts_at, 1, 4) = ? ORDER BY m.id`,
  ).all(JSON.stringify(areaIds), String(year));
}

export function surveyQuestionsOf(db: Db, meetingIds: number[]): SurveyQuestion[][] {
  return prepared<{ questions: string }>(
    db,
    'SELECT questions FROM evaluation_survey WHERE meeting_id IN (SELECT value FROM json_each(?)) ORDER BY meeting_id',
  )
    .all(JSON.stringify(meetingIds))
    .map((r) => JSON.parse(r.questions) as SurveyQuestion[]);
}

// ---- lessons learned

export interface LessonsRow {
  text: string;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

export function lessonsOf(db: Db, meetingId: number): LessonsRow | undefined {
  return prepared<LessonsRow>(
    db,
    `SELECT text, version, updated_by AS updatedBy, updated_at AS updatedAt FROM meeting_lessons WHERE meeting_id = ?`,
  ).get(meetingId);
}

export function saveLessons(db: Db, meetingId: number, row: LessonsRow): void {
  prepared(
    db,
    `INSERT INTO meeting_lessons (meeting_id, text, version, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (meeting_id) DO UPDATE SET text = excluded.text, version = excluded.version,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(meetingId, row.text, row.version, row.updatedBy, row.updatedAt);
}

/** The lessons written for the meetings of the given areas in a year, by area. */
export function lessonsOfYear(db: Db, areaIds: number[], year: number): { areaId: number; text: string }[] {
  return prepared<{ areaId: number; text: string }>(
    db,
    `SELECT m.area_id AS areaId, l.text FROM meeting_lessons l JOIN meeting m ON m.id = l.meeting_id
     WHERE m.area_id IN (SELECT value FROM json_each(?)) AND substr(m.starts_at, 1, 4) = ? AND l.text <> ''
     ORDER BY m.starts_at, m.id`,
  ).all(JSON.stringify(areaIds), String(year));
}
