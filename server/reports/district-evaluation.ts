import { MIN_ANSWERS_SHOWN } from '../evaluation/schemas.ts';
import type { Language } from '../text/language.ts';
import { catalogueFor } from '../text/messages.ts';
import { formatShare } from '../text/numbers.ts';
import type { DistrictSection } from './data.ts';

/** A district chapter's evaluation and lessons as headed lines, the same in every format. */
export function evaluationParts(s: DistrictSection, lang: Language): { title: string; lines: string[] }[] {
  const w = catalogueFor(lang).evaluation;
  const r = s.evaluation;
  const lines: string[] = [];
  if (!r) lines.push(w.results.notSent);
  else {
    lines.push(w.results.responseRate(r.answered, r.asked, formatShare(r.answered, r.asked, lang)));
    if (!r.shown) lines.push(w.results.hidden(MIN_ANSWERS_SHOWN));
    for (const q of r.questions) {
      if (q.kind === 'scale' && q.mean !== null)
        lines.push(
          `${q.label}: ${q.mean.toLocaleString(lang, { maximumFractionDigits: 1 })} (${w.results.answers(q.answers)})`,
        );
      for (const text of q.texts ?? []) lines.push(`${q.label}: ${text}`);
    }
  }
  return [
    { title: w.results.heading, lines },
    { title: w.lessons.heading, lines: [s.lessons ?? w.lessons.none] },
  ];
}
