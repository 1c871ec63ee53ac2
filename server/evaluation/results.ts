import type { Db } from '../../db/client.ts';
import type { SurveyQuestion } from '../../db/schema/evaluation.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { type ReportScope, reportDistricts } from '../reports/queries.ts';
import { questionLabel } from './answering.ts';
import {
  answerTexts,
  askedAndAnswered,
  scoreCounts,
  surveyedMeetingsOfYear,
  surveyOf,
  surveyQuestionsOf,
} from './queries.ts';
import {
  type EvaluationResults,
  type MeetingEvaluation,
  MIN_ANSWERS_SHOWN,
  type YearEvaluation,
} from './schemas.ts';

/** The questions of several surveys, each key once, in the order first asked. */
function questionsOf(surveys: SurveyQuestion[][]): SurveyQuestion[] {
  const seen = new Map<string, SurveyQuestion>();
  for (const qs of surveys) for (const q of qs) if (!seen.has(q.key)) seen.set(q.key, q);
  return [...seen.values()];
}

/**
 * The results of the surveys of some meetings: how many were asked and answered, and (from 5
 * answers on) each scale's mean and spread and the free texts. Fewer answers show no figures: with
 * three answers, a reader could tell who said what.
 */
export function resultsOf(db: Db, meetingIds: number[], lang: string): EvaluationResults {
  const { asked, answered } = meetingIds.length
    ? askedAndAnswered(db, meetingIds)
    : { asked: 0, answered: 0 };
  const shown = answered >= MIN_ANSWERS_SHOWN;
  const base = {
    meetings: meetingIds.length,
    asked,
    answered,
    responseRate: asked ? answered / asked : null,
    shown,
  };
  if (!shown) return { ...base, questions: [] };
  const scores = scoreCounts(db, meetingIds);
  const texts = answerTexts(db, meetingIds);
  const questions = questionsOf(surveyQuestionsOf(db, meetingIds)).map((q) => {
    const label = questionLabel(q, lang);
    if (q.kind === 'text') {
      const own = texts.filter((t) => t.questionKey === q.key).map((t) => t.text);
      return {
        key: q.key,
        kind: q.kind,
        label,
        answers: own.length,
        mean: null,
        distribution: null,
        texts: own,
      };
    }
    const distribution = [1, 2, 3, 4, 5].map(
      (score) => scores.find((s) => s.questionKey === q.key && s.score === score)?.n ?? 0,
    );
    const n = distribution.reduce((a, b) => a + b, 0);
    const mean = n ? distribution.reduce((sum, c, i) => sum + c * (i + 1), 0) / n : null;
    return { key: q.key, kind: q.kind, label, answers: n, mean, distribution, texts: null };
  });
  return { ...base, questions };
}

export function meetingEvaluation(db: Db, meetingId: number, lang: string): MeetingEvaluation {
  meetingRecord(db, meetingId);
  const survey = surveyOf(db, meetingId);
  return {
    meetingId,
    sentAt: survey?.sentAt ?? null,
    remindOn: survey?.remindOn ?? null,
    results: resultsOf(db, survey ? [meetingId] : [], lang),
  };
}

/** A programme's year: the results of each area's surveyed meetings, and of all of them together. */
export function yearEvaluation(
  db: Db,
  scope: ReportScope & { key: string },
  year: number,
  lang: string,
  district?: string,
): YearEvaluation {
  const areas = reportDistricts(db, scope, district ?? null);
  const meetings = surveyedMeetingsOfYear(
    db,
    areas.map((a) => a.areaId),
    year,
  );
  return {
    year,
    programme: scope.key,
    areas: areas.map((a) => ({
      areaId: a.areaId,
      code: a.code,
      name: a.name,
      results: resultsOf(
        db,
        meetings.filter((m) => m.areaId === a.areaId).map((m) => m.id),
        lang,
      ),
    })),
    total: resultsOf(
      db,
      meetings.map((m) => m.id),
      lang,
    ),
  };
}
