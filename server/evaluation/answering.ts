import { randomInt } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { SurveyQuestion } from '../../db/schema/evaluation.ts';
import { parseSecretToken, secretMatches } from '../accounts/credentials.ts';
import { badRequest, type FieldError } from '../http/problems.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { dayDate } from '../text/dates.ts';
import { languageOr } from '../text/language.ts';
import {
  insertAnswer,
  insertResponse,
  markAnswered,
  type RecipientRow,
  recipientByLookupId,
  responseIdTaken,
  surveyOf,
} from './queries.ts';
import { EvaluationRefused } from './refusals.ts';
import type { SurveyAnswers, SurveyView } from './schemas.ts';
import { SURVEY_TOKEN_PREFIX } from './surveys.ts';

/** The recipient a survey link belongs to, or null for an unknown or tampered link. */
export function recipientOfLink(db: Db, token: string): RecipientRow | null {
  const parsed = parseSecretToken(SURVEY_TOKEN_PREFIX, token);
  if (!parsed) return null;
  const row = recipientByLookupId(db, parsed.lookupId);
  if (!row?.secretHash || !secretMatches(parsed.secret, row.secretHash)) return null;
  return row;
}

/** A question's words in the reader's language, else Danish, else the first it has. */
export const questionLabel = (q: SurveyQuestion, lang: string): string =>
  q.labels[lang] ?? q.labels.da ?? Object.values(q.labels)[0] ?? q.key;

export function surveyView(db: Db, recipient: RecipientRow): SurveyView {
  const meeting = meetingRecord(db, recipient.meetingId);
  const survey = surveyOf(db, recipient.meetingId)!;
  const lang = languageOr(recipient.language);
  return {
    meetingTitle: meeting.title,
    startsAt: dayDate(meeting.startsAt, lang, meeting.timeZone),
    language: lang,
    answered: recipient.answered === 1,
    questions: survey.questions.map((q) => ({ key: q.key, kind: q.kind, label: questionLabel(q, lang) })),
  };
}

interface CheckedAnswer {
  questionKey: string;
  score: number | null;
  text: string | null;
}

/** Each answer against its question: a whole 1–5 for a scale, text for free text; blanks are left out. */
function checkAnswers(questions: SurveyQuestion[], answers: SurveyAnswers): CheckedAnswer[] {
  const faults: FieldError[] = [];
  const checked: CheckedAnswer[] = [];
  for (const [key, value] of Object.entries(answers)) {
    const question = questions.find((q) => q.key === key);
    const field = `body.${key}`;
    if (!question) {
      faults.push({ field, message: 'the survey has no such question' });
      continue;
    }
    const raw = String(value).trim();
    if (raw === '') continue;
    if (question.kind === 'text') checked.push({ questionKey: key, score: null, text: raw });
    else if (/^[1-5]$/.test(raw)) checked.push({ questionKey: key, score: Number(raw), text: null });
    else faults.push({ field, message: 'a whole number from 1 to 5' });
  }
  if (faults.length) throw badRequest(`Invalid ${faults.map((f) => f.field).join(', ')}`, faults);
  return checked;
}

/** A random id for a response, so neither ids nor row order tell the order answers came in. */
function freshResponseId(db: Db): number {
  for (;;) {
    const id = randomInt(1, 2 ** 47);
    if (!responseIdTaken(db, id)) return id;
  }
}

/**
 * Records an answered survey, anonymously: the recipient is marked as having answered, and the
 * answers are stored under a random id with the meeting only, in the same transaction. A second
 * answer is refused (409) and changes nothing.
 */
export function answerSurvey(db: Db, recipient: RecipientRow, answers: SurveyAnswers): void {
  db.transaction(() => {
    const survey = surveyOf(db, recipient.meetingId)!;
    const checked = checkAnswers(survey.questions, answers);
    if (!markAnswered(db, recipient.id)) throw new EvaluationRefused('alreadyAnswered');
    const responseId = freshResponseId(db);
    insertResponse(db, responseId, recipient.meetingId);
    for (const a of checked) insertAnswer(db, { responseId, ...a });
  });
}
