import type { FastifyInstance } from 'fastify';
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
import { page } from '../layout.ts';

const FORMAT_NAMES: Record<ReportFormat, string> = {
  pdf: 'PDF',
  docx: 'Word (DOCX)',
  xlsx: 'Excel (XLSX)',
  csv: 'CSV (semikolon)',
  html: 'Webside til udskrift',
  json: 'JSON (til andre systemer)',
};

/** Reports: pick year, district and format, and download. */
export default async function reportPages(app: FastifyInstance) {
  const read = { config: { access: 'authenticated' as const } };

  app.get('/rapporter', read, async (request, reply) => {
    // the year in view, else the latest planned year (the one a facilitator is working on), else this year
    const asked = Number((request.query as { year?: string }).year);
    const planned = plannedYears(app.db);
    const year =
      Number.isInteger(asked) && asked >= 2000 && asked <= 2100
        ? asked
        : (planned.at(-1) ?? new Date().getFullYear());
    const districts = listDistricts(app.db);
    const body = html`<h1>Rapporter</h1>
      <p class="font-lead">Hent aftaler og barrierer for én politikreds eller for hele landet, eller den nationale rapport med deltagelse og udvikling fra år til år.</p>
      <form method="get" action="/rapporter/hent">
        ${selectField({
          id: 'kind',
          label: 'Rapport',
          value: 'aftaler',
          options: [
            { value: 'aftaler', text: 'Aftaler og barrierer' },
            { value: 'national', text: 'National rapport' },
          ],
        })}
        ${textField({ id: 'year', label: 'År', type: 'number', value: year, classes: 'input-width-xs' })}
        ${selectField({
          id: 'district',
          label: 'Politikreds',
          required: false,
          empty: 'Alle politikredse',
          hint: 'Bruges kun til rapporten om aftaler og barrierer',
          options: districts.map((d) => ({ value: d.code, text: d.name })),
        })}
        ${selectField({ id: 'format', label: 'Format', value: 'pdf', options: reportFormats.map((f) => ({ value: f, text: FORMAT_NAMES[f] })) })}
        <button type="submit" class="button button-primary">Hent rapport</button>
      </form>`;
    return sendPage(reply, page(pageContext(request), { title: 'Rapporter', section: 'reports', body }));
  });

  app.get('/rapporter/hent', read, async (request, reply) => {
    const q = request.query as { kind?: string; year?: string; district?: string; format?: string };
    const year = Number(q.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw new WebRefusal(400, 'Skriv et år mellem 2000 og 2100.');
    const format = (reportFormats as readonly string[]).includes(q.format ?? '')
      ? (q.format as ReportFormat)
      : 'pdf';
    const rendered =
      q.kind === 'national'
        ? renderNationalReport(app.db, { year, lang: 'da', format })
        : renderAgreementsReport(app.db, { year, lang: 'da', format, district: q.district || undefined });
    return reply
      .type(rendered.contentType)
      .header('content-disposition', `attachment; filename="${rendered.filename}"`)
      .send(rendered.body);
  });
}
