import { meetingTime } from '../server/text/dates.ts';
import type { Language } from '../server/text/language.ts';
import { catalogueFor } from '../server/text/messages.ts';
import { type RenderedEmail, renderLetter } from './template.ts';

/** What the answering side writes to invitees: short notices about their place at a meeting. */

/** The meeting as these notices name it. */
export interface NoticeMeeting {
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venueName: string | null;
  venueAddress: string | null;
}

export interface NoticeRecipient {
  name: string;
  language: Language;
}

/** Greeting, the notice's paragraphs, the meeting's facts, the sign-off. */
function notice(
  to: NoticeRecipient,
  meeting: NoticeMeeting,
  subject: string,
  paragraphs: readonly string[],
): RenderedEmail {
  const lang = to.language;
  const w = catalogueFor(lang).answerMail;
  const place = [meeting.venueName, meeting.venueAddress].filter(Boolean).join(', ') || w.placeLater;
  return renderLetter({
    lang,
    subject,
    to: to.name,
    body: [
      ...paragraphs,
      {
        kind: 'facts',
        rows: [
          [w.meeting, meeting.title],
          [w.time, meetingTime(meeting.startsAt, meeting.endsAt, meeting.timeZone, lang)],
          [w.place, place],
        ],
      },
    ],
  });
}

export function waitlistedMail(to: NoticeRecipient, meeting: NoticeMeeting, position: number): RenderedEmail {
  const w = catalogueFor(to.language).answerMail;
  return notice(to, meeting, w.waitlistedSubject(meeting.title), w.waitlisted(position));
}

export function promotedMail(to: NoticeRecipient, meeting: NoticeMeeting): RenderedEmail {
  const w = catalogueFor(to.language).answerMail;
  return notice(to, meeting, w.promotedSubject(meeting.title), w.promoted);
}

/** To an organisation's fixed contact person when nobody from it has signed up. */
export function organisationChaserMail(
  to: NoticeRecipient,
  organisationName: string,
  meeting: NoticeMeeting,
): RenderedEmail {
  const w = catalogueFor(to.language).answerMail;
  return notice(to, meeting, w.chaserSubject(meeting.title), w.chaser(organisationName, meeting.title));
}
