import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { meeting } from './planning.ts';
import { person } from './register.ts';

/** A question of a survey as it was sent (the programme's questions may change later). */
export interface SurveyQuestion {
  key: string;
  kind: 'scale' | 'text';
  labels: Record<string, string>;
}

/** The evaluation survey of one held meeting: sent once, its questions frozen as sent. */
export const evaluationSurvey = sqliteTable('evaluation_survey', {
  meetingId: integer('meeting_id')
    .primaryKey()
    .references(() => meeting.id, { onDelete: 'cascade' }),
  questions: text('questions', { mode: 'json' }).$type<SurveyQuestion[]>().notNull(),
  sentAt: text('sent_at').notNull(),
  /** When the one reminder goes to those who have not answered. */
  remindOn: text('remind_on').notNull(),
});

/**
 * Who was asked, and whether they have answered: the only place a person meets the survey. It says
 * nothing of what they answered, and not when (no timestamp of the answer is kept anywhere).
 */
export const evaluationRecipient = sqliteTable(
  'evaluation_recipient',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => evaluationSurvey.meetingId, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    /** The survey link's lookup id and the SHA-256 of its secret; the secret is only in the email. */
    lookupId: text('lookup_id').notNull(),
    secretHash: text('secret_hash').notNull(),
    /** The reminder's link: a second link to the same survey; the first one keeps working. */
    reminderLookupId: text('reminder_lookup_id'),
    reminderSecretHash: text('reminder_secret_hash'),
    answered: integer('answered', { mode: 'boolean' }).notNull().default(false),
    remindedAt: text('reminded_at'),
  },
  (t) => [
    uniqueIndex('evaluation_recipient_uq').on(t.meetingId, t.personId),
    uniqueIndex('evaluation_recipient_lookup_uq').on(t.lookupId),
    uniqueIndex('evaluation_recipient_reminder_lookup_uq').on(t.reminderLookupId),
  ],
);

/**
 * One answered survey, kept apart from who answered it: no person, recipient, link or time. Its id
 * is drawn at random (it is the rowid), so neither the id nor the rows' order tells which answer
 * came first, and nothing can be matched against the order in which recipients were marked answered.
 */
export const evaluationResponse = sqliteTable(
  'evaluation_response',
  {
    id: integer('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => evaluationSurvey.meetingId, { onDelete: 'cascade' }),
  },
  (t) => [index('evaluation_response_meeting_idx').on(t.meetingId)],
);

/** One question's answer in a response: a score 1–5 for a scale, a text for a free-text question. */
export const evaluationAnswer = sqliteTable(
  'evaluation_answer',
  {
    responseId: integer('response_id')
      .notNull()
      .references(() => evaluationResponse.id, { onDelete: 'cascade' }),
    questionKey: text('question_key').notNull(),
    score: integer('score'),
    text: text('text'),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.questionKey] })],
);

/** What the meeting taught (erfaringer): free text per meeting, for the national report. */
export const meetingLessons = sqliteTable('meeting_lessons', {
  meetingId: integer('meeting_id')
    .primaryKey()
    .references(() => meeting.id, { onDelete: 'cascade' }),
  text: text('text').notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: text('updated_by').notNull(),
  updatedAt: text('updated_at').notNull(),
});
