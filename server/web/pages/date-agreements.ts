import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayAccessRecord } from '../../accounts/access.ts';
import { listAgreements } from '../../dates/agreements.ts';
import { proposeCycleDates } from '../../dates/proposals.ts';
import { weekdayDayDate } from '../../text/dates.ts';
import { html } from '../../text/html.ts';
import { alert, badge, dateText } from '../components.ts';
import { pageContext, sendPage } from '../context.ts';
import { pageCatalogue, pageLanguage } from '../language.ts';
import { csrfField, page } from '../layout.ts';
import { pageProgramme } from '../programme.ts';

const STATUS_BADGE = {
  unproposed: '',
  proposed: 'info',
  countered: 'warning',
  confirmed: 'success',
} as const;

function yearOf(request: FastifyRequest): number | null {
  const year = Number((request.params as { year: string }).year);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null;
}

/** GET /aar/:year/datoer: every meeting of the year and whether its date is agreed, unconfirmed first in view. */
function dateAgreementsPage(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const year = yearOf(request);
    if (year === null) return reply.redirect(`/aar/${new Date().getFullYear()}/datoer`, 303);
    const lang = pageLanguage(request);
    const words = pageCatalogue(request).pages.dates;
    const programme = pageProgramme(request).current;
    const rows = listAgreements(app.db, { year }, JSON.stringify([programme.id]));
    const unconfirmed = rows.filter((r) => r.status !== 'confirmed');
    const editor = request.actor?.role !== 'viewer';
    const canSend =
      editor && rows.some((r) => r.status === 'unproposed' && ['draft', 'planned'].includes(r.meetingStatus));
    const query = request.query as { sendt?: string; uden?: string };
    const notice =
      query.sendt !== undefined
        ? alert('success', words.sentReport(Number(query.sendt) || 0, Number(query.uden) || 0))
        : undefined;
    const ctx = pageContext(request);
    const body = html`<h1>${words.pageTitle(year)}</h1>
      <p class="font-lead">${words.pageLead(unconfirmed.length, rows.length)}</p>
      <p>${words.lead}</p>
      ${
        canSend
          ? html`<form method="post" action="/aar/${year}/datoer/send">${csrfField(ctx)}
        <button type="submit" class="button button-primary">${words.sendAll}</button></form>`
          : ''
      }
      <div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${words.tableLabel(year)}">
      <table class="table table--compact" id="date-agreements"><thead><tr><th scope="col">${words.meeting}</th><th scope="col">${words.date}</th><th scope="col">${words.state}</th><th scope="col">${words.answers}</th><th scope="col">${words.chased}</th></tr></thead>
      <tbody>${rows.map(
        (r) => html`<tr><td><a href="/moeder/${r.meetingId}#datoaftale">${r.areaName}</a></td>
          <td>${weekdayDayDate(r.localDate, lang)}</td>
          <td>${badge(STATUS_BADGE[r.status], words.status[r.status] ?? r.status)}</td>
          <td>${r.asked ? words.confirmedOf(r.confirmed, r.asked) : ''}${r.proposedAt ? html`<br><small>${dateText(r.proposedAt)}</small>` : ''}</td>
          <td>${r.chased ? r.chased : ''}</td></tr>`,
      )}</tbody></table></div>`;
    return sendPage(
      reply,
      page(ctx, {
        title: words.pageTitle(year),
        section: 'overview',
        body,
        notice,
        lang,
        breadcrumbs: [{ href: `/aar/${year}`, text: pageCatalogue(request).pages.meeting.overviewOf(year) }],
      }),
    );
  };
}

/** POST /aar/:year/datoer/send: proposes every planned meeting of the year not yet proposed. */
function sendProposals(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const year = yearOf(request);
    if (year === null) return reply.redirect('/aar', 303);
    const actor = request.actor!;
    const programme = pageProgramme(request).current;
    const reports = proposeCycleDates(app.db, app.config, actor, year, programme.areaKind, (id) =>
      mayAccessRecord(app.db, actor, 'meeting', id, 'write'),
    );
    const asked = reports.filter((r) => !r.withoutContact).length;
    return reply.redirect(`/aar/${year}/datoer?sendt=${asked}&uden=${reports.length - asked}`, 303);
  };
}

export default async function dateAgreementPages(app: FastifyInstance) {
  app.get('/aar/:year/datoer', { config: { access: 'authenticated' } }, dateAgreementsPage(app));
  app.post('/aar/:year/datoer/send', { config: { access: 'editor' } }, sendProposals(app));
}
