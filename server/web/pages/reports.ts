import type { FastifyInstance } from 'fastify';
import { assertRecordAccess } from '../../accounts/access.ts';
import { WebRefusal } from '../../http/problems.ts';
import { listDistricts } from '../../register/districts.ts';
import {
  type ReportFormat,
  renderAgreementsReport,
  renderNationalReport,
  reportFormats,
} from '../../reports/render.ts';
import { plannedYears } from '../../reports/status.ts';
import { html } from '../../text/html.ts';
import { selectField, textField } from '../components.ts';
import { pageContext, sendPage } from '../context.ts';
import { pageCatalogue, pageLanguage } from '../language.ts';
import { page } from '../layout.ts';
import { isDanishProgramme, pageProgramme } from '../programme.ts';

/** Reports: pick year, district and format, and download. */
export default async function reportPages(app: FastifyInstance) {
  const read = { config: { access: 'authenticated' as const } };

  app.get('/rapporter', read, async (request, reply) => {
    const words = pageCatalogue(request).pages.reports;
    // the year in view, else the latest planned year (the one a facilitator is working on), else this year
    const asked = Number((request.query as { year?: string }).year);
    const programme = pageProgramme(request).current;
    const planned = plannedYears(app.db, programme.areaKind);
    const year =
      Number.isInteger(asked) && asked >= 2000 && asked <= 2100
        ? asked
        : (planned.at(-1) ?? new Date().getFullYear());
    // the police districts have codes to pick one by; another programme's reports cover all its areas
    const districts = isDanishProgramme(programme) ? listDistricts(app.db) : [];
    const body = html`<h1>${words.title}</h1>
      <p class="font-lead">${words.lead}</p>
      <form method="get" action="/rapporter/hent">
        <input type="hidden" name="programme" value="${programme.key}">
        ${selectField({
          id: 'kind',
          label: words.report,
          value: 'aftaler',
          options: [
            { value: 'aftaler', text: words.agreements },
            { value: 'national', text: words.national },
          ],
        })}
        ${textField({ id: 'year', label: words.year, type: 'number', value: year, classes: 'input-width-xs' })}
        ${
          districts.length
            ? selectField({
                id: 'district',
                label: words.district,
                required: false,
                empty: words.allDistricts,
                hint: words.districtHint,
                options: districts.map((d) => ({ value: d.code, text: d.name })),
              })
            : ''
        }
        ${selectField({ id: 'format', label: words.format, value: 'pdf', options: reportFormats.map((f) => ({ value: f, text: words.formats[f] })) })}
        <button type="submit" class="button button-primary">${words.download}</button>
      </form>
      <p class="mt-5"><a href="/evalueringer?aar=${year}&amp;programme=${encodeURIComponent(programme.key)}">${pageCatalogue(request).evaluation.results.link}</a></p>`;
    return sendPage(
      reply,
      page(pageContext(request), {
        title: words.title,
        section: 'reports',
        body,
        lang: pageLanguage(request),
      }),
    );
  });

  app.get('/rapporter/hent', read, async (request, reply) => {
    const words = pageCatalogue(request).pages.reports;
    const lang = pageLanguage(request);
    const q = request.query as { kind?: string; year?: string; district?: string; format?: string };
    const year = Number(q.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new WebRefusal(400, words.yearRange);
    const format = (reportFormats as readonly string[]).includes(q.format ?? '')
      ? (q.format as ReportFormat)
      : 'pdf';
    const programme = pageProgramme(request).current.key;
    if (q.district) assertRecordAccess(app.db, request.actor, 'district', q.district, 'read');
    const rendered =
      q.kind === 'national'
        ? await renderNationalReport(app.db, { year, lang, format, programme })
        : await renderAgreementsReport(app.db, {
            year,
            lang,
            format,
            programme,
            district: q.district || undefined,
          });
    return reply
      .type(rendered.contentType)
      .header('content-disposition', `attachment; filename="${rendered.filename}"`)
      .send(rendered.body);
  });
}
