import { PassThrough, type Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { catalogueFor } from '../text/messages.ts';
import { neutraliseFormula } from './csv.ts';
import type { AgreementLine, AgreementsReport, NationalReport } from './data.ts';
import { modelSections, nationalWordsOf } from './national-sections.ts';
import { modelColumnHeaders, nationalTableRows } from './national-table.ts';
import { xmlText } from './wordml.ts';
import { wordsOf } from './words.ts';

/** Excel shows this with Danish month names in a Danish Excel: "12. marts 2027". */
const DATE_FORMAT = 'd. mmmm yyyy';

function asDate(value: string | null): Date | null {
  if (!value) return null;
  return new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
}

type Sheet = ExcelJS.Worksheet;

/**
 * One style object per kind of cell: exceljs recognises a style it has seen by object identity, so
 * sharing them skips the per-cell style lookup (measured: a third of the XLSX time at 100,000 rows).
 */
const DATE_STYLE: Partial<ExcelJS.Style> = { numFmt: DATE_FORMAT };
const PLAIN_STYLE: Partial<ExcelJS.Style> = {};
const dateColumns = new WeakMap<Sheet, Set<number>>();

function sheet(
  book: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: { header: string; width: number; date?: boolean }[],
): Sheet {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
  dateColumns.set(ws, new Set(columns.flatMap((c, i) => (c.date ? [i + 1] : []))));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  return ws;
}

function add(ws: Sheet, values: unknown[]): void {
  const row = ws.addRow(values.map(neutraliseFormula));
  const dates = dateColumns.get(ws)!;
  row.eachCell((cell, column) => {
    cell.style = dates.has(column) ? DATE_STYLE : PLAIN_STYLE;
  });
  row.commit();
}

/**
 * exceljs, loaded for the first workbook rather than at start: with its dependencies it is about
 * 0.4 s of CPU, which every start of the service (and every test file that builds the app) paid.
 */
let excelModule: Promise<typeof ExcelJS> | undefined;
const loadExcel = () => {
  excelModule ??= import('exceljs').then((m) => m.default);
  return excelModule;
};

/** exceljs's ValueType.Date (a declared enum, so only the module has it at run time). */
const DATE_VALUE_TYPE: ExcelJS.ValueType.Date = 4;

/**
 * Streams a workbook: rows are committed as they are written, and the writer waits when the
 * client reads slower than the rows come (bounded memory for any number of agreements).
 */
function streamWorkbook(
  write: (book: ExcelJS.stream.xlsx.WorkbookWriter, drain: () => Promise<void>) => Promise<void>,
): Readable {
  const out = new PassThrough();
  const drain = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    if (out.writableNeedDrain)
      await new Promise((resolve) => out.once('drain', resolve).once('close', resolve));
    // the reader went away: stop reading rows (the generator's finally frees the export's connection)
    if (out.destroyed) throw new Error('export aborted by the reader');
  };
  loadExcel()
    .then(async (excel) => {
      const book = new excel.stream.xlsx.WorkbookWriter({
        stream: out,
        useStyles: true,
        useSharedStrings: false,
        // fast deflate: the sheet XML is most of the work; a slightly larger file for much less time
        zip: { zlib: { level: 1 } },
      });
      await write(book, drain);
      await book.commit();
    })
    .catch((err) => out.destroy(err));
  return out;
}

type Book = ExcelJS.stream.xlsx.WorkbookWriter;
type Words = ReturnType<typeof wordsOf>;

function overviewSheet(book: Book, report: AgreementsReport, w: Words): void {
  const overview = sheet(book, w.overviewSheet, [
    { header: w.district, width: 34 },
    { header: w.date, width: 18, date: true },
    { header: w.venue, width: 30 },
    { header: w.people, width: 10 },
    { header: w.organisationsRepresented, width: 16 },
    { header: w.memberOrganisations, width: 16 },
    { header: w.leadership, width: 12 },
    { header: w.practice, width: 12 },
    { header: w.police, width: 10 },
    { header: w.municipal, width: 10 },
    { header: w.forumLevel, width: 30 },
    { header: w.newAgreements, width: 14 },
    { header: w.newBarriers, width: 14 },
    { header: w.barriersResolvedInYear, width: 14 },
  ]);
  for (const s of report.sections) {
    const f = s.meeting?.figures;
    add(overview, [
      s.name,
      asDate(s.meeting?.startsAt ?? null),
      s.meeting?.venueName ?? '',
      f?.people ?? null,
      f?.memberOrganisationsRepresented ?? null,
      f?.memberOrganisations ?? null,
      f?.leadershipLevel ?? null,
      f?.practiceLevel ?? null,
      f?.police ?? null,
      f?.municipal ?? null,
      s.mapping ? w.forumLevelName(s.mapping.forumLevel) : '',
      s.changes.newAgreements,
      s.changes.newBarriers,
      s.changes.barriersResolved,
    ]);
  }
  overview.commit();
}

/** A cell of a raw sheet row: text, a number, a day (YYYY-MM-DD or an ISO time) or nothing. */
type RawCell = { text: string } | { number: number } | { day: string | null };

/** exceljs's internals that raw rows write into: the sheet's XML stream and its next row number. */
interface SheetInternals {
  stream: { write(xml: string): unknown };
  _rowZero: number;
}

/**
 * A sheet's rows written as the XML exceljs writes for them (text as t="str", a day as its serial
 * number in the date style, no cell for nothing; text escaped as in the Word export, which also
 * drops what XML cannot hold), many rows to a write: exceljs's row and cell
 * objects, styles and XML writer were most of a 100,000-row workbook's time. The header row and
 * the sheet around the rows stay exceljs's.
 */
class RawRows {
  private readonly sheet: SheetInternals;
  private readonly columns: string[];
  private readonly dateStyle: number;
  private readonly days = new Map<string, number>();
  private xml = '';

  constructor(book: Book, ws: Sheet, width: number) {
    this.sheet = ws as unknown as SheetInternals;
    this.columns = Array.from({ length: width }, (_, i) => String.fromCharCode(65 + i));
    this.dateStyle = (book as unknown as { styles: StyleRegister }).styles.addStyleModel(
      DATE_STYLE,
      DATE_VALUE_TYPE,
    );
  }

  add(cells: RawCell[]): void {
    const r = this.sheet._rowZero++;
    let row = `<row r="${r}" spans="1:${cells.length}" x14ac:dyDescent="0.25">`;
    for (const [i, cell] of cells.entries()) {
      const ref = `${this.columns[i]}${r}`;
      if ('text' in cell)
        row += `<c r="${ref}" t="str"><v>${xmlText(neutraliseFormula(cell.text) as string)}</v></c>`;
      else if ('number' in cell) row += `<c r="${ref}"><v>${cell.number}</v></c>`;
      else if (cell.day) row += `<c r="${ref}" s="${this.dateStyle}"><v>${this.serial(cell.day)}</v></c>`;
    }
    this.xml += `${row}</row>`;
    if (this.xml.length >= 1 << 16) this.flush();
  }

  /** exceljs's day number: days since 30 December 1899, the time of day as a fraction. */
  private serial(day: string): number {
    let n = this.days.get(day);
    if (n === undefined) {
      n = 25569 + asDate(day)!.getTime() / (24 * 3600 * 1000);
      if (this.days.size > 10_000) this.days.clear();
      this.days.set(day, n);
    }
    return n;
  }

  flush(): void {
    if (this.xml) this.sheet.stream.write(this.xml);
    this.xml = '';
  }
}

interface StyleRegister {
  addStyleModel(style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType): number;
}

async function agreementsSheet(
  book: Book,
  report: AgreementsReport,
  lines: Iterable<AgreementLine>,
  w: Words,
  drain: () => Promise<void>,
): Promise<void> {
  const agreements = sheet(book, w.agreements, [
    { header: 'ID', width: 8 },
    { header: w.district, width: 30 },
    { header: w.type, width: 30 },
    { header: w.title, width: 50 },
    { header: w.status, width: 16 },
    { header: w.agreedOn, width: 18, date: true },
    { header: w.reviewOn, width: 18, date: true },
    { header: w.parties, width: 40 },
    { header: w.responsible, width: 40 },
    { header: w.linkedBarriers, width: 16 },
  ]);
  const rows = new RawRows(book, agreements, 10);
  const statuses = catalogueFor(report.lang).labels.agreementStatus;
  let n = 0;
  for (const a of lines) {
    rows.add([
      { number: a.id },
      { text: a.districtName },
      { text: w.agreementTypeName(a.type) },
      { text: a.title },
      { text: statuses[a.status] },
      { day: a.agreedOn },
      { day: a.reviewOn },
      { text: a.municipalities ?? w.allMunicipalities },
      { text: a.contacts ?? '' },
      { text: a.barrierIds ?? '' },
    ]);
    if (++n % 1000 === 0) {
      rows.flush();
      await drain();
    }
  }
  rows.flush();
  agreements.commit();
}

function barriersSheet(book: Book, report: AgreementsReport, w: Words): void {
  const barriers = sheet(book, w.barriers, [
    { header: 'ID', width: 8 },
    { header: w.district, width: 30 },
    { header: w.category, width: 50 },
    { header: w.description, width: 60 },
    { header: w.status, width: 16 },
    { header: w.raisedOn, width: 18, date: true },
    { header: w.resolvedOn, width: 18, date: true },
    { header: w.parties, width: 30 },
  ]);
  for (const s of report.sections)
    for (const b of s.barriers)
      add(barriers, [
        b.id,
        s.name,
        w.barrierCategoryName(b.category),
        b.description,
        catalogueFor(report.lang).labels.barrierStatus[b.status],
        asDate(b.raisedOn),
        asDate(b.resolvedOn),
        b.municipalities ?? w.allMunicipalities,
      ]);
  barriers.commit();
}

function participantsSheet(book: Book, report: AgreementsReport, w: Words): void {
  const participants = sheet(book, w.participants, [
    { header: w.district, width: 30 },
    { header: w.name, width: 30 },
    { header: w.organisation, width: 30 },
    { header: w.level, width: 14 },
  ]);
  for (const s of report.sections)
    for (const p of s.meeting?.attendees ?? [])
      add(participants, [
        s.name,
        p.name,
        p.organisationName,
        p.level === 'leadership' ? w.leadership : p.level === 'practice' ? w.practice : '',
      ]);
  participants.commit();
}

/** The programme workbook: overview, agreements, barriers and participants, one sheet each. */
export function agreementsXlsx(report: AgreementsReport, lines: Iterable<AgreementLine>): Readable {
  const w = wordsOf(report);
  return streamWorkbook(async (book, drain) => {
    overviewSheet(book, report, w);
    await agreementsSheet(book, report, lines, w, drain);
    barriersSheet(book, report, w);
    participantsSheet(book, report, w);
  });
}

export function nationalXlsx(report: NationalReport): Readable {
  const w = wordsOf(report);
  return streamWorkbook(async (book) => {
    const columns = [
      { header: w.code, width: 8 },
      { header: w.district, width: 36 },
      { header: w.meetingHeld, width: 12 },
      { header: w.date, width: 18, date: true },
      { header: w.people, width: 10 },
      { header: w.organisationsRepresented, width: 16 },
      { header: w.memberOrganisations, width: 16 },
      { header: w.forumLevel, width: 30 },
      ...w.agreementTypeKeys.map((t) => ({ header: w.agreementTypeName(t), width: 16 })),
      { header: w.agreementsInForce, width: 14 },
      { header: w.openBarriers, width: 14 },
      { header: w.resolvedBarriers, width: 14 },
      { header: `${w.agreementsInForce} ${report.year - 1}`, width: 14 },
      { header: `${w.openBarriers} ${report.year - 1}`, width: 14 },
      { header: `${w.people} ${report.year - 1}`, width: 14 },
      ...modelColumnHeaders(report, w).map((header) => ({ header, width: 14 })),
    ];
    const ws = sheet(book, w.nationalSheet(report.year), columns);
    const { rows, totals } = nationalTableRows(report, asDate);
    for (const row of rows) add(ws, row);
    const total = ws.addRow(totals.map(neutraliseFormula));
    total.font = { bold: true };
    total.commit();
    ws.commit();
    modelSheet(book, report);
  });
}

/** "+4" / "−2" as a number a spreadsheet can sum; anything else (an empty cell) as it is. */
const changeCell = (text: string | undefined) =>
  text && /^[+−]?\d+$/.test(text) ? Number(text.replace('−', '-')) : (text ?? '');

/** The model's figures on a sheet of their own: each section's heading, then its table. */
function modelSheet(book: Book, report: NationalReport): void {
  const n = nationalWordsOf(report);
  const ws = sheet(book, n.modelTitle, [
    { header: n.figure, width: 50 },
    { header: String(report.year - 1), width: 28 },
    { header: String(report.year), width: 28 },
    { header: wordsOf(report).change, width: 12 },
  ]);
  for (const section of modelSections(report)) {
    const title = ws.addRow([section.title]);
    title.font = { bold: true };
    title.commit();
    // a table with its own columns (barriers per area and category) brings its header along
    if (section.rows.length && section.header.length !== 4) add(ws, section.header);
    for (const r of section.rows)
      add(ws, section.header.length === 4 ? [r[0], r[1], r[2], changeCell(r[3])] : r);
    for (const note of section.notes ?? []) add(ws, [note]);
  }
  ws.commit();
}
