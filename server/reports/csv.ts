import { Readable } from 'node:stream';
import { zonedDay } from '../text/dates.ts';
import type { Language } from '../text/language.ts';
import { catalogueFor } from '../text/messages.ts';
import { inChunks } from './chunks.ts';
import type { AgreementLine, BarrierLine, DistrictSection, NationalReport } from './data.ts';
import { modelColumnHeaders, nationalTableRows } from './national-table.ts';
import { catalogueWords, type ProgrammeReportWords, wordsOf } from './words.ts';

export type Separator = 'semicolon' | 'comma';

/** A cell a spreadsheet would run as a formula is shown as text instead (OWASP: CSV injection). */
export function neutraliseFormula(value: unknown): unknown {
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return value;
}

/** Characters that make a cell need quotes: the quote itself, either separator, and line breaks. */
const NEEDS_QUOTES = { semicolon: /[";\r\n]/, comma: /[",\r\n]/ } as const;

/**
 * One cell as RFC 4180 writes it (and as csv-stringify did, byte for byte: a test compares them):
 * quoted only when it must be, quotes doubled, null and undefined empty, true "1" and false empty.
 */
export function csvCell(value: unknown, separator: Separator): string {
  if (value === null || value === undefined || value === false) return '';
  if (value === true) return '1';
  const text = typeof value === 'string' ? (neutraliseFormula(value) as string) : String(value);
  if (!NEEDS_QUOTES[separator].test(text)) return text;
  return `"${text.replaceAll('"', '""')}"`;
}

const BOM = '\uFEFF';

/**
 * A CSV file (UTF-8 with BOM so Excel reads æøå, CRLF line ends) streamed in chunks of many rows,
 * each chunk made only when the reader asks for it. Written here rather than by csv-stringify, whose
 * per-row stream transform took most of a 100,000-row export's time.
 */
export function csvStream(header: string[], rows: Iterable<unknown[]>, separator: Separator): Readable {
  const delimiter = separator === 'comma' ? ',' : ';';
  const line = (cells: readonly unknown[]) => {
    let out = '';
    for (let i = 0; i < cells.length; i++) out += (i === 0 ? '' : delimiter) + csvCell(cells[i], separator);
    return `${out}\r\n`;
  };
  function* lines(): Generator<string> {
    yield BOM + line(header);
    for (const row of rows) yield line(row);
  }
  return Readable.from(inChunks(lines()), { objectMode: false });
}

type Labels = ReturnType<typeof catalogueFor>['labels'];
type CsvSection = Pick<DistrictSection, 'code' | 'name' | 'barriers'>;

function agreementsHeader(w: ProgrammeReportWords): string[] {
  return [
    'ID',
    w.district,
    w.type,
    w.title,
    w.status,
    w.agreedOn,
    w.reviewOn,
    w.parties,
    w.responsible,
    w.linkedBarriers,
    w.rowKind,
    w.category,
    w.raisedOn,
    w.resolvedOn,
  ];
}

/**
 * Dates in a CSV file stay ISO 8601 (2028-03-01): Excel, LibreOffice and every script read them as
 * dates, where "1. marts 2028" would be text. The PDF, DOCX and HTML reports write them the Danish way.
 */
const isoDate = (value: string | null | undefined): string =>
  !value ? '' : value.length === 10 ? value : zonedDay(value, 'Europe/Copenhagen');

function agreementRow(a: AgreementLine, w: ProgrammeReportWords, labels: Labels) {
  return [
    a.id,
    a.districtName,
    w.agreementTypeName(a.type),
    a.title,
    labels.agreementStatus[a.status],
    isoDate(a.agreedOn),
    isoDate(a.reviewOn),
    a.municipalities ?? w.allMunicipalities,
    a.contacts ?? '',
    a.barrierIds ?? '',
    w.agreementRow,
    '',
    '',
    '',
  ];
}

function barrierRow(
  s: Pick<DistrictSection, 'name'>,
  b: BarrierLine,
  w: ProgrammeReportWords,
  labels: Labels,
) {
  return [
    b.id,
    s.name,
    '',
    b.description,
    labels.barrierStatus[b.status],
    '',
    '',
    b.municipalities ?? w.allMunicipalities,
    '',
    '',
    w.barrierRow,
    w.barrierCategoryName(b.category),
    isoDate(b.raisedOn),
    isoDate(b.resolvedOn),
  ];
}

/** Agreement rows, each district's barrier rows after its agreements. */
function* agreementsRows(
  lines: Iterable<AgreementLine>,
  sections: readonly CsvSection[],
  w: ProgrammeReportWords,
  labels: Labels,
): Generator<unknown[]> {
  // lines and sections both come in district code order: a district's barriers follow its agreements
  let next = 0;
  function* barriersBefore(code: string | null) {
    while (next < sections.length && (code === null || sections[next]!.code < code)) {
      const s = sections[next++]!;
      for (const b of s.barriers) yield barrierRow(s, b, w, labels);
    }
  }
  let district: string | null = null;
  for (const a of lines) {
    if (a.districtCode !== district) {
      yield* barriersBefore(a.districtCode);
      district = a.districtCode;
    }
    yield agreementRow(a, w, labels);
  }
  yield* barriersBefore(null);
}

/**
 * The agreements export: a row per agreement and, after each district's agreements, a row per
 * barrier of its year (the "Række" column says which), so the barriers an agreement addresses are
 * in the same file by their ID.
 */
export function agreementsCsv(
  lines: Iterable<AgreementLine>,
  lang: Language,
  separator: Separator,
  sections: readonly CsvSection[] = [],
  w: ProgrammeReportWords = catalogueWords(lang),
): Readable {
  const { labels } = catalogueFor(lang);
  const rows = agreementsRows(lines, sections, w, labels);
  return csvStream(agreementsHeader(w), rows, separator);
}

export function nationalCsv(report: NationalReport, separator: Separator): Readable {
  const w = wordsOf(report);
  const header = [
    w.code,
    w.district,
    w.meetingHeld,
    w.date,
    w.people,
    w.organisationsRepresented,
    w.memberOrganisations,
    w.forumLevel,
    ...w.agreementTypeKeys.map((t) => `${w.agreementsInForce}: ${w.agreementTypeName(t)}`),
    w.agreementsInForce,
    w.openBarriers,
    w.resolvedBarriers,
    `${w.agreementsInForce} ${report.year - 1}`,
    `${w.openBarriers} ${report.year - 1}`,
    `${w.people} ${report.year - 1}`,
    ...modelColumnHeaders(report, w),
  ];
  const { rows, totals } = nationalTableRows(report, isoDate);
  rows.push(totals);
  return csvStream(header, rows, separator);
}
