import { PassThrough, type Readable } from 'node:stream';
import {
  Document,
  HeadingLevel,
  Packer,
  PageBreak,
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

function meetingBlocks(s: DistrictSection, lang: Language, w: ProgrammeReportWords): Block[] {
  const blocks: Block[] = [heading(w.meeting, HeadingLevel.HEADING_2)];
  const m = s.meeting;
  if (!m) return [...blocks, para(w.noMeeting)];
  const f = m.figures;
  blocks.push(
    labelled(w.date, `${dayDate(m.startsAt, lang)} ${clockLabel(m.startsAt, lang)}`),
    labelled(w.venue, [m.venueName, m.venueAddress].filter(Boolean).join(', ')),
    labelled(w.people, String(f.people)),
    labelled(
      w.organisationsRepresented,
      `${f.memberOrganisationsRepresented} / ${f.memberOrganisations} (${formatShare(f.memberOrganisationsRepresented, f.memberOrganisations, lang)})`,
    ),
    labelled(`${w.leadership} / ${w.practice}`, `${f.leadershipLevel} / ${f.practiceLevel}`),
    labelled(
      `${w.police} / ${w.municipal} / ${w.otherSides}`,
      `${f.police} / ${f.municipal} / ${f.otherSides}`,
    ),
  );
  if (m.attendees.length)
    blocks.push(
      table(
        [w.name, w.organisation],
        m.attendees.map((p) => [p.name, p.organisationName]),
      ),
    );
  if (m.referat)
    blocks.push(
      heading(catalogueFor(lang).referat.page.referat, HeadingLevel.HEADING_3),
      ...m.referat.split('\n').map(para),
    );
  return blocks;
}

function mappingBlocks(s: DistrictSection, w: ProgrammeReportWords): Block[] {
  const blocks: Block[] = [heading(w.mapping, HeadingLevel.HEADING_2)];
  if (!s.mapping) return [...blocks, para(w.noMapping)];
  blocks.push(labelled(w.forumLevel, w.forumLevelName(s.mapping.forumLevel)));
  for (const [label, items] of [
    [w.strengths, s.mapping.strengths],
    [w.challenges, s.mapping.challenges],
    [w.wishes, s.mapping.wishes],
  ] as const)
    if (items.length)
      blocks.push(
        new Paragraph({ children: [new TextRun({ text: label, bold: true })] }),
        ...items.map(bullet),
      );
  if (s.mapping.notes) blocks.push(labelled(w.notes, s.mapping.notes));
  return blocks;
}

function agreementBlocks(agreements: AgreementLine[], lang: Language, w: ProgrammeReportWords): Block[] {
  const blocks: Block[] = [heading(w.agreements, HeadingLevel.HEADING_2)];
  if (!agreements.length) blocks.push(para(w.noAgreements));
  for (const type of w.agreementTypeKeys) {
    const ofType = agreements.filter((a) => a.type === type);
    if (!ofType.length) continue;
    blocks.push(
      heading(w.agreementTypeName(type), HeadingLevel.HEADING_3),
      table(
        [w.title, w.status, w.agreedOn, w.reviewOn, w.parties],
        ofType.map((a) => [
          a.title,
          catalogueFor(lang).labels.agreementStatus[a.status],
          dayDate(a.agreedOn, lang),
          dayDate(a.reviewOn, lang),
          a.municipalities ?? w.allMunicipalities,
        ]),
      ),
    );
  }
  return blocks;
}

function barrierBlocks(s: DistrictSection, lang: Language, w: ProgrammeReportWords): Block[] {
  const blocks: Block[] = [heading(w.barriers, HeadingLevel.HEADING_2)];
  if (!s.barriers.length) blocks.push(para(w.noBarriers));
  for (const category of new Set(s.barriers.map((b) => b.category))) {
    blocks.push(
      heading(w.barrierCategoryName(category), HeadingLevel.HEADING_3),
      table(
        [w.description, w.status, w.raisedOn, w.resolvedOn],
        s.barriers
          .filter((b) => b.category === category)
          .map((b) => [
            b.description,
            catalogueFor(lang).labels.barrierStatus[b.status],
            dayDate(b.raisedOn, lang),
            dayDate(b.resolvedOn, lang),
          ]),
      ),
    );
  }
  return blocks;
}

function changeBlocks(s: DistrictSection, w: ProgrammeReportWords): Block[] {
  const c = s.changes;
  const level = (l: typeof c.forumLevel) => (l ? w.forumLevelName(l) : '–');
  return [
    heading(w.changes, HeadingLevel.HEADING_2),
    bullet(`${w.forumLevel}: ${level(c.previousForumLevel)} → ${level(c.forumLevel)}`),
    bullet(`${w.attendanceChange}: ${c.previousPeople ?? '–'} → ${c.people ?? '–'}`),
    bullet(`${w.newAgreements}: ${c.newAgreements}`),
    bullet(`${w.newBarriers}: ${c.newBarriers}`),
    bullet(`${w.barriersResolvedInYear}: ${c.barriersResolved}`),
  ];
}

/** A district's chapter: meeting, mapping, agreements, barriers and the year's changes. */
function sectionBlocks(
  s: DistrictSection,
  agreements: AgreementLine[],
  lang: Language,
  w: ProgrammeReportWords,
): Block[] {
  return [
    heading(s.name, HeadingLevel.HEADING_1),
    ...meetingBlocks(s, lang, w),
    ...mappingBlocks(s, w),
    ...agreementBlocks(agreements, lang, w),
    ...barrierBlocks(s, lang, w),
    ...changeBlocks(s, w),
    ...evaluationParts(s, lang).flatMap((part) => [
      heading(part.title, HeadingLevel.HEADING_2),
      ...part.lines.map(para),
    ]),
  ];
}

/** Word builds the whole document in memory: meant for a district's report, not a 100,000-row dump. */
export function agreementsDocx(report: AgreementsReport, lines: Iterable<AgreementLine>): Readable {
  const lang = report.lang;
  const w = wordsOf(report);
  const title = `${w.districtReportTitle} ${report.year}`;
  const byDistrict = new Map<string, AgreementLine[]>();
  for (const a of lines) {
    const list = byDistrict.get(a.districtCode) ?? [];
    list.push(a);
    byDistrict.set(a.districtCode, list);
  }
  const children: Block[] = [heading(title, HeadingLevel.TITLE)];
  report.sections.forEach((s, i) => {
    if (i > 0) children.push(new Paragraph({ children: [new PageBreak()] }));
    children.push(...sectionBlocks(s, byDistrict.get(s.code) ?? [], lang, w));
  });
  return pack(document(title, lang, children));
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
