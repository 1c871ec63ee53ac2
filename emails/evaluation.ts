import { dayDate } from '../server/text/dates.ts';
import type { Language } from '../server/text/language.ts';
import { catalogueFor } from '../server/text/messages.ts';
import { type RenderedEmail, renderLetter } from './template.ts';

/** The survey after a meeting, and its one reminder: a personal link to the questions. */
export function surveyMail(
  to: { name: string; language: Language },
  meeting: { title: string; startsAt: string; timeZone: string },
  surveyUrl: string,
  kind: 'survey' | 'reminder',
  signature?: string | null,
): RenderedEmail {
  const lang = to.language;
  const w = catalogueFor(lang).evaluation.mail;
  const date = dayDate(meeting.startsAt, lang, meeting.timeZone);
  const [subject, intro] =
    kind === 'survey'
      ? [w.subject(meeting.title), w.intro(meeting.title, date)]
      : [w.reminderSubject(meeting.title), w.reminderIntro(meeting.title, date)];
  return renderLetter({
    lang,
    subject,
    to: to.name,
    signature,
    body: [
      intro,
      {
        kind: 'actions',
        heading: w.actionHeading,
        links: [{ label: w.action, href: surveyUrl }],
        hint: w.hint,
      },
      w.anonymous,
    ],
  });
}
