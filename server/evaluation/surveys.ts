import type { Db } from '../../db/client.ts';
import { surveyMail } from '../../emails/evaluation.ts';
import type { Actor } from '../accounts/accounts.ts';
import { newSecretToken } from '../accounts/credentials.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Config } from '../config.ts';
import { messageDomain } from '../invitations/queue-mail.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { acceptedPersonIds, attendedPersonIds } from '../outcomes/queries/meeting-outcomes.ts';
import { addDays, areaOfOutcome, copenhagenDate, programmeOfOutcomeArea } from '../outcomes/references.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { ProgrammeSettings } from '../programmes/schemas.ts';
import { hasAttendanceSheet } from '../reports/queries.ts';
import { languageOr } from '../text/language.ts';
import {
  dueSurveyReminders,
  heldMeetingsWithoutSurvey,
  insertRecipient,
  insertSurvey,
  markReminded,
  participantsByIds,
  surveyOf,
} from './queries.ts';
import { EvaluationRefused } from './refusals.ts';

/** Survey links look like /evaluering/eval_<lookup>_<secret>; only the secret's hash is stored. */
export const SURVEY_TOKEN_PREFIX = 'eval';

type SurveyConfig = Pick<Config, 'PUBLIC_URL' | 'MAIL_FROM'>;

/** A held meeting's survey is sent by itself within this many days of its end (not for old meetings). */
const AUTO_SEND_WITHIN_DAYS = 30;
const DAY = 86_400_000;

/** Who took part: the confirmed attendance list, or (before there is one) those who accepted. */
function participantIds(db: Db, meetingId: number): number[] {
  return hasAttendanceSheet(db, meetingId)
    ? attendedPersonIds(db, meetingId)
    : acceptedPersonIds(db, meetingId);
}

const surveyUrl = (config: SurveyConfig, token: string) =>
  `${config.PUBLIC_URL.replace(/\/$/, '')}/evaluering/${token}`;

/**
 * Sends the evaluation survey of a held meeting to each participant, each with a personal link, and
 * sets the day of the one reminder (the programme's `evaluation.reminderAfterDays`). Once per meeting.
 */
export function sendSurvey(
  db: Db,
  config: SurveyConfig,
  actor: Actor | null,
  meetingId: number,
  now = new Date(),
): { meetingId: number; sent: number; remindOn: string } {
  return db.transaction(() => {
    const meeting = meetingRecord(db, meetingId);
    if (meeting.status !== 'held') throw new EvaluationRefused('notHeld');
    if (surveyOf(db, meetingId)) throw new EvaluationRefused('alreadySent');
    const people = participantsByIds(db, participantIds(db, meetingId));
    if (people.length === 0) throw new EvaluationRefused('noParticipants');
    const programme = programmeOfOutcomeArea(db, areaOfOutcome(db, meeting.areaId));
    const settings = ProgrammeSettings.parse(programme.settings).evaluation;
    const remindOn = addDays(copenhagenDate(now), settings.reminderAfterDays);
    insertSurvey(db, { meetingId, questions: settings.questions, sentAt: now.toISOString(), remindOn });
    for (const person of people) {
      const link = newSecretToken(SURVEY_TOKEN_PREFIX);
      insertRecipient(db, {
        meetingId,
        personId: person.id,
        lookupId: link.lookupId,
        secretHash: link.secretHash,
      });
      const mail = surveyMail(
        { name: person.name, language: languageOr(person.language) },
        meeting,
        surveyUrl(config, link.token),
        'survey',
        programme.signature,
      );
      enqueueMail(
        db,
        { kind: 'evaluation', to: { address: person.email, name: person.name }, ...mail, meetingId },
        messageDomain(config),
      );
    }
    recordAudit(db, actor, {
      action: 'send',
      entity: 'evaluation',
      entityId: meetingId,
      changes: { recipients: people.length, remindOn },
    });
    return { meetingId, sent: people.length, remindOn };
  });
}

/**
 * The surveys nobody has to ask for: every meeting marked held that ended within the last 30 days
 * and has none yet. A meeting without participants is left for the facilitator (it is not an error).
 */
export function queueDueSurveys(db: Db, config: SurveyConfig, now = new Date()): number {
  const since = new Date(now.getTime() - AUTO_SEND_WITHIN_DAYS * DAY).toISOString();
  let sent = 0;
  for (const id of heldMeetingsWithoutSurvey(db, since, now.toISOString())) {
    try {
      sent += sendSurvey(db, config, null, id, now).sent;
    } catch (error) {
      if (!(error instanceof EvaluationRefused)) throw error;
    }
  }
  return sent;
}

/**
 * The one reminder: to each recipient who has not answered once their survey's reminder day has
 * come, with a link of its own (the first keeps working). Safe to run as often as wanted.
 */
export function queueSurveyReminders(db: Db, config: SurveyConfig, now = new Date()): number {
  return db.transaction(() => {
    const due = dueSurveyReminders(db, copenhagenDate(now));
    for (const r of due) {
      const meeting = meetingRecord(db, r.meetingId);
      const link = newSecretToken(SURVEY_TOKEN_PREFIX);
      markReminded(db, r.recipientId, link, now.toISOString());
      const [person] = participantsByIds(db, [r.personId]);
      if (!person) continue;
      const programme = programmeOfOutcomeArea(db, areaOfOutcome(db, meeting.areaId));
      const mail = surveyMail(
        { name: person.name, language: languageOr(person.language) },
        meeting,
        surveyUrl(config, link.token),
        'reminder',
        programme.signature,
      );
      enqueueMail(
        db,
        {
          kind: 'evaluation-reminder',
          to: { address: person.email, name: person.name },
          ...mail,
          meetingId: r.meetingId,
        },
        messageDomain(config),
      );
    }
    return due.length;
  });
}
