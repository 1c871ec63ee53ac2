import { PassThrough, type Readable } from 'node:stream';
import {
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { clockLabel, dayDate } from '../text/dates.ts';
import { type Language, locales } from '../text/language.ts';
import { catalogueFor } from '../text/messages.ts';
import { formatShare } from '../text/numbers.ts';
import type { AgreementLine, AgreementsReport, DistrictSection, NationalReport } from './data.ts';
import { evaluationParts } from './district-evaluation.ts';
import { type ChartBar, type ModelSection, modelSections, nationalWordsOf } from './national-sections.ts';
import * as ml from './wordml.ts';
import { type ProgrammeReportWords, wordsOf } from './words.ts';

export type Block = Paragraph | Table;

export const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ text, heading: level });
export const para = (text: string) => new Paragraph({ text });
export const labelled = (label: string, value: string) =>
  new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] });
export const bullet = (text: string) => new Paragraph({ text, bullet: { level: 0 } });

function table(header: string[], rows: string[][], totalRow?: string[]): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
      ...(totalRow ? [new TableRow({ children: totalRow.map((c) => cell(c, true)) })] : []),
    ],
  });
}

export function pack(doc: Document): Readable {
  const out = new PassThrough();
  Packer.toBuffer(doc)
    .then((buffer) => out.end(buffer))
    .catch((err) => out.destroy(err));
  return out;
}

export function document(title: string, lang: Language, children: Block[], landscape = false): Document {
  return new Document({
    creator: 'Samråd',
    title,
    styles: {
      default: {
        document: {
          run: { font: 'Calibri', size: 22, language: { value: locales[lang] } },
        },
      },
    },
    sections: [
      {
        properties: landscape ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {},
        children,
      },
    ],
  });
}

/** The meeting's facts, who came and the approved referat. */
function* meetingXml(s: DistrictSection, lang: Language, w: ProgrammeReportWords): Generator<string> {
  yield ml.heading(w.meeting, 'Heading2');
  const m = s.meeting;
  if (!m) {
    yield ml.para(w.noMeeting);
    return;
  }
  const f = m.figures;
  yield ml.labelled(w.date, `${dayDate(m.startsAt, lang)} ${clockLabel(m.startsAt, lang)}`);
  yield ml.labelled(w.venue, [m.venueName, m.venueAddress].filter(Boolean).join(', '));
  yield ml.labelled(w.people, String(f.people));
  yield ml.labelled(
    w.organisationsRepresented,
    `${f.memberOrganisationsRepresented} / ${f.memberOrganisations} (${formatShare(f.memberOrganisationsRepresented, f.memberOrganisations, lang)})`,
  );
  yield ml.labelled(`${w.leadership} / ${w.practice}`, `${f.leadershipLevel} / ${f.practiceLevel}`);
  yield ml.labelled(
    `${w.police} / ${w.municipal} / ${w.otherSides}`,
    `${f.police} / ${f.municipal} / ${f.otherSides}`,
  );
  if (m.attendees.length)
    yield* ml.table(
      [w.name, w.organisation],
      m.attendees.map((p) => [p.name, p.organisationName]),
    );
  if (m.referat) {
    yield ml.heading(catalogueFor(lang).referat.page.referat, 'Heading3');
    yield* m.referat.split('\n').map((line) => ml.para(line));
  }
}

function* mappingXml(s: DistrictSection, w: ProgrammeReportWords): Generator<string> {
  yield ml.heading(w.mapping, 'Heading2');
  if (!s.mapping) {
    yield ml.para(w.noMapping);
    return;
  }
  yield ml.labelled(w.forumLevel, w.forumLevelName(s.mapping.forumLevel));
  for (const [label, items] of [
    [w.strengths, s.mapping.strengths],
    [w.challenges, s.mapping.challenges],
    [w.wishes, s.mapping.wishes],
  ] as const)
    if (items.length) {
      yield ml.para(label, true);
      yield* items.map(ml.bullet);
    }
  if (s.mapping.notes) yield ml.labelled(w.notes, s.mapping.notes);
}

/** The district's agreements, a table per type in the order the lines come (by type, status, id). */
function* agreementsXml(
  lines: Iterable<AgreementLine>,
  lang: Language,
  w: ProgrammeReportWords,
): Generator<string> {
  yield ml.heading(w.agreements, 'Heading2');
  const statusName = catalogueFor(lang).labels.agreementStatus;
  let type: string | null = null;
  for (const a of lines) {
    if (a.type !== type) {
      if (type !== null) yield ml.tableEnd();
      type = a.type;
      yield ml.heading(w.agreementTypeName(a.type), 'Heading3');
      yield ml.tableStart([w.title, w.status, w.agreedOn, w.reviewOn, w.parties]);
    }
    yield ml.tableRow([
      a.title,
      statusName[a.status],
      dayDate(a.agreedOn, lang),
      dayDate(a.reviewOn, lang),
      a.municipalities ?? w.allMunicipalities,
    ]);
  }
  yield type === null ? ml.para(w.noAgreements) : ml.tableEnd();
}

function* barriersXml(s: DistrictSection, lang: Language, w: ProgrammeReportWords): Generator<string> {
  yield ml.heading(w.barriers, 'Heading2');
  if (!s.barriers.length) yield ml.para(w.noBarriers);
  for (const category of new Set(s.barriers.map((b) => b.category))) {
    yield ml.heading(w.barrierCategoryName(category), 'Heading3');
    yield* ml.table(
      [w.description, w.status, w.raisedOn, w.resolvedOn],
      s.barriers
        .filter((b) => b.category === category)
        .map((b) => [
          b.description,
          catalogueFor(lang).labels.barrierStatus[b.status],
          dayDate(b.raisedOn, lang),
          dayDate(b.resolvedOn, lang),
        ]),
    );
  }
}

function* changesXml(s: DistrictSection, w: ProgrammeReportWords): Generator<string> {
  const c = s.changes;
  const level = (l: typeof c.forumLevel) => (l ? w.forumLevelName(l) : '–');
  yield ml.heading(w.changes, 'Heading2');
  yield ml.bullet(`${w.forumLevel}: ${level(c.previousForumLevel)} → ${level(c.forumLevel)}`);
  yield ml.bullet(`${w.attendanceChange}: ${c.previousPeople ?? '–'} → ${c.people ?? '–'}`);
  yield ml.bullet(`${w.newAgreements}: ${c.newAgreements}`);
  yield ml.bullet(`${w.newBarriers}: ${c.newBarriers}`);
  yield ml.bullet(`${w.barriersResolvedInYear}: ${c.barriersResolved}`);
}

/** A district's chapter: meeting, mapping, agreements, barriers, the year's changes and the evaluation. */
function* sectionXml(
  s: DistrictSection,
  lines: Iterable<AgreementLine>,
  lang: Language,
  w: ProgrammeReportWords,
): Generator<string> {
  yield ml.heading(s.name, 'Heading1');
  yield* meetingXml(s, lang, w);
  yield* mappingXml(s, w);
  yield* agreementsXml(lines, lang, w);
  yield* barriersXml(s, lang, w);
  yield* changesXml(s, w);
  for (const part of evaluationParts(s, lang)) {
    yield ml.heading(part.title, 'Heading2');
    yield* part.lines.map((line) => ml.para(line));
  }
}

/**
 * The district report as Word, streamed: the lines are read only as the zip asks for more XML, so
 * 100,000 agreements take the memory of one chunk, not of the whole document.
 */
export function agreementsDocx(
  report: AgreementsReport,
  linesBySection: Iterable<Iterable<AgreementLine>>,
): Readable {
  const lang = report.lang;
  const w = wordsOf(report);
  const title = `${w.districtReportTitle} ${report.year}`;
  function* body(): Generator<string> {
    // one entry per section, in the report's order
    const sectionLines = linesBySection[Symbol.iterator]();
    try {
      yield ml.heading(title, 'Title');
      for (const [i, s] of report.sections.entries()) {
        if (i > 0) yield ml.pageBreak();
        yield* sectionXml(s, sectionLines.next().value ?? [], lang, w);
      }
    } finally {
      sectionLines.return?.();
    }
  }
  return ml.streamedDocx(title, lang, body());
}

type NationalWords = ReturnType<typeof wordsOf>;

function nationalOverviewTable(report: NationalReport, w: NationalWords): Table {
  const lang = report.lang;
  const n = nationalWordsOf(report);
  const t = report.totals;
  return table(
    [
      w.district,
      w.meetingHeld,
      w.people,
      n.turnoutHeader(report.programme.policeDistricts),
      w.forumLevel,
      w.agreementsInForce,
      w.openBarriers,
      w.resolvedBarriers,
    ],
    report.rows.map((r) => [
      r.name,
      r.meetingState === 'held' ? dayDate(r.meetingDate, lang) : n.state(r.meetingState, w),
      String(r.people),
      n.ofTotal(r.municipalitiesRepresented, r.municipalities, n.memberWord),
      r.forumLevel ? w.forumLevelName(r.forumLevel) : '–',
      String(r.inForce),
      String(r.openBarriers),
      String(r.resolvedBarriers),
    ]),
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
  );
}

function inForceByTypeTable(report: NationalReport, w: NationalWords): Table {
  return table(
    [w.type, String(report.year), String(report.year - 1)],
    w.agreementTypeKeys.map((ty) => [
      w.agreementTypeName(ty),
      String(report.totals.inForceByType[ty]),
      String(report.previous.totals.inForceByType[ty]),
    ]),
  );
}

function yearChangeTable(report: NationalReport, w: NationalWords): Table {
  const n = nationalWordsOf(report);
  const previous = new Map(report.previous.rows.map((r) => [r.areaId, r]));
  return table(
    [w.district, w.meetingHeld, w.people, w.agreementsInForce, w.openBarriers],
    report.rows.map((r) => {
      const p = previous.get(r.areaId);
      return [
        r.name,
        `${n.state(p?.meetingState ?? 'notHeld', w)} → ${n.state(r.meetingState, w)}`,
        `${p?.people ?? 0} → ${r.people}`,
        `${p?.inForce ?? 0} → ${r.inForce}`,
        `${p?.openBarriers ?? 0} → ${r.openBarriers}`,
      ];
    }),
  );
}

export function nationalDocx(report: NationalReport): Readable {
  const lang = report.lang;
  const w = wordsOf(report);
  const title = `${w.nationalReportTitle} ${report.year}`;
  const children: Block[] = [
    heading(title, HeadingLevel.TITLE),
    para(`${w.generated} ${dayDate(report.generatedAt, lang)}`),
    nationalOverviewTable(report, w),
    heading(`${w.agreementsInForce}: ${w.byType}`, HeadingLevel.HEADING_2),
    inForceByTypeTable(report, w),
    heading(`${w.change} ${report.year - 1} → ${report.year}`, HeadingLevel.HEADING_2),
    yearChangeTable(report, w),
    ...modelSections(report).flatMap((section) => modelSectionBlocks(section, report.year)),
  ];
  return pack(document(title, lang, children, true));
}

/** A bar chart as a table: a row per bar, this year's bar and last year's drawn with block characters. */
function tableBars(bars: ChartBar[], year: number): Table {
  const max = Math.max(1, ...bars.flatMap((b) => [b.value, b.previous]));
  const bar = (value: number) => '█'.repeat(Math.round((value / max) * 30)) || '▏';
  return table(
    ['', String(year), String(year - 1)],
    bars.map((b) => [b.label, `${bar(b.value)} ${b.value}`, `${bar(b.previous)} ${b.previous}`]),
  );
}

function modelSectionBlocks(section: ModelSection, year: number): Block[] {
  return [
    heading(section.title, HeadingLevel.HEADING_2),
    ...(section.chart?.length ? [tableBars(section.chart, year), para('')] : []),
    ...(section.rows.length ? [table(section.header, section.rows)] : []),
    ...(section.notes ?? []).map(para),
  ];
}
