import type { DateLinkView } from '../../dates/schemas.ts';
import { meetingTime } from '../../text/dates.ts';
import { escapeHtml as e } from '../../text/html.ts';
import { catalogueFor } from '../../text/messages.ts';
import { layout } from '../rsvp/page.ts';

/** The page a district's or host's contact reaches from a date proposal: confirm, or propose another date. */

export interface DateLinkPageOptions {
  token: string;
  /** What was just saved, said first. */
  saved?: string;
  /** Why the date sent was refused: a heading's worth of sentences (the rules broken, or bad input). */
  refused?: string[];
  /** What the contact typed, kept after a refusal. */
  typed?: { date?: string; startTime?: string; endTime?: string; note?: string };
}

function statusText(view: DateLinkView): { text: string; warning: boolean } | null {
  const t = catalogueFor(view.language).dates.page;
  if (view.meeting.status === 'cancelled' || view.meeting.status === 'held')
    return { text: t.closed, warning: true };
  if (view.proposal.state === 'superseded') return { text: t.superseded, warning: true };
  if (view.agreement === 'confirmed' && view.proposal.state === 'confirmed')
    return { text: t.agreed, warning: false };
  if (view.answer === 'confirmed') return { text: t.confirmed, warning: false };
  if (view.counterProposal)
    return {
      text: t.countered(`${view.counterProposal.localDate} ${view.counterProposal.localStartTime}`),
      warning: false,
    };
  return null;
}

function counterForm(view: DateLinkView, action: string, options: DateLinkPageOptions): string {
  const t = catalogueFor(view.language).dates.page;
  const typed = options.typed ?? {};
  return `<form method="post" action="${e(action)}" id="andendato">
<input type="hidden" name="handling" value="andendato">
<fieldset>
<legend>${e(t.proposeHeading)}</legend>
<label for="date">${e(t.date)}</label>
<input type="date" id="date" name="date" required value="${e(typed.date ?? '')}">
<label for="startTime">${e(t.startTime)}</label>
<input type="time" id="startTime" name="startTime" value="${e(typed.startTime ?? view.proposal.localStartTime)}">
<label for="endTime">${e(t.endTime)}</label>
<input type="time" id="endTime" name="endTime" value="${e(typed.endTime ?? view.proposal.localEndTime)}">
<label for="note">${e(t.note)} ${e(t.optional)}</label>
<textarea id="note" name="note" rows="3" maxlength="2000">${e(typed.note ?? '')}</textarea>
<p><button type="submit">${e(t.send)}</button></p>
</fieldset>
</form>`;
}

/** The page in the contact's language. */
export function dateLinkPage(view: DateLinkView, options: DateLinkPageOptions): string {
  const lang = view.language;
  const w = catalogueFor(lang).dates;
  const t = w.page;
  const m = view.meeting;
  const action = `/datoforslag/${encodeURIComponent(options.token)}`;
  const place = [m.venueName, m.venueAddress].filter(Boolean) as string[];
  const facts = `<dl>
<dt>${e(w.meeting)}</dt><dd>${e(m.title)}</dd>
<dt>${e(w.time)}</dt><dd>${e(meetingTime(view.proposal.startsAt, view.proposal.endsAt, m.timeZone, lang))}</dd>
<dt>${e(w.place)}</dt><dd>${place.length ? place.map(e).join('<br>') : e(w.placeLater)}</dd>
${view.proposal.reason ? `<dt>${e(w.reason)}</dt><dd>${e(view.proposal.reason)}</dd>` : ''}
</dl>`;
  const status = statusText(view);
  const notices = [
    options.saved ? `<p class="status" role="status">${e(options.saved)}</p>` : '',
    options.refused?.length
      ? `<div class="status warning" role="alert"><h2>${e(t.refusedHeading)}</h2><ul>${options.refused.map((r) => `<li>${e(r)}</li>`).join('')}</ul></div>`
      : '',
    status && status.text !== options.saved
      ? `<p class="status${status.warning ? ' warning' : ''}">${e(status.text)}</p>`
      : '',
  ].join('\n');
  const open = view.proposal.state === 'open' && m.status !== 'cancelled' && m.status !== 'held';
  const confirmForm =
    open && view.answer !== 'confirmed'
      ? `<form method="post" action="${e(action)}"><input type="hidden" name="handling" value="bekraeft"><p><button type="submit">${e(w.confirm)}</button></p></form>`
      : '';
  return layout(
    t.title(m.title),
    `<h1>${e(t.title(m.title))}</h1>
<p>${e(t.lead(view.organisationName))}</p>
${notices}
${facts}
${confirmForm}
${open ? counterForm(view, action, options) : ''}`,
    lang,
  );
}

const danish = catalogueFor('da').dates.page;
/** One body for every date link that does not work, so it reveals nothing. */
export const dateLinkNotFoundPage = layout(
  danish.notFoundTitle,
  `<h1>${e(danish.notFoundTitle)}</h1><p>${e(danish.notFound)}</p>`,
  'da',
);
