import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { meetingAgreement } from '../../dates/agreements.ts';
import { acceptCounterProposal, rejectCounterProposal } from '../../dates/decisions.ts';
import { noContactRefusal, proposeDate } from '../../dates/proposals.ts';
import { sendSaveTheDate } from '../../dates/save-the-date.ts';
import type { DateAgreement, DateProposal } from '../../dates/schemas.ts';
import type { Meeting } from '../../planning/schemas.ts';
import { meetingTime } from '../../text/dates.ts';
import { html, type SafeHtml } from '../../text/html.ts';
import type { Language } from '../../text/language.ts';
import { catalogueFor } from '../../text/messages.ts';
import { alert, badge, dateText } from '../components.ts';
import { pageLanguage } from '../language.ts';
import { csrfField, type PageContext } from '../layout.ts';
import {
  type MeetingPageRenderer,
  type MeetingSection,
  meetingIdOf,
  type SectionNotice,
  showRefusal,
} from './common.ts';

/** The meeting page's part about agreeing the date: its state, the facilitator's decisions, the history. */

function wordsOf(lang: Language | undefined) {
  return catalogueFor(lang ?? 'da').pages.dates;
}

const STATUS_BADGE = {
  unproposed: '',
  proposed: 'info',
  countered: 'warning',
  confirmed: 'success',
} as const;

function when(p: DateProposal, m: Meeting, lang: Language): string {
  return meetingTime(p.startsAt, p.endsAt, m.timeZone, lang);
}

function counterBox(ctx: PageContext, m: Meeting, p: DateProposal, editor: boolean): SafeHtml {
  const words = wordsOf(ctx.lang);
  const lang = ctx.lang ?? 'da';
  const by = p.proposedBy?.name ?? '';
  const organisation = p.proposedBy?.organisationName ?? '';
  const decide = editor
    ? html`<form method="post" action="/moeder/${m.id}/datoforslag/${p.id}/godkend" class="d-inline">${csrfField(ctx)}
        <button type="submit" class="button button-primary">${words.accept}</button></form>
      <form method="post" action="/moeder/${m.id}/datoforslag/${p.id}/afvis" class="d-inline">${csrfField(ctx)}
        <button type="submit" class="button button-secondary">${words.reject}</button></form>`
    : '';
  return alert(
    'warning',
    words.counterHeading(by, organisation),
    html`<p><strong>${when(p, m, lang)}</strong>${p.reason ? html` – ${p.reason}` : ''}</p>${decide}`,
  );
}

function historyTable(ctx: PageContext, m: Meeting, a: DateAgreement): SafeHtml {
  const words = wordsOf(ctx.lang);
  const lang = ctx.lang ?? 'da';
  if (!a.proposals.length) return html``;
  return html`<h3>${words.history}</h3>
    <div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${words.history}">
    <table class="table table--compact" id="date-proposals"><thead><tr><th scope="col">${words.date}</th><th scope="col">${words.proposedBy}</th><th scope="col">${words.state}</th><th scope="col">${words.answers}</th></tr></thead>
    <tbody>${a.proposals.map(
      (p) => html`<tr><td>${when(p, m, lang)}${p.reason ? html`<br><small>${p.reason}</small>` : ''}</td>
        <td>${p.proposedBy?.name ?? words.planner}<br><small>${dateText(p.createdAt)}</small></td>
        <td>${words.proposalState[p.state] ?? p.state}</td>
        <td>${p.kind === 'facilitator' ? html`<ul class="nobullet-list">${p.contacts.map((c) => html`<li>${c.name} (${c.organisationName}): ${words.answer[c.answer] ?? c.answer}</li>`)}</ul>` : ''}</td></tr>`,
    )}</tbody></table></div>`;
}

function actions(ctx: PageContext, m: Meeting, a: DateAgreement): SafeHtml {
  const words = wordsOf(ctx.lang);
  if (m.status !== 'draft' && m.status !== 'planned') return html``;
  const propose = html`<form method="post" action="/moeder/${m.id}/datoforslag" class="d-inline">${csrfField(ctx)}
    <button type="submit" class="button ${a.status === 'unproposed' ? 'button-primary' : 'button-secondary'}">${a.status === 'unproposed' ? words.send : words.sendAgain}</button></form>`;
  const saveTheDate =
    a.status === 'confirmed'
      ? html`<form method="post" action="/moeder/${m.id}/saet-kryds" class="d-inline">${csrfField(ctx)}
    <button type="submit" class="button button-primary">${words.saveTheDate}</button></form><p class="form-hint">${words.saveTheDateHint}</p>`
      : '';
  return html`<div class="mt-5">${a.status === 'confirmed' ? '' : propose}${saveTheDate}</div>`;
}

function dateSection(
  app: FastifyInstance,
  ctx: PageContext,
  m: Meeting,
  editor: boolean,
  notice: SectionNotice,
): SafeHtml {
  const words = wordsOf(ctx.lang);
  const a = meetingAgreement(app.db, m.id);
  const open = a.proposals.filter((p) => p.kind === 'facilitator' && p.state === 'open').at(-1);
  const counter = a.proposals.filter((p) => p.kind === 'counter' && p.state === 'pending').at(-1);
  const confirmed = open ? open.contacts.filter((c) => c.answer === 'confirmed').length : 0;
  return html`<section aria-labelledby="datoaftale"><h2 id="datoaftale">${words.section}</h2>
    ${notice('datoaftale')}
    <p>${words.lead}</p>
    <p id="date-status">${badge(STATUS_BADGE[a.status], words.status[a.status] ?? a.status)}
      ${open ? words.confirmedOf(confirmed, open.contacts.length) : ''}
      ${a.saveTheDateAt ? html` · ${words.saveTheDateSent} ${dateText(a.saveTheDateAt)}` : ''}</p>
    ${counter ? counterBox(ctx, m, counter, editor) : ''}
    ${editor ? actions(ctx, m, a) : ''}
    ${historyTable(ctx, m, a)}</section>`;
}

export const dateSections: MeetingSection[] = [
  { id: 'datoaftale', label: (lang) => wordsOf(lang).section, render: dateSection },
];

/** The facilitator's forms: propose the date, decide a counter-proposal, send the save-the-date. */
export async function dateRoutes(app: FastifyInstance, opts: { meetingPage: MeetingPageRenderer }) {
  const { meetingPage } = opts;
  const write = { config: { access: 'editor' as const } };
  const proposalIdOf = (params: unknown) => Number((params as { proposalId: string }).proposalId);
  const refused =
    (heading: (w: ReturnType<typeof wordsOf>) => string) =>
    (request: FastifyRequest, reply: FastifyReply, id: number, error: unknown) =>
      showRefusal(meetingPage, request, reply, id, error, heading(wordsOf(pageLanguage(request))));

  app.post('/moeder/:id/datoforslag', write, async (request, reply) => {
    const id = meetingIdOf(request);
    try {
      const report = proposeDate(app.db, app.config, request.actor!, id);
      if (report.withoutContact) throw noContactRefusal(id);
    } catch (error) {
      return refused((w) => w.notSentHeading)(request, reply, id, error);
    }
    return reply.redirect(`/moeder/${id}?besked=datoforslag#datoaftale`, 303);
  });

  app.post('/moeder/:id/datoforslag/:proposalId/godkend', write, async (request, reply) => {
    const id = meetingIdOf(request);
    try {
      acceptCounterProposal(
        app.db,
        app.config,
        request.actor!,
        app.planning,
        id,
        proposalIdOf(request.params),
      );
    } catch (error) {
      return refused((w) => w.notDecided)(request, reply, id, error);
    }
    return reply.redirect(`/moeder/${id}?besked=modforslag#datoaftale`, 303);
  });

  app.post('/moeder/:id/datoforslag/:proposalId/afvis', write, async (request, reply) => {
    const id = meetingIdOf(request);
    try {
      rejectCounterProposal(app.db, request.actor!, id, proposalIdOf(request.params));
    } catch (error) {
      return refused((w) => w.notDecided)(request, reply, id, error);
    }
    return reply.redirect(`/moeder/${id}?besked=modforslagafvist#datoaftale`, 303);
  });

  app.post('/moeder/:id/saet-kryds', write, async (request, reply) => {
    const id = meetingIdOf(request);
    try {
      sendSaveTheDate(app.db, app.config, request.actor!, id);
    } catch (error) {
      return refused((w) => w.saveTheDate)(request, reply, id, error);
    }
    return reply.redirect(`/moeder/${id}?besked=savethedate#datoaftale`, 303);
  });
}
