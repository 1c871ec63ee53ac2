import { z } from 'zod';
import { Text } from '../http/text.ts';
import { CatalogueKey } from '../programmes/schemas.ts';

export { EvaluationQuestion, EvaluationSettings } from '../programmes/schemas.ts';

/** Results are shown only from this many answers: fewer could point at who said what. */
export const MIN_ANSWERS_SHOWN = 5;

/** An answered survey as sent: a score per scale question, text per free-text question. */
export const SurveyAnswers = z
  .record(CatalogueKey, z.union([z.number(), Text('reason')]))
  .describe('Answers by question key: 1–5 for a scale, text for a free-text question; any may be left out')
  .meta({ id: 'SurveyAnswers' });
export type SurveyAnswers = z.infer<typeof SurveyAnswers>;

const QuestionView = z.object({ key: z.string(), kind: z.enum(['scale', 'text']), label: z.string() });

/** The survey page's content: the meeting it is about and the questions in the recipient's language. */
export const SurveyView = z
  .object({
    meetingTitle: z.string(),
    startsAt: z.string(),
    language: z.string(),
    answered: z.boolean(),
    questions: z.array(QuestionView),
  })
  .meta({ id: 'SurveyView' });
export type SurveyView = z.infer<typeof SurveyView>;

const QuestionResult = z.object({
  key: z.string(),
  kind: z.enum(['scale', 'text']),
  label: z.string(),
  /** Scale: answers with a score, their mean, and how many gave each score 1..5. */
  answers: z.number().int(),
  mean: z.number().nullable(),
  distribution: z.array(z.number().int()).length(5).nullable(),
  /** Free text: the texts, in no particular order. */
  texts: z.array(z.string()).nullable(),
});

/** The results of a meeting, an area's year or a programme's year. */
export const EvaluationResults = z
  .object({
    meetings: z.number().int().describe('Meetings whose survey went out'),
    asked: z.number().int(),
    answered: z.number().int(),
    responseRate: z.number().nullable().describe('answered / asked, 0..1'),
    /** False when fewer than 5 answered: then no figures are given. */
    shown: z.boolean(),
    questions: z.array(QuestionResult),
  })
  .meta({ id: 'EvaluationResults' });
export type EvaluationResults = z.infer<typeof EvaluationResults>;

/** A meeting's survey: whether and when it went out, and its results. */
export const MeetingEvaluation = z
  .object({
    meetingId: z.number().int(),
    sentAt: z.string().nullable(),
    remindOn: z.string().nullable(),
    results: EvaluationResults,
  })
  .meta({ id: 'MeetingEvaluation' });
export type MeetingEvaluation = z.infer<typeof MeetingEvaluation>;

export const SentSurvey = z
  .object({ meetingId: z.number().int(), sent: z.number().int(), remindOn: z.string() })
  .meta({ id: 'SentSurvey' });

export const AreaEvaluation = z.object({
  areaId: z.number().int(),
  code: z.string(),
  name: z.string(),
  results: EvaluationResults,
});

/** A year's results: per area and for the whole programme. */
export const YearEvaluation = z
  .object({
    year: z.number().int(),
    programme: z.string(),
    areas: z.array(AreaEvaluation),
    total: EvaluationResults,
  })
  .meta({ id: 'YearEvaluation' });
export type YearEvaluation = z.infer<typeof YearEvaluation>;

export const MeetingLessons = z
  .object({
    meetingId: z.number().int(),
    text: z.string(),
    version: z.number().int().describe('0 while none are written'),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'MeetingLessons' });
export type MeetingLessons = z.infer<typeof MeetingLessons>;

export const PutMeetingLessons = z
  .strictObject({
    text: Text('minutes'),
    version: z.number().int().min(0).describe('The version you read (0 for the first)'),
  })
  .meta({ id: 'PutMeetingLessons' });
export type PutMeetingLessons = z.infer<typeof PutMeetingLessons>;
