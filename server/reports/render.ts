import { Readable } from 'node:stream';
import type { Db } from '../../db/client.ts';
import { districtByCode } from '../outcomes/references.ts';
import { catalogueFor } from '../text/messages.ts';
import { agreementsCsv, nationalCsv, type Separator } from './csv.ts';
import {
  agreementLinesBySection,
  agreementLinesOf,
  agreementsCsvExport,
  agreementsExport,
  buildNationalReport,
  type ReportHead,
  type ReportOptions,
  type ReportProgramme,
} from './data.ts';
import { agreementsHtml, nationalHtml } from './html.ts';
import { agreementsJson } from './json.ts';
import { inChunks } from './writing.ts';

export const reportFormats = ['json', 'csv', 'xlsx', 'docx', 'pdf', 'html'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export const contentTypes: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

export interface RenderedReport {
  body: Readable;
  contentType: string;
  filename: string;
}

export interface RenderOptions extends ReportOptions {
  format: ReportFormat;
  separator?: Separator;
}

/** The Danish reports keep their file names; another programme's start with its key. */
function filePrefix(report: { programme: ReportProgramme }, danish: string): string {
  return report.programme.policeDistricts ? danish : `${report.programme.key}-${danish}`;
}

// The Word, PDF and Excel writers (docx, pdfkit, exceljs) load with the first such report, not at
// every start of the service or of a command

/** The agreements report (one district, or every district) as a stream in the chosen format. */
export async function renderAgreementsReport(db: Db, options: RenderOptions): Promise<RenderedReport> {
  if (options.district) districtByCode(db, options.district, 'querystring.district');
  const { report, body } = await agreementsBody(db, options);
  const name = `${filePrefix(report, catalogueFor(report.lang).report.agreementsFile)}-${options.year}${options.district ? `-${options.district}` : ''}`;
  return { body, contentType: contentTypes[options.format], filename: `${name}.${options.format}` };
}

/** The agreements export in its format, with the report (or, for the CSV, its head) it came from. */
async function agreementsBody(
  db: Db,
  options: RenderOptions,
): Promise<{ report: ReportHead; body: Readable }> {
  if (options.format === 'csv') {
    const { report, sections } = agreementsCsvExport(db, options);
    return { report, body: agreementsCsv(report, sections, options.separator ?? 'semicolon') };
  }
  const { report, sections, tables, jsonLines } = agreementsExport(db, options);
  const lines = () => agreementLinesOf(sections());
  const linesBySection = () => agreementLinesBySection(sections());
  switch (options.format) {
    case 'json':
      return { report, body: Readable.from(inChunks(agreementsJson(report, jsonLines()))) };
    case 'html':
      return { report, body: Readable.from(inChunks(agreementsHtml(report, tables()))) };
    case 'xlsx':
      return { report, body: (await import('./xlsx.ts')).agreementsXlsx(report, lines()) };
    case 'docx':
      return { report, body: (await import('./docx.ts')).agreementsDocx(report, linesBySection()) };
    case 'pdf':
      return { report, body: (await import('./pdf.ts')).agreementsPdf(report, linesBySection()) };
  }
}

export async function renderNationalReport(
  db: Db,
  options: Omit<RenderOptions, 'district'>,
): Promise<RenderedReport> {
  const report = buildNationalReport(db, options);
  const name = `${filePrefix(report, catalogueFor(report.lang).report.nationalFile)}-${options.year}`;
  let body: Readable;
  switch (options.format) {
    case 'json':
      body = Readable.from([JSON.stringify(report)]);
      break;
    case 'csv':
      body = nationalCsv(report, options.separator ?? 'semicolon');
      break;
    case 'xlsx':
      body = (await import('./xlsx.ts')).nationalXlsx(report);
      break;
    case 'docx':
      body = (await import('./docx.ts')).nationalDocx(report);
      break;
    case 'pdf':
      body = (await import('./pdf.ts')).nationalPdf(report);
      break;
    case 'html':
      body = Readable.from(nationalHtml(report));
      break;
  }
  return { body, contentType: contentTypes[options.format], filename: `${name}.${options.format}` };
}
