import type { NeedsRow } from '../server/answers/queries.ts';
import type { Language } from '../server/text/language.ts';
import { catalogueFor } from '../server/text/messages.ts';
import { type RenderedEmail, renderLetter } from './template.ts';

/** The host's list of the participants' dietary and accessibility needs, for the catering and the room. */
export function renderHostNeeds(o: {
  lang: Language;
  recipientName: string;
  title: string;
  when: string;
  needs: NeedsRow[];
}): RenderedEmail {
  const w = catalogueFor(o.lang).replyAndNeeds;
  return renderLetter({
    lang: o.lang,
    subject: w.hostSubject(o.title),
    to: o.recipientName,
    body: [
      w.hostLead(o.title, o.when),
      o.needs.length
        ? {
            kind: 'list',
            heading: catalogueFor(o.lang).pages.preparation.needs,
            items: o.needs.map((n) => ({
              title: `${n.name}, ${n.organisation}`,
              detail: [
                n.dietaryNeeds ? `${w.hostDietary}: ${n.dietaryNeeds}` : null,
                n.accessibilityNeeds ? `${w.hostAccess}: ${n.accessibilityNeeds}` : null,
              ]
                .filter(Boolean)
                .join(' · '),
            })),
          }
        : w.hostNone,
    ],
  });
}
