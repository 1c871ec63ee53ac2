import type { AnswerChoice, RsvpView } from '../../answers/schemas.ts';
import { escapeHtml as e } from '../../text/html.ts';
import type { Language } from '../../text/language.ts';
import { catalogueFor } from '../../text/messages.ts';
import { ASSETS } from '../asset-urls.ts';
import { sessionSection } from './sessions.ts';

/** The answer page: plain, accessible HTML, every value escaped, no script. */

const style = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.5;color:#1a1a1a;margin:0;background:#f5f5f5}
main{max-width:40rem;margin:0 auto;padding:1.5rem;background:#fff;min-height:100vh}
h1{font-size:1.6rem;margin:.2rem 0 1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{font-weight:600}dd{margin:0}
fieldset{border:1px solid #bfbfbf;padding:1rem;margin:1rem 0}legend{font-weight:600;padding:0 .3rem}
label{display:block;margin:.4rem 0}input[type=text],input[type=email],textarea{width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #747474;font:inherit}
button{background:#0059b3;color:#fff;border:0;padding:.6rem 1.2rem;font:inherit;font-weight:600;cursor:pointer}
button:focus,input:focus,textarea:focus{outline:3px solid #ffbc2b;outline-offset:2px}
.status{border-left:.4rem solid #0059b3;background:#e6f0fa;padding:.6rem 1rem}.warning{border-color:#b30000;background:#fbeaea}
`;

/** The frame of the pages an invitee reaches by a link (answer page, survey): no menu, no script. */
export function layout(title: string, body: string, lang: Language): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="${ASSETS}/samraad/favicon.svg" type="image/svg+xml">
<title>${e(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

function currentAnswer(view: RsvpView): string {
  const a = view.answer;
  const t = catalogueFor(view.language).answerPage;
  if (a.askedAgain) return catalogueFor(view.language).reconfirm.pageNotice;
  if (a.response === 'needs_action') return t.notAnswered;
  if (a.response === 'delegated')
    return a.delegatedTo ? t.delegatedTo(a.delegatedTo.name, a.delegatedTo.email) : t.delegated;
  const label = t.answers[a.response as AnswerChoice];
  if (a.waitlisted) return t.waitlisted(label, a.waitlistPosition ?? 0);
  return t.yourAnswer(label);
}

export interface PageOptions {
  token: string;
  preselect?: AnswerChoice;
  /** A confirmation shown after a saved answer. */
  saved?: string;
  /** A meeting held as sessions: the session an email link named. */
  preselectSession?: number;
  /** Why the last choice was refused, in the invitee's language. */
  refused?: string;
  /** The meeting takes no answers: the sentence says why, and the form is not shown. */
  closed?: string;
}

/** The needs fields, filled with what was told before. */
function needsFields(view: RsvpView): string {
  const n = catalogueFor(view.language).replyAndNeeds;
  return `<label for="dietaryNeeds">${e(n.dietaryNeeds)}</label>
<textarea id="dietaryNeeds" name="dietaryNeeds" rows="2" maxlength="2000">${e(view.answer.dietaryNeeds ?? '')}</textarea>
<label for="accessibilityNeeds">${e(n.accessibilityNeeds)}</label>
<textarea id="accessibilityNeeds" name="accessibilityNeeds" rows="2" maxlength="2000">${e(view.answer.accessibilityNeeds ?? '')}</textarea>
<p>${e(n.needsHint)}</p>`;
}

/** The page in the invitee's language (`view.language`). */
export function rsvpPage(view: RsvpView, options: PageOptions): string {
  const t = catalogueFor(view.language).answerPage;
  const n = catalogueFor(view.language).replyAndNeeds;
  const answerLabels = t.answers;
  const m = view.meeting;
  const action = `/rsvp/${encodeURIComponent(options.token)}`;
  const chosen =
    options.preselect ??
    (view.answer.response in answerLabels ? (view.answer.response as AnswerChoice) : undefined);
  const place = [m.venueName, m.venueAddress].filter(Boolean) as string[];
  const facts = `<dl>
<dt>${e(t.when)}</dt><dd>${e(m.when)}</dd>
<dt>${e(t.where)}</dt><dd>${place.length ? place.map(e).join('<br>') : e(t.venueLater)}</dd>
<dt>${e(t.invited)}</dt><dd>${e(view.invitee.name)}, ${e(view.invitee.organisation)}</dd>
<dt>${e(n.replyBy)}</dt><dd>${e(m.replyByText)}</dd>
</dl>`;
  if (options.closed || (!m.answersOpen && m.status !== 'cancelled'))
    return layout(
      m.title,
      `<h1>${e(m.title)}</h1>${facts}<p class="status warning" role="alert">${e(options.closed ?? n.closed.over)}</p>`,
      view.language,
    );
  if (m.status === 'cancelled')
    return layout(
      m.title,
      `<h1>${e(m.title)}</h1>${facts}<p class="status warning" role="status">${e(t.cancelled)}</p>`,
      view.language,
    );
  const delegation = `<details>
<summary>${e(t.delegateSummary)}</summary>
<form method="post" action="${e(`${action}/delegate`)}">
<label for="delegate-name">${e(t.delegateName)}</label>
<input type="text" id="delegate-name" name="name" required maxlength="200" autocomplete="off">
<label for="delegate-email">${e(t.delegateEmail)}</label>
<input type="email" id="delegate-email" name="email" required maxlength="254" autocomplete="off">
<p><button type="submit">${e(t.delegateSend)}</button></p>
</form>
</details>`;
  if (view.sessions)
    return layout(
      t.title(m.title),
      `<h1>${e(m.title)}</h1>\n${facts}\n${sessionSection(view, { ...options, action })}\n${delegation}`,
      view.language,
    );
  const radios = (Object.keys(answerLabels) as AnswerChoice[])
    .map(
      (value) =>
        `<label><input type="radio" name="answer" value="${value}" required${value === chosen ? ' checked' : ''}> ${e(answerLabels[value])}</label>`,
    )
    .join('\n');
  // one confirmation: what was saved, then the answer as it now stands
  const status = options.saved
    ? `<p class="status" role="status">${e(`${options.saved} ${currentAnswer(view)}`)}</p>`
    : `<p class="status${view.answer.askedAgain ? ' warning' : ''}">${e(currentAnswer(view))}</p>`;
  const materials = view.materials.length
    ? `<h2>${e(catalogueFor(view.language).referat.materials.onAnswerPage)}</h2>
<ul>${view.materials.map((f) => `<li><a href="${e(`${action}/materialer/${f.id}`)}" download>${e(f.filename)}</a> (${e(catalogueFor(view.language).referat.materials.size(Math.max(1, Math.round(f.size / 1024))))})</li>`).join('')}</ul>`
    : '';
  const deadline = `<p>${e(view.answer.late ? n.late : n.replyByLine(m.replyByText))}</p>`;
  return layout(
    t.title(m.title),
    `<h1>${e(m.title)}</h1>
${facts}
${materials}
${status}
${deadline}
<form method="post" action="${e(action)}">
<fieldset>
<legend>${e(t.legend)}</legend>
${radios}
</fieldset>
<label for="comment">${e(t.comment)}</label>
<textarea id="comment" name="comment" rows="3" maxlength="2000">${e(view.answer.comment ?? '')}</textarea>
${needsFields(view)}
<p><button type="submit">${e(t.send)}</button></p>
</form>
${delegation}`,
    view.language,
  );
}

const danish = catalogueFor('da').answerPage;
/** One body for every link that does not work, whatever the reason, so it reveals nothing (and no reader is known: Danish). */
export const linkNotFoundPage = layout(
  danish.notFoundTitle,
  `<h1>${e(danish.notFoundTitle)}</h1><p>${e(danish.notFound)}</p>`,
  'da',
);
