import { dayDate } from '../server/text/dates.ts';
import type { Language } from '../server/text/language.ts';
import { catalogueFor } from '../server/text/messages.ts';
import { type RenderedEmail, renderLetter } from './template.ts';

/** What a follow-up reminder is about: an agreement due for review, or a barrier open over a year. */
export interface FollowUpSubject {
  kind: 'agreement_review' | 'barrier_open';
  title: string;
  districtCode: string;
  /** YYYY-MM-DD: the review date, or the day the barrier has been open a year. */
  dueOn: string;
}

/** The reminder to one person responsible for an agreement or a barrier. */
export function followUpReminderMail(
  item: FollowUpSubject,
  to: { name: string; language: Language },
): RenderedEmail {
  const lang = to.language;
  const w = catalogueFor(lang).followUpMail;
  const date = dayDate(item.dueOn, lang);
  const [subject, paragraphs] =
    item.kind === 'agreement_review'
      ? [w.reviewSubject(item.title), w.review(item.title, item.districtCode, date)]
      : [w.barrierSubject, w.barrier(item.title, item.districtCode, date)];
  return renderLetter({ lang, subject, to: to.name, body: paragraphs });
}
