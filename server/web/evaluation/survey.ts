import type { SurveyView } from '../../evaluation/schemas.ts';
import { escapeHtml as e } from '../../text/html.ts';
import { languageOr } from '../../text/language.ts';
import { catalogueFor } from '../../text/messages.ts';
import { layout } from '../rsvp/page.ts';

/** The survey page: a 1–5 choice per scale question (or "don't know"), a text box per free-text one. */
export function surveyPage(
  view: SurveyView,
  token: string,
  notice?: { text: string; warning?: boolean },
): string {
  const lang = languageOr(view.language);
  const t = catalogueFor(lang).evaluation.page;
  const head = `<h1>${e(t.title)}</h1><p>${e(t.intro(view.meetingTitle, view.startsAt))}</p>`;
  const status = notice
    ? `<p class="status${notice.warning ? ' warning' : ''}" role="status">${e(notice.text)}</p>`
    : '';
  if (view.answered || notice)
    return layout(
      t.title,
      head + (status || `<p class="status" role="status">${e(t.alreadyAnswered)}</p>`),
      lang,
    );
  const questions = view.questions
    .map((q, i) => {
      const name = e(q.key);
      if (q.kind === 'text')
        return `<p><label for="q${i}"><strong>${e(q.label)}</strong></label><textarea id="q${i}" name="${name}" rows="4" maxlength="2000"></textarea></p>`;
      const choices = ['1', '2', '3', '4', '5', '']
        .map(
          (v) =>
            `<label><input type="radio" name="${name}" value="${v}"${v === '' ? ' checked' : ''}> ${v === '' ? e(t.noAnswer) : v}</label>`,
        )
        .join('');
      return `<fieldset><legend>${e(q.label)}</legend>${choices}</fieldset>`;
    })
    .join('\n');
  const form = `<p>${e(t.scale)}</p><form method="post" action="/evaluering/${encodeURIComponent(token)}">${questions}<button type="submit">${e(t.submit)}</button></form>`;
  return layout(t.title, head + form, lang);
}

/** An unknown or tampered survey link: the same Danish page whatever was wrong. */
export const surveyNotFoundPage = layout(
  catalogueFor('da').evaluation.page.title,
  `<h1>${e(catalogueFor('da').evaluation.page.title)}</h1><p>${e(catalogueFor('da').evaluation.page.notFound)}</p>`,
  'da',
);
