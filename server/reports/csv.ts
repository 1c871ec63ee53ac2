import { Readable } from 'node:stream';
import { zonedDay } from '../text/dates.ts';
import { catalogueFor } from '../text/messages.ts';
import type {
  AgreementLine,
  BarrierLine,
  CsvSection,
  CsvSectionsReader,
  DistrictSection,
  NationalReport,
  ReportHead,
} from './data.ts';
import { modelColumnHeaders, nationalTableRows } from './national-table.ts';
import { type ProgrammeReportWords, wordsOf } from './words.ts';
import { inChunks, onceEach } from './writing.ts';

export type Separator = 'semicolon' | 'comma';

/** A cell a spreadsheet would run as a formula is shown as text instead (OWASP: CSV injection). */
export function neutraliseFormula(value: unknown): unknown {
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return value;
}

/** Characters that make a cell need quotes: the quote itself, either separator, and line breaks. */
const NEEDS_QUOTES = { semicolon: /[";\r\n]/, comma: /[",\r\n]/ } as const;

/**
 * A text cell: a formula shown as text (what neutraliseFormula does, by the first character's code
 * rather than a regular expression), quoted only when it must be.
 */
function csvText(text: string, needsQuotes: RegExp): string {
  const first = text.charCodeAt(0);
  // = + - @ tab CR
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13)
    text = `'${text}`;
  return quotedIfNeeded(text, needsQuotes);
}

/** RFC 4180: quotes only when a character needs them, and a quote inside doubled. */
function quotedIfNeeded(text: string, needsQuotes: RegExp): string {
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One cell as RFC 4180 writes it (and as csv-stringify did, byte for byte: a test compares them):
 * quoted only when it must be, quotes doubled, null and undefined empty, true "1" and false empty.
 */
export function csvCell(value: unknown, separator: Separator): string {
  if (value === null || value === undefined || value === false) return '';
  if (value === true) return '1';
  if (typeof value === 'string') return csvText(value, NEEDS_QUOTES[separator]);
  return quotedIfNeeded(String(value), NEEDS_QUOTES[separator]);
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

/**
 * The agreements export's lines: a line per agreement and, after each district's agreements, a line
 * per barrier of its year. SQLite writes an area's agreement lines itself (areaAgreementCsv), given
 * the cells they share; an area it hands back as rows is written here, from the database's arrays.
 */
function* agreementsCsvLines(
  sections: CsvSectionsReader,
  w: ProgrammeReportWords,
  labels: Labels,
  separator: Separator,
): Generator<string | Buffer> {
  const d = separator === 'comma' ? ',' : ';';
  const needsQuotes = NEEDS_QUOTES[separator];
  const cell = (value: unknown) => csvCell(value, separator);
  const line = (cells: readonly unknown[]) => `${cells.map(cell).join(d)}\r\n`;
  const text = (value: string | null) => (value ? csvText(value, needsQuotes) : '');
  const type = onceEach((key) => cell(w.agreementTypeName(key)));
  const status = onceEach((key) => cell(labels.agreementStatus[key as AgreementLine['status']]));
  const date = onceEach((value) => cell(isoDate(value)));
  const allMunicipalities = cell(w.allMunicipalities);
  const end = `${d}${cell(w.agreementRow)}${d}${d}${d}\r\n`;
  const shared = {
    delimiter: d,
    types: w.agreementTypeKeys.map((key) => [key, type(key)] as const),
    statuses: Object.keys(labels.agreementStatus).map((key) => [key, status(key)] as const),
    allMunicipalities,
    end,
  } as const;
  const districtCell = (section: CsvSection) => `${d}${cell(section.name)}${d}`;
  yield BOM + line(agreementsHeader(w));
  for (const read of sections((section) => ({ ...shared, district: districtCell(section) }))) {
    const { section } = read;
    if ('text' in read) yield read.text;
    else {
      const district = districtCell(section);
      for (const r of read.rows)
        yield `${r[0]}${district}${type(r[1])}${d}${text(r[2])}${d}${status(r[3])}${d}${r[4] ? date(r[4]) : ''}${d}${r[5] ? date(r[5]) : ''}${d}${r[6] === null ? allMunicipalities : text(r[6])}${d}${text(r[7])}${d}${text(r[8])}${end}`;
    }
    for (const b of section.barriers) yield line(barrierRow(section, b, w, labels));
  }
}

/**
 * The agreements export: a row per agreement and, after each district's agreements, a row per
 * barrier of its year (the "Række" column says which), so the barriers an agreement addresses are
 * in the same file by their ID. `sections` reads each district's agreements given the cells its
 * lines share (AgreementsCsvExport's sections).
 */
export function agreementsCsv(
  report: ReportHead,
  sections: CsvSectionsReader,
  separator: Separator,
): Readable {
  const { labels } = catalogueFor(report.lang);
  return Readable.from(inChunks(agreementsCsvLines(sections, wordsOf(report), labels, separator)), {
    objectMode: false,
  });
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
