import { longDate, meetingTime } from '../server/text/dates.ts';
import type { Language } from '../server/text/language.ts';
import { catalogueFor } from '../server/text/messages.ts';
import { type RenderedEmail, renderLetter, type Signatory } from './template.ts';

/** What a district's or host's fixed contact reads when asked to agree a meeting's date, and the save-the-date. */

export interface ProposedDate {
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venueName: string | null;
  venueAddress: string | null;
  /** Why this date, in one sentence (the planner's explanation, or the contact's note). */
  reason: string | null;
  /** Who signs: the facilitator, else the programme's signature. */
  from: Signatory | null;
  signature: string | null;
}

export interface DateMailTo {
  name: string;
  language: Language;
  organisationName: string;
}

function facts(lang: Language, d: ProposedDate) {
  const w = catalogueFor(lang).dates;
  const place = [d.venueName, d.venueAddress].filter(Boolean).join(', ') || w.placeLater;
  const rows: [string, string][] = [
    [w.meeting, d.title],
    [w.time, meetingTime(d.startsAt, d.endsAt, d.timeZone, lang)],
    [w.place, place],
  ];
  if (d.reason) rows.push([w.reason, d.reason]);
  return { kind: 'facts' as const, rows };
}

function actions(lang: Language, url: string) {
  const w = catalogueFor(lang).dates;
  return {
    kind: 'actions' as const,
    heading: w.actionsHeading,
    links: [
      { label: w.confirm, href: `${url}?svar=bekraeft` },
      { label: w.propose, href: `${url}#andendato` },
    ],
    hint: w.linkHint,
  };
}

/** The proposal: date, time, place and why, with links to confirm or to propose another date. */
export function dateProposalMail(to: DateMailTo, d: ProposedDate, url: string): RenderedEmail {
  const lang = to.language;
  const w = catalogueFor(lang).dates;
  return renderLetter({
    lang,
    subject: w.proposalSubject(d.title, longDate(d.startsAt, d.timeZone, lang)),
    to: to.name,
    body: [...w.proposal(to.organisationName), facts(lang, d), actions(lang, url)],
    from: d.from,
    signature: d.signature,
  });
}

/** The reminder after the set number of days without an answer, with its own links. */
export function dateReminderMail(
  to: DateMailTo,
  d: ProposedDate,
  url: string,
  sentAt: string,
): RenderedEmail {
  const lang = to.language;
  const w = catalogueFor(lang).dates;
  return renderLetter({
    lang,
    subject: w.reminderSubject(d.title),
    to: to.name,
    body: [
      ...w.reminder(to.organisationName, longDate(sentAt, d.timeZone, lang)),
      facts(lang, d),
      actions(lang, url),
    ],
    from: d.from,
    signature: d.signature,
  });
}

/** The save-the-date to one of the audience; the calendar entry travels with it. */
export function saveTheDateMail(to: { name: string; language: Language }, d: ProposedDate): RenderedEmail {
  const lang = to.language;
  const w = catalogueFor(lang).dates;
  return renderLetter({
    lang,
    subject: w.saveTheDateSubject(d.title, longDate(d.startsAt, d.timeZone, lang)),
    to: to.name,
    body: [...w.saveTheDate, facts(lang, { ...d, reason: null })],
    from: d.from,
    signature: d.signature,
  });
}
