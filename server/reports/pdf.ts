import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { clockLabel, dayDate } from '../text/dates.ts';
import { type Language, locales } from '../text/language.ts';
import { catalogueFor } from '../text/messages.ts';
import { formatShare } from '../text/numbers.ts';
import type { AgreementLine, AgreementsReport, DistrictSection, NationalReport } from './data.ts';
import { evaluationParts } from './district-evaluation.ts';
import { type ChartBar, type ModelSection, modelSections, nationalWordsOf } from './national-sections.ts';
import { CellSetter, num } from './pdf-cells.ts';
import { type ProgrammeReportWords, wordsOf } from './words.ts';

const fonts = join(dirname(fileURLToPath(import.meta.url)), 'fonts');
/** DejaVu Sans is embedded (subset) so æ, ø and å show on any reader. */
const REGULAR = join(fonts, 'DejaVuSans.ttf');
const BOLD = join(fonts, 'DejaVuSans-Bold.ttf');

export type Doc = PDFKit.PDFDocument;

export function newDoc(title: string, lang: Language, layout: 'portrait' | 'landscape' = 'portrait'): Doc {
  const doc = new PDFDocument({
    size: 'A4',
    layout,
    margin: 50,
    lang: locales[lang],
    info: { Title: title, Creator: 'Samråd' },
    displayTitle: true,
  });
  doc.registerFont('Sans', REGULAR);
  doc.registerFont('Sans-Bold', BOLD);
  doc.font('Sans').fontSize(10);
  return doc;
}

function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

export function heading(doc: Doc, text: string, size = 14): void {
  ensureSpace(doc, size * 3);
  doc
    .moveDown(0.6)
    .font('Sans-Bold')
    .fontSize(size)
    .text(text, doc.page.margins.left)
    .font('Sans')
    .fontSize(10);
  doc.moveDown(0.3);
}

export function line(doc: Doc, label: string, value: string): void {
  ensureSpace(doc, 14);
  doc
    .font('Sans-Bold')
    .text(`${label}: `, doc.page.margins.left, doc.y, { continued: true })
    .font('Sans')
    .text(value);
}

interface Column {
  header: string;
  width: number;
}

/** Each document's cell setter: its fonts' measured pieces are the document's own. */
const setters = new WeakMap<Doc, CellSetter>();

function cellSetter(doc: Doc): CellSetter {
  let setter = setters.get(doc);
  if (!setter) {
    setter = new CellSetter(doc as unknown as ConstructorParameters<typeof CellSetter>[0]);
    setters.set(doc, setter);
  }
  return setter;
}

const CELL_SIZE = 9;

/** A simple table: wraps cells, starts a new page (with the header again) when the row does not fit. */
class Table {
  constructor(
    private readonly doc: Doc,
    private readonly columns: Column[],
  ) {
    this.header();
  }

  private header(): void {
    this.row(
      this.columns.map((c) => c.header),
      true,
    );
  }

  row(cells: string[], bold = false): void {
    if (!this.setRow(cells, bold)) {
      this.textRow(cells, bold);
      this.doc.addContent(this.rule(this.doc.y));
    }
    this.doc.x = this.doc.page.margins.left;
    this.doc.font('Sans').fontSize(10);
  }

  /**
   * The row through the cell setter, laid out as textRow lays it out (most rows of a long export);
   * false, with nothing written, for what only pdfkit's text() sets right (a line break in a cell,
   * a combining mark, a row taller than a page).
   */
  private setRow(cells: string[], bold: boolean): boolean {
    const doc = this.doc;
    const setter = cellSetter(doc);
    const f = setter.font(bold ? 'Sans-Bold' : 'Sans');
    const lineHeight = f.font.lineHeight(CELL_SIZE, true);
    const laid: string[][] = [];
    let height = 0;
    for (const [i, c] of cells.entries()) {
      const width = this.columns[i]!.width - 4;
      // a cell that fits is one line high; a longer one is as high as heightOfString adds it up
      if (!c.includes('\n') && setter.width(f, c, CELL_SIZE) <= width) {
        laid.push([c]);
        height = Math.max(height, lineHeight);
        continue;
      }
      const lines = setter.wrap(f, c, CELL_SIZE, width);
      if (!lines) return false;
      laid.push(lines);
      let y = doc.y;
      for (let n = 0; n < lines.length; n++) y += lineHeight;
      height = Math.max(height, y - doc.y);
    }
    height += 4;
    if (height > bottom(doc) - doc.page.margins.top) return false;
    if (doc.y + height > bottom(doc)) {
      doc.addPage();
      if (!bold) this.header();
    }
    const top = doc.y;
    const placed: Parameters<CellSetter['draw']>[0] = [];
    let x = doc.page.margins.left;
    for (const [i, lines] of laid.entries()) {
      let y = top + 2;
      for (const text of lines) {
        placed.push({ f, size: CELL_SIZE, x: x + 2, y, text });
        y += lineHeight;
      }
      x += this.columns[i]!.width;
    }
    if (!setter.draw(placed, this.rule(top + height))) return false;
    doc.y = top + height;
    return true;
  }

  /** The row through pdfkit's text(): wraps and writes each cell on its own. */
  private textRow(cells: string[], bold: boolean): void {
    const doc = this.doc;
    doc.font(bold ? 'Sans-Bold' : 'Sans').fontSize(CELL_SIZE);
    // a cell that fits on one line is one line high and drawn without the line wrapper
    const widths = this.columns.map((c) => c.width - 4);
    const oneLine = cells.map((c, i) => !c.includes('\n') && doc.widthOfString(c) <= widths[i]!);
    const lineHeight = doc.currentLineHeight(true);
    const height =
      Math.max(
        ...cells.map((c, i) => (oneLine[i] ? lineHeight : doc.heightOfString(c, { width: widths[i]! }))),
      ) + 4;
    if (doc.y + height > bottom(doc)) {
      doc.addPage();
      if (!bold) this.header();
      doc.font(bold ? 'Sans-Bold' : 'Sans').fontSize(CELL_SIZE);
    }
    const top = doc.y;
    let x = doc.page.margins.left;
    cells.forEach((c, i) => {
      doc.text(c, x + 2, top + 2, oneLine[i] ? { lineBreak: false } : { width: widths[i]! });
      x += this.columns[i]!.width;
    });
    doc.y = top + height;
  }

  /** The thin grey line under a row, as pdfkit's moveTo, lineTo, lineWidth, strokeColor and stroke write it. */
  private rule(y: number): string {
    const left = this.doc.page.margins.left;
    let right = left;
    for (const c of this.columns) right += c.width;
    return `${num(left)} ${num(y)} m\n${num(right)} ${num(y)} l\n0.3 w\n/DeviceRGB CS\n0.6 0.6 0.6 SCN\nS`;
  }
}

/** Rows between two clearings of pdfkit's word-layout cache. */
const LAYOUT_CACHE_ROWS = 10_000;

/** Waits while the reader is behind, so a long report never piles up in memory. */
async function backPressure(doc: Doc, rowsWritten: number): Promise<void> {
  // pdfkit caches the layout of every distinct word for the document's life: with 100,000 titles
  // that cache, not the output, was most of the memory. Cleared every 10,000 rows it stays bounded
  // (a few MB) while the words that repeat (dates, statuses, most of a title) are laid out once per
  // batch, not once per 200 rows as before
  if (rowsWritten % LAYOUT_CACHE_ROWS === 0) {
    const families = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: object }> })
      ._fontFamilies;
    for (const font of Object.values(families ?? {}))
      if (font.layoutCache) font.layoutCache = Object.create(null);
  }
  await new Promise((resolve) => setImmediate(resolve));
  while (doc.readableLength > 1024 * 1024) await new Promise((resolve) => setTimeout(resolve, 5));
}

function meetingPart(doc: Doc, s: DistrictSection, lang: Language, w: ProgrammeReportWords): void {
  heading(doc, w.meeting, 12);
  const m = s.meeting;
  if (!m) {
    doc.text(w.noMeeting);
    return;
  }
  line(doc, w.date, `${dayDate(m.startsAt, lang)} ${clockLabel(m.startsAt, lang)}`);
  line(doc, w.venue, [m.venueName, m.venueAddress].filter(Boolean).join(', '));
  const f = m.figures;
  line(doc, w.people, String(f.people));
  line(
    doc,
    w.organisationsRepresented,
    `${f.memberOrganisationsRepresented} / ${f.memberOrganisations} (${formatShare(f.memberOrganisationsRepresented, f.memberOrganisations, lang)})`,
  );
  line(doc, `${w.leadership} / ${w.practice}`, `${f.leadershipLevel} / ${f.practiceLevel}`);
  line(
    doc,
    `${w.police} / ${w.municipal} / ${w.otherSides}`,
    `${f.police} / ${f.municipal} / ${f.otherSides}`,
  );
  if (m.attendees.length) {
    doc.moveDown(0.3);
    const table = new Table(doc, [
      { header: w.name, width: 200 },
      { header: w.organisation, width: 200 },
      { header: w.level, width: 95 },
    ]);
    for (const p of m.attendees)
      table.row([
        p.name,
        p.organisationName,
        p.level === 'leadership' ? w.leadership : p.level === 'practice' ? w.practice : '',
      ]);
  }
  if (m.referat) {
    heading(doc, catalogueFor(lang).referat.page.referat, 11);
    for (const p of m.referat.split(/\n{2,}/)) doc.text(p.trim(), doc.page.margins.left).moveDown(0.4);
  }
}

function mappingPart(doc: Doc, s: DistrictSection, _lang: Language, w: ProgrammeReportWords): void {
  heading(doc, w.mapping, 12);
  if (!s.mapping) {
    doc.text(w.noMapping);
    return;
  }
  line(doc, w.forumLevel, w.forumLevelName(s.mapping.forumLevel));
  for (const [label, items] of [
    [w.strengths, s.mapping.strengths],
    [w.challenges, s.mapping.challenges],
    [w.wishes, s.mapping.wishes],
  ] as const) {
    if (!items.length) continue;
    ensureSpace(doc, 28);
    doc.font('Sans-Bold').text(label, doc.page.margins.left).font('Sans');
    doc.list(items, { bulletRadius: 1.5 });
  }
  if (s.mapping.notes) line(doc, w.notes, s.mapping.notes);
}

function barriersPart(doc: Doc, s: DistrictSection, lang: Language, w: ProgrammeReportWords): void {
  heading(doc, w.barriers, 12);
  if (!s.barriers.length) {
    doc.text(w.noBarriers);
    return;
  }
  let category: string | null = null;
  let table: Table | null = null;
  for (const b of s.barriers) {
    if (b.category !== category) {
      category = b.category;
      ensureSpace(doc, 40);
      doc
        .moveDown(0.3)
        .font('Sans-Bold')
        .text(w.barrierCategoryName(b.category), doc.page.margins.left)
        .font('Sans');
      table = new Table(doc, [
        { header: w.description, width: 245 },
        { header: w.status, width: 90 },
        { header: w.raisedOn, width: 80 },
        { header: w.resolvedOn, width: 80 },
      ]);
    }
    table!.row([
      b.description,
      catalogueFor(lang).labels.barrierStatus[b.status],
      dayDate(b.raisedOn, lang),
      dayDate(b.resolvedOn, lang),
    ]);
  }
}

function changesPart(doc: Doc, s: DistrictSection, _lang: Language, w: ProgrammeReportWords): void {
  heading(doc, w.changes, 12);
  const c = s.changes;
  const level = (l: typeof c.forumLevel) => (l ? w.forumLevelName(l) : '–');
  line(doc, w.forumLevel, `${level(c.previousForumLevel)} → ${level(c.forumLevel)}`);
  line(doc, w.attendanceChange, `${c.previousPeople ?? '–'} → ${c.people ?? '–'}`);
  line(doc, w.newAgreements, String(c.newAgreements));
  line(doc, w.newBarriers, String(c.newBarriers));
  line(doc, w.barriersResolvedInYear, String(c.barriersResolved));
}

/** The agreement lines as they are read: shared across districts, since they come in district order. */
/** How many agreement lines are written, for pausing while the reader catches up. */
interface Written {
  lines: number;
}

/** The district's agreements, a table per type; false when the reader went away. */
async function agreementsPart(
  doc: Doc,
  lines: Iterable<AgreementLine>,
  written: Written,
  lang: Language,
  w: ProgrammeReportWords,
): Promise<boolean> {
  heading(doc, w.agreements, 12);
  let type: string | null = null;
  let table: Table | null = null;
  for (const a of lines) {
    if (a.type !== type) {
      type = a.type;
      ensureSpace(doc, 40);
      doc
        .moveDown(0.3)
        .font('Sans-Bold')
        .text(w.agreementTypeName(a.type), doc.page.margins.left)
        .font('Sans');
      table = new Table(doc, [
        { header: w.title, width: 215 },
        { header: w.status, width: 80 },
        { header: w.agreedOn, width: 100 },
        { header: w.reviewOn, width: 100 },
      ]);
    }
    table!.row([
      a.title,
      catalogueFor(lang).labels.agreementStatus[a.status],
      dayDate(a.agreedOn, lang),
      dayDate(a.reviewOn, lang),
    ]);
    if (++written.lines % 200 === 0) {
      await backPressure(doc, written.lines);
      // the reader went away
      if (doc.destroyed) return false;
    }
  }
  if (type === null) doc.text(w.noAgreements);
  return true;
}

export function agreementsPdf(
  report: AgreementsReport,
  linesBySection: Iterable<Iterable<AgreementLine>>,
): Readable {
  const lang = report.lang;
  const w = wordsOf(report);
  const title = `${w.districtReportTitle} ${report.year}`;
  const doc = newDoc(title, lang);
  // one entry per section, in the report's order
  const sectionLines = linesBySection[Symbol.iterator]();
  const written: Written = { lines: 0 };
  (async () => {
    doc.font('Sans-Bold').fontSize(18).text(title);
    doc
      .font('Sans')
      .fontSize(9)
      .text(`${w.generated} ${dayDate(report.generatedAt, lang)}`);
    for (const [i, s] of report.sections.entries()) {
      if (i > 0) doc.addPage();
      heading(doc, s.name, 16);
      meetingPart(doc, s, lang, w);
      mappingPart(doc, s, lang, w);
      const lines = sectionLines.next().value ?? [];
      // the reader went away: stop reading rows (and free the export's connection)
      if (!(await agreementsPart(doc, lines, written, lang, w))) return;
      barriersPart(doc, s, lang, w);
      changesPart(doc, s, lang, w);
      for (const part of evaluationParts(s, lang)) {
        heading(doc, part.title, 12);
        for (const l of part.lines) {
          ensureSpace(doc, 14);
          doc.text(l, doc.page.margins.left);
        }
      }
    }
    doc.end();
  })()
    .catch((err) => doc.destroy(err))
    .finally(() => sectionLines.return?.());
  return doc;
}

const AGREEMENT_COLOUR = '#1f5fa8';
const BARRIER_COLOUR = '#d9822b';
const PREVIOUS_COLOUR = '#9bb8dc';

/** Horizontal bars per district: agreements in force and open barriers. */
function chart(doc: Doc, report: NationalReport, w: ProgrammeReportWords): void {
  heading(doc, w.chartTitle, 13);
  const left = doc.page.margins.left;
  const labelWidth = 200;
  const barArea = doc.page.width - doc.page.margins.right - left - labelWidth - 40;
  const max = Math.max(1, ...report.rows.flatMap((r) => [r.inForce, r.openBarriers]));
  const barHeight = 7;
  ensureSpace(doc, 30);
  let y = doc.y;
  doc.rect(left, y, 10, 8).fill(AGREEMENT_COLOUR);
  doc
    .fillColor('black')
    .fontSize(9)
    .text(w.agreementsInForce, left + 14, y - 1);
  doc.rect(left + 160, y, 10, 8).fill(BARRIER_COLOUR);
  doc.fillColor('black').text(w.openBarriers, left + 174, y - 1);
  y += 18;
  for (const r of report.rows) {
    if (y + 2 * barHeight + 8 > bottom(doc)) {
      doc.addPage();
      y = doc.y;
    }
    doc
      .fillColor('black')
      .fontSize(8)
      .text(r.name, left, y + 2, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
    const x = left + labelWidth;
    const a = (r.inForce / max) * barArea;
    const b = (r.openBarriers / max) * barArea;
    doc.rect(x, y, Math.max(a, 0.5), barHeight).fill(AGREEMENT_COLOUR);
    doc.fillColor('black').text(String(r.inForce), x + a + 3, y - 1, { lineBreak: false });
    doc.rect(x, y + barHeight + 1, Math.max(b, 0.5), barHeight).fill(BARRIER_COLOUR);
    doc.fillColor('black').text(String(r.openBarriers), x + b + 3, y + barHeight, { lineBreak: false });
    y += 2 * barHeight + 8;
  }
  doc.fillColor('black').fontSize(10);
  doc.x = left;
  doc.y = y + 6;
}

function nationalTable(doc: Doc, report: NationalReport, w: ProgrammeReportWords): void {
  const lang = report.lang;
  const n = nationalWordsOf(report);
  const table = new Table(doc, [
    { header: w.district, width: 170 },
    { header: w.meetingHeld, width: 95 },
    { header: w.people, width: 55 },
    { header: n.turnoutHeader(report.programme.policeDistricts), width: 95 },
    { header: w.forumLevel, width: 130 },
    { header: w.agreementsInForce, width: 70 },
    { header: w.openBarriers, width: 60 },
    { header: w.resolvedBarriers, width: 65 },
  ]);
  for (const r of report.rows)
    table.row([
      r.name,
      r.meetingState === 'held' ? dayDate(r.meetingDate, lang) : n.state(r.meetingState, w),
      String(r.people),
      n.ofTotal(r.municipalitiesRepresented, r.municipalities, n.memberWord),
      r.forumLevel ? w.forumLevelName(r.forumLevel) : '–',
      String(r.inForce),
      String(r.openBarriers),
      String(r.resolvedBarriers),
    ]);
  const t = report.totals;
  table.row(
    [
      w.total,
      `${t.meetingsHeld} / ${report.rows.length}`,
      String(t.people),
      n.ofTotal(t.municipalitiesRepresented, t.municipalities, n.memberWord),
      '',
      String(t.inForce),
      String(t.openBarriers),
      String(t.resolvedBarriers),
    ],
    true,
  );
}

function inForceByTypeTable(doc: Doc, report: NationalReport, w: ProgrammeReportWords): void {
  const t = report.totals;
  heading(doc, `${w.agreementsInForce}: ${w.byType}`, 12);
  const types = Object.keys(t.inForceByType) as (keyof typeof t.inForceByType)[];
  const byType = new Table(doc, [
    { header: w.type, width: 300 },
    { header: String(report.year), width: 100 },
    { header: String(report.year - 1), width: 100 },
  ]);
  for (const ty of types)
    byType.row([
      w.agreementTypeName(ty),
      String(t.inForceByType[ty]),
      String(report.previous.totals.inForceByType[ty]),
    ]);
}

function yearChangeTable(doc: Doc, report: NationalReport, w: ProgrammeReportWords): void {
  heading(doc, `${w.change} ${report.year - 1} → ${report.year}`, 12);
  const n = nationalWordsOf(report);
  const previous = new Map(report.previous.rows.map((r) => [r.areaId, r]));
  const yoy = new Table(doc, [
    { header: w.district, width: 200 },
    { header: w.meetingHeld, width: 110 },
    { header: w.people, width: 110 },
    { header: w.agreementsInForce, width: 150 },
    { header: w.openBarriers, width: 150 },
  ]);
  const arrow = (a: number | string, b: number | string) => `${a} → ${b}`;
  for (const r of report.rows) {
    const p = previous.get(r.areaId);
    yoy.row([
      r.name,
      arrow(n.state(p?.meetingState ?? 'notHeld', w), n.state(r.meetingState, w)),
      arrow(p?.people ?? 0, r.people),
      arrow(p?.inForce ?? 0, r.inForce),
      arrow(p?.openBarriers ?? 0, r.openBarriers),
    ]);
  }
  const t = report.totals;
  const pt = report.previous.totals;
  yoy.row(
    [
      w.total,
      arrow(pt.meetingsHeld, t.meetingsHeld),
      arrow(pt.people, t.people),
      arrow(pt.inForce, t.inForce),
      arrow(pt.openBarriers, t.openBarriers),
    ],
    true,
  );
}

export function nationalPdf(report: NationalReport): Readable {
  const lang = report.lang;
  const w = wordsOf(report);
  const title = `${w.nationalReportTitle} ${report.year}`;
  const doc = newDoc(title, lang, 'landscape');
  doc.font('Sans-Bold').fontSize(18).text(title);
  doc
    .font('Sans')
    .fontSize(9)
    .text(`${w.generated} ${dayDate(report.generatedAt, lang)}`);
  doc.moveDown();
  nationalTable(doc, report, w);
  inForceByTypeTable(doc, report, w);
  yearChangeTable(doc, report, w);
  doc.addPage();
  chart(doc, report, w);
  for (const section of modelSections(report)) sectionPdf(doc, section, report.year);
  doc.end();
  return doc;
}

/** Bars drawn with pdfkit's own rectangles: this year's, and last year's thinner and lighter beneath. */
function sectionChart(doc: Doc, bars: ChartBar[], year: number): void {
  const left = doc.page.margins.left;
  const labelWidth = 220;
  const barArea = 360;
  const max = Math.max(1, ...bars.flatMap((b) => [b.value, b.previous]));
  ensureSpace(doc, 16);
  let y = doc.y;
  doc.rect(left, y, 10, 7).fill(AGREEMENT_COLOUR);
  doc
    .fillColor('black')
    .fontSize(8)
    .text(String(year), left + 14, y - 1, { lineBreak: false });
  doc.rect(left + 60, y + 2, 10, 4).fill(PREVIOUS_COLOUR);
  doc.fillColor('black').text(String(year - 1), left + 74, y - 1, { lineBreak: false });
  y += 14;
  for (const b of bars) {
    if (y + 20 > bottom(doc)) {
      doc.addPage();
      y = doc.y;
    }
    const x = left + labelWidth;
    const now = (b.value / max) * barArea;
    const before = (b.previous / max) * barArea;
    doc
      .fillColor('black')
      .fontSize(8)
      // one line, cut with an ellipsis: a wrapped label would run into the next bar
      .text(b.label, left, y, { width: labelWidth - 6, height: 9, ellipsis: true });
    doc.rect(x, y, Math.max(now, 0.5), 8).fill(AGREEMENT_COLOUR);
    doc.fillColor('black').text(String(b.value), x + now + 3, y - 1, { lineBreak: false });
    doc.rect(x, y + 9, Math.max(before, 0.5), 4).fill(PREVIOUS_COLOUR);
    y += 18;
  }
  doc.fillColor('black').fontSize(10);
  doc.x = left;
  doc.y = y + 4;
}

function sectionPdf(doc: Doc, section: ModelSection, year: number): void {
  heading(doc, section.title, 12);
  if (section.chart?.length) sectionChart(doc, section.chart, year);
  if (section.rows.length) {
    const usable = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    const first = Math.min(220, usable / section.header.length + 60);
    const rest = (usable - first) / Math.max(1, section.header.length - 1);
    const table = new Table(
      doc,
      section.header.map((header, i) => ({ header, width: i === 0 ? first : rest })),
    );
    for (const r of section.rows) table.row(r);
  }
  for (const note of section.notes ?? []) {
    ensureSpace(doc, 14);
    doc.text(note, doc.page.margins.left);
  }
}
