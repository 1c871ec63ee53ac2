import { longDate } from '../server/text/dates.ts';
import type { Language } from '../server/text/language.ts';
import { catalogueFor } from '../server/text/messages.ts';
import { type EmailBlock, type RenderedEmail, renderLetter, type Signatory } from './template.ts';

export interface ReferatMailInput {
  lang: Language;
  to: string;
  meetingTitle: string;
  startsAt: string;
  timeZone: string;
  /** Links to the meeting's materials through the recipient's own answer link; empty when they have none. */
  materials: readonly { label: string; href: string }[];
  from?: Signatory | null;
  signature?: string | null;
}

/** The letter that carries a referat (its PDF and DOCX are attached by the sender). */
export function referatMail(input: ReferatMailInput): RenderedEmail {
  const w = catalogueFor(input.lang).referat.mail;
  const date = longDate(input.startsAt, input.timeZone, input.lang);
  const body: (string | EmailBlock)[] = [w.lead(input.meetingTitle, date)];
  if (input.materials.length)
    body.push({ kind: 'actions', heading: w.materials, links: input.materials, hint: w.materialsHint });
  return renderLetter({
    lang: input.lang,
    subject: w.subject(input.meetingTitle, date),
    to: input.to,
    body,
    from: input.from,
    signature: input.signature,
  });
}
