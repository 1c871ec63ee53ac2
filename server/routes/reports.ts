import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertProgrammeKeyAccess, assertRecordAccess } from '../accounts/access.ts';
import { Problem } from '../http/problems.ts';
import { DistrictCode, Year } from '../outcomes/schemas.ts';
import { DANISH_PROGRAMME_KEY } from '../programmes/programmes.ts';
import { CatalogueKey } from '../programmes/schemas.ts';
import {
  type RenderedReport,
  renderAgreementsReport,
  renderNationalReport,
  reportFormats,
} from '../reports/render.ts';
import { textLanguages } from '../text/language.ts';

const tags = ['reports'];

const common = {
  year: Year,
  format: z.enum(reportFormats).default('json'),
  lang: z
    .enum(textLanguages)
    .optional()
    .describe("da, nb or en; the programme's language by default (Danish for the Danish programme)"),
  programme: CatalogueKey.optional().describe('Programme key; the Danish politikredsmøder by default'),
  separator: z
    .enum(['semicolon', 'comma'])
    .default('semicolon')
    .describe('CSV only: ; opens directly in a Danish Excel'),
};
const AgreementsReportQuery = z.strictObject({
  ...common,
  district: DistrictCode.optional().describe(
    'Police district code; every area of the programme when left out',
  ),
});
const NationalReportQuery = z.strictObject(common);
const ReportBody = z
  .unknown()
  .describe('The report in the chosen format: JSON, CSV (UTF-8 with BOM), XLSX, DOCX, PDF or printable HTML');

const reports: FastifyPluginAsyncZod = async (app) => {
  const send = (reply: import('fastify').FastifyReply, rendered: RenderedReport, format: string) =>
    reply
      .type(rendered.contentType)
      .header(
        'content-disposition',
        `${format === 'html' || format === 'json' ? 'inline' : 'attachment'}; filename="${rendered.filename}"`,
      )
      .send(rendered.body);

  app.get(
    '/api/reports/agreements',
    { schema: { tags, querystring: AgreementsReportQuery, response: { 200: ReportBody, 400: Problem } } },
    async (request, reply) => {
      const { programme, district } = request.query;
      assertProgrammeKeyAccess(app.db, request.actor, programme ?? DANISH_PROGRAMME_KEY, 'read');
      if (district) assertRecordAccess(app.db, request.actor, 'district', district, 'read');
      return send(reply, await renderAgreementsReport(app.db, request.query), request.query.format);
    },
  );
  app.get(
    '/api/reports/national',
    { schema: { tags, querystring: NationalReportQuery, response: { 200: ReportBody, 400: Problem } } },
    async (request, reply) => {
      const key = request.query.programme ?? DANISH_PROGRAMME_KEY;
      assertProgrammeKeyAccess(app.db, request.actor, key, 'read');
      return send(reply, await renderNationalReport(app.db, request.query), request.query.format);
    },
  );
};
export default reports;
