import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { areaKindLabel } from '../../programmes/catalogues.ts';
import type { ProgrammeRow } from '../../programmes/queries.ts';
import { type DistrictYearRow, plannedYears, yearOverview } from '../../reports/status.ts';
import type { Catalogue } from '../../text/catalogue.ts';
import { html } from '../../text/html.ts';
import type { Language } from '../../text/language.ts';
import { labelFor } from '../../text/messages.ts';
import { alert, badge, dateText, sortHeader } from '../components.ts';
import { pageContext, sendPage } from '../context.ts';
import { pageCatalogue, pageLanguage } from '../language.ts';
import { page } from '../layout.ts';
import { isDanishProgramme, pageProgramme } from '../programme.ts';

export type SortKey =
  | 'district'
  | 'date'
  | 'status'
  | 'answers'
  | 'coverage'
  | 'agreements'
  | 'barriers'
  | 'attention';
export const SORT_KEYS: SortKey[] = [
  'district',
  'date',
  'status',
  'answers',
  'coverage',
  'agreements',
  'barriers',
  'attention',
];

export function attentionCount(r: DistrictYearRow): number {
  return (
    (r.meetingId && r.municipalities - r.covered > 0 ? 1 : 0) +
    (r.failedEmails > 0 ? 1 : 0) +
    (r.meetingId ? 0 : 1) +
    ((r.outcomes?.dueForReview ?? 0) > 0 ? 1 : 0)
  );
}

export function sortRows(rows: DistrictYearRow[], sort: SortKey, dir: 'asc' | 'desc'): DistrictYearRow[] {
  const key: Record<SortKey, (r: DistrictYearRow) => string | number> = {
    district: (r) => r.name,
    date: (r) => r.startsAt ?? '9999',
    status: (r) => r.status ?? '',
    answers: (r) => r.accepted,
    coverage: (r) => (r.municipalities ? r.covered / r.municipalities : 0),
    agreements: (r) => r.outcomes?.agreementsInForce ?? 0,
    barriers: (r) => r.outcomes?.openBarriers ?? 0,
    attention: (r) => attentionCount(r),
  };
  const f = key[sort];
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = f(a);
    const y = f(b);
    return (
      (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'da')) *
      sign
    );
  });
}

function marks(c: Catalogue, r: DistrictYearRow) {
  const words = c.pages.overview;
  const list = [];
  if (!r.meetingId) list.push(badge('warning', words.noMeeting));
  const uncovered = r.municipalities - r.covered;
  // before invitations go out the question is whether the register has someone to invite
  const attention = c.attention;
  if (uncovered > 0 && r.meetingId)
    list.push(
      badge(
        'warning',
        r.invitationsSent ? attention.withoutInvitee(uncovered) : attention.withoutContact(uncovered),
      ),
    );
  const due = r.outcomes?.dueForReview ?? 0;
  if (due > 0) list.push(badge('info', words.dueForReview(due)));
  if (r.failedEmails > 0) list.push(badge('error', words.failedEmails(r.failedEmails)));
  return list.length
    ? html`<ul class="unstyled-list">${list.map((b) => html`<li>${b}</li>`)}</ul>`
    : html`<span class="sr-only">${words.nothing}</span>`;
}

type Sorting = { sort: SortKey; dir: 'asc' | 'desc' };

/** How the table names the programme's areas: the Danish politikredse, or another programme's områder. */
interface AreaWords {
  danish: boolean;
  /** The area column's heading: the area kind's name in the catalogue, else "Område". */
  column: string;
}

function areaWordsOf(app: FastifyInstance, programme: ProgrammeRow, c: Catalogue, lang: Language): AreaWords {
  const words = c.pages.overview;
  const danish = isDanishProgramme(programme);
  return {
    danish,
    column: danish ? words.columns.district : (areaKindLabel(app.db, programme.areaKind, lang) ?? words.area),
  };
}

function areaCell(r: DistrictYearRow, year: number, area: AreaWords) {
  return area.danish && r.code ? html`<a href="/kredse/${r.code}?aar=${year}">${r.name}</a>` : r.name;
}

function overviewTable(
  c: Catalogue,
  rows: DistrictYearRow[],
  year: number,
  current: Sorting,
  options: AreaWords & { withOutcomes: boolean },
) {
  const words = c.pages.overview;
  const labels = c.labels;
  const { withOutcomes } = options;
  const href = (s: string, d: string) => `/aar/${year}?sort=${s}&dir=${d}`;
  const column = words.columns;
  const tableLabel = options.danish ? words.tableLabel(year) : words.areasTableLabel(year);
  const caption = options.danish ? words.caption(year) : words.areasCaption(year);
  return html`<div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${tableLabel}">
      <table class="table table--zebra" id="overview">
        <caption class="sr-only">${caption}</caption>
        <thead><tr>
          ${sortHeader(options.column, 'district', current, href)}
          ${sortHeader(column.date, 'date', current, href)}
          ${sortHeader(column.status, 'status', current, href)}
          ${sortHeader(column.answers, 'answers', current, href)}
          ${sortHeader(column.coverage, 'coverage', current, href)}
          ${withOutcomes ? sortHeader(column.agreements, 'agreements', current, href) : ''}
          ${withOutcomes ? sortHeader(column.barriers, 'barriers', current, href) : ''}
          ${sortHeader(column.attention, 'attention', current, href)}
        </tr></thead>
        <tbody>${rows.map(
          (r) => html`<tr>
            <th scope="row">${areaCell(r, year, options)}</th>
            <td>${r.meetingId ? html`<a href="/moeder/${r.meetingId}">${dateText(r.startsAt)}</a>` : '–'}</td>
            <td>${r.status ? labelFor(labels.meetingStatus, r.status) : words.notPlanned}</td>
            <td>${r.meetingId ? html`<span title="${words.answersHint}">${words.answers(r.accepted, r.declined, r.noAnswer)}</span>` : '–'}</td>
            <td>${words.coverage(r.covered, r.municipalities)}</td>
            ${withOutcomes ? html`<td>${r.outcomes?.agreementsInForce ?? 0}</td><td>${r.outcomes?.openBarriers ?? 0}</td>` : ''}
            <td>${marks(c, r)}</td>
          </tr>`,
        )}</tbody>
      </table></div>`;
}

/** GET /aar/:year: every district's meeting of the year, sortable, with what needs attention. */
function yearOverviewPage(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const year = Number((request.params as { year: string }).year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      return reply.redirect(`/aar/${new Date().getFullYear()}`, 303);
    const query = request.query as { sort?: string; dir?: string; besked?: string };
    const sort = (SORT_KEYS as string[]).includes(query.sort ?? '') ? (query.sort as SortKey) : 'district';
    const dir = query.dir === 'desc' ? 'desc' : 'asc';
    const c = pageCatalogue(request);
    const words = c.pages.overview;
    const programme = pageProgramme(request).current;
    const scope = { programmeId: programme.id, areaKind: programme.areaKind };
    const rows = sortRows(yearOverview(app.db, year, scope), sort, dir);
    const years = [
      ...new Set([...plannedYears(app.db, programme.areaKind), year, new Date().getFullYear()]),
    ].sort();
    const area = areaWordsOf(app, programme, c, pageLanguage(request));
    const planned = rows.filter((r) => r.meetingId).length;
    const needing = rows.filter((r) => attentionCount(r) > 0).length;
    const withOutcomes = rows.some((r) => r.outcomes !== null);
    const body = html`<h1>${words.title(year)}</h1>
      <nav aria-label="${words.chooseYear}"><ul class="inline-list">${years.map((y) =>
        y === year
          ? html`<li><strong aria-current="page">${y}</strong></li>`
          : html`<li><a href="/aar/${y}">${y}</a></li>`,
      )}</ul></nav>
      <p class="font-lead">${area.danish ? words.lead(planned, rows.length, year) : words.areasLead(planned, rows.length, year)}
        ${needing ? words.needing(needing) : ''}</p>
      <p><a href="/aar/${year}/datoer">${c.pages.dates.link}</a></p>
      ${overviewTable(c, rows, year, { sort, dir }, { ...area, withOutcomes })}`;
    const notice =
      query.besked === 'planlagt' ? alert('success', words.planned(year), words.plannedHint) : undefined;
    return sendPage(
      reply,
      page(pageContext(request), {
        title: words.title(year),
        section: 'overview',
        body,
        notice,
        lang: pageLanguage(request),
      }),
    );
  };
}

export default async function overviewPages(app: FastifyInstance) {
  app.get('/aar/:year', { config: { access: 'authenticated' } }, yearOverviewPage(app));
}
