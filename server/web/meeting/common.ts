import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFound } from '../../http/problems.ts';
import type { RuleViolation } from '../../planning/rules.ts';
import type { Meeting } from '../../planning/schemas.ts';
import { html, type SafeHtml } from '../../text/html.ts';
import type { Language } from '../../text/language.ts';
import { catalogueFor } from '../../text/messages.ts';
import { alert, checkbox, dateText, textArea, textField } from '../components.ts';
import { csrfField, type PageContext } from '../layout.ts';
import { pageRefusal } from '../refusals.ts';

/** The meeting page's own words and the record labels, in the page's language (Danish by default). */
function textsOf(ctx: { lang?: Language }) {
  const text = catalogueFor(ctx.lang ?? 'da');
  return { text, labels: text.labels, words: text.pages.meeting };
}

export interface MeetingPageOptions {
  notice?: SafeHtml;
  move?: Partial<MoveForm>;
  status?: number;
}

/** Renders the whole meeting page; section routes get it as an option, so they can show a refusal in place. */
export type MeetingPageRenderer = (
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  options?: MeetingPageOptions,
) => FastifyReply;

/**
 * The message of the save that led here, for the heading with this id: a save redirects to its part
 * of the page (#aftaler), so the message is shown under that heading, where the browser lands.
 */
export type SectionNotice = (headingId: string) => SafeHtml | '';

/** A part of the meeting page: its heading id (for the in-page menu) and its markup. */
export interface MeetingSection {
  id: string;
  /** The in-page menu's name of the part, in the page's language. */
  label: (lang: Language) => string;
  render(
    app: FastifyInstance,
    ctx: PageContext,
    m: Meeting,
    editor: boolean,
    notice: SectionNotice,
  ): SafeHtml;
}

export function meetingIdOf(request: FastifyRequest): number {
  const id = Number((request.params as { id: string }).id);
  if (!Number.isInteger(id) || id < 1) throw new NotFound('Meeting', (request.params as { id: string }).id);
  return id;
}

/** A domain refusal shown on the meeting page instead of a bare error page. */
export function showRefusal(
  meetingPage: MeetingPageRenderer,
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  error: unknown,
  heading: string,
) {
  if (error instanceof z.ZodError)
    return meetingPage(request, reply, id, { notice: alert('error', heading), status: 400 });
  const refusal = pageRefusal(error);
  if (refusal.status >= 500) throw error;
  return meetingPage(request, reply, id, {
    notice: alert('error', heading, refusal.text),
    status: refusal.status,
  });
}

export function meetingSummary(ctx: PageContext, m: Meeting): SafeHtml {
  const { labels, words } = textsOf(ctx);
  return html`<dl class="mb-5">
    <dt>${words.date}</dt><dd>${dateText(m.startsAt)}, ${words.clock} ${m.localStartTime}–${m.localEndTime}</dd>
    <dt>${words.status}</dt><dd>${labels.meetingStatus[m.status] ?? m.status}${m.cancelReason ? html` – ${m.cancelReason}` : ''}</dd>
    <dt>${words.place}</dt><dd>${m.venueName ?? m.host?.name ?? words.placeNotSet}${m.venueAddress ? html`, ${m.venueAddress}` : ''}</dd>
    <dt>${words.facilitator}</dt><dd>${m.facilitator?.name ?? words.noFacilitator}</dd>
    ${m.explanation ? html`<dt>${words.why}</dt><dd>${m.explanation}</dd>` : ''}
    ${m.warnings.length ? html`<dt>${words.warnings}</dt><dd><ul>${m.warnings.map((w) => html`<li>${w}</li>`)}</ul></dd>` : ''}
  </dl>`;
}

export interface MoveForm {
  date: string;
  startTime: string;
  endTime: string;
  venueName: string;
  capacity: string;
  violations?: RuleViolation[];
  error?: string;
}

export function changeSection(ctx: PageContext, m: Meeting, move: MoveForm): SafeHtml {
  const { text, words } = textsOf(ctx);
  const ruleConflict = text.refusal.page.ruleConflict;
  if (m.status === 'cancelled' || m.status === 'held') return html``;
  return html`<section aria-labelledby="flyt"><h2 id="flyt">${words.change}</h2>
    ${move.error ? alert('error', words.notMoved, move.error) : ''}
    ${
      move.violations?.length
        ? alert(
            'warning',
            ruleConflict.title,
            html`<ul>${move.violations.map((v) => html`<li>${text.planning.rule(v)}</li>`)}</ul><p>${ruleConflict.text}</p>`,
          )
        : ''
    }
    <form method="post" action="/moeder/${m.id}/flyt" novalidate>${csrfField(ctx)}
      <input type="hidden" name="version" value="${m.version}">
      <div class="row">
        <div class="col-12 col-md-4">${textField({ pageLang: ctx.lang, id: 'date', label: words.newDate, type: 'date', value: move.date })}</div>
        <div class="col-6 col-md-4">${textField({ pageLang: ctx.lang, id: 'startTime', label: words.startTime, type: 'time', value: move.startTime })}</div>
        <div class="col-6 col-md-4">${textField({ pageLang: ctx.lang, id: 'endTime', label: words.endTime, type: 'time', value: move.endTime })}</div>
      </div>
      ${textField({ pageLang: ctx.lang, id: 'venueName', label: words.venue, value: move.venueName, required: false })}
      ${textField({ pageLang: ctx.lang, id: 'capacity', label: words.capacity, type: 'number', value: move.capacity, required: false, hint: words.capacityHint })}
      ${move.violations?.length ? checkbox({ id: 'force', name: 'force', label: words.moveAnyway, checked: false }) : ''}
      <button type="submit" class="button button-secondary">${words.save}</button>
    </form>
    <form method="post" action="/moeder/${m.id}/aflys" class="mt-5" novalidate>${csrfField(ctx)}
      <input type="hidden" name="version" value="${m.version}">
      ${textArea({ pageLang: ctx.lang, id: 'reason', label: words.cancelReason, rows: 2 })}
      <button type="submit" class="button button-warning" data-confirm="${words.cancelConfirm}">${words.cancel}</button>
    </form></section>`;
}
