import type { FastifyInstance } from 'fastify';
import { yearEvaluation } from '../../evaluation/results.ts';
import type { EvaluationResults } from '../../evaluation/schemas.ts';
import { plannedYears } from '../../reports/status.ts';
import { html } from '../../text/html.ts';
import { catalogueFor } from '../../text/messages.ts';
import { formatShare } from '../../text/numbers.ts';
import { textField } from '../components.ts';
import { pageContext, sendPage } from '../context.ts';
import { pageLanguage } from '../language.ts';
import { page } from '../layout.ts';
import { resultsHtml } from '../meeting/evaluation.ts';
import { pageProgramme } from '../programme.ts';

/** /evalueringer: a year's evaluation results per area (police district) and in all, hidden under 5 answers. */
export default async function evaluationPages(app: FastifyInstance) {
  const read = { config: { access: 'authenticated' as const } };

  app.get('/evalueringer', read, async (request, reply) => {
    const lang = pageLanguage(request);
    const w = catalogueFor(lang).evaluation.results;
    const programme = pageProgramme(request).current;
    const asked = Number((request.query as { aar?: string }).aar);
    const year =
      Number.isInteger(asked) && asked >= 2000 && asked <= 2100
        ? asked
        : (plannedYears(app.db, programme.areaKind).at(-1) ?? new Date().getFullYear());
    const result = yearEvaluation(
      app.db,
      { programmeId: programme.id, areaKind: programme.areaKind, key: programme.key },
      year,
      lang,
    );
    const rate = (r: EvaluationResults) =>
      r.asked ? w.responseRate(r.answered, r.asked, formatShare(r.answered, r.asked, lang)) : '–';
    const scales = result.total.questions.filter((q) => q.kind === 'scale');
    const mean = (r: EvaluationResults, key: string) => {
      if (!r.shown) return '–';
      const m = r.questions.find((q) => q.key === key)?.mean;
      return m === null || m === undefined ? '–' : m.toLocaleString(lang, { maximumFractionDigits: 1 });
    };
    const surveyed = result.areas.filter((a) => a.results.meetings > 0);
    const body = html`<h1>${w.pageTitle(year)}</h1>
      <form method="get" action="/evalueringer" class="mb-5">
        <input type="hidden" name="programme" value="${programme.key}">
        ${textField({ pageLang: lang, id: 'aar', label: w.year, type: 'number', value: year, classes: 'input-width-xs' })}
        <button type="submit" class="button button-secondary">${w.show}</button>
      </form>
      ${
        surveyed.length
          ? html`<table class="table" id="evalueringer"><thead><tr><th></th><th>${w.meetings}</th><th>${w.rateHeader}</th>${scales.map((q) => html`<th>${q.label}</th>`)}</tr></thead>
        <tbody>${surveyed.map((a) => html`<tr><td>${a.name}</td><td>${a.results.meetings}</td><td>${rate(a.results)}</td>${scales.map((q) => html`<td>${mean(a.results, q.key)}</td>`)}</tr>`)}
        <tr><td><strong>${w.total}</strong></td><td>${result.total.meetings}</td><td>${rate(result.total)}</td>${scales.map((q) => html`<td>${mean(result.total, q.key)}</td>`)}</tr></tbody></table>
        <h2>${w.total}</h2>${resultsHtml(result.total, lang)}`
          : html`<p>${w.none}</p>`
      }`;
    return sendPage(
      reply,
      page(pageContext(request), { title: w.pageTitle(year), section: 'reports', body, lang }),
    );
  });
}
