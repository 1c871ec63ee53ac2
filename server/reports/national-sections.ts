import { MIN_ANSWERS_SHOWN } from '../evaluation/schemas.ts';
import { catalogueFor } from '../text/messages.ts';
import { formatShare } from '../text/numbers.ts';
import type { MeetingState, NationalReport } from './data.ts';
import { type ModelFigure, type NationalModel, NOT_MAPPED } from './national-model.ts';
import { type ProgrammeReportWords, wordsOf } from './words.ts';

/** One bar of a chart: this year's value beside last year's. */
export interface ChartBar {
  label: string;
  value: number;
  previous: number;
}

/**
 * One part of the national report as the model has it, ready for any renderer: a heading, a table
 * (last year, this year and the change, as cells), a bar chart where one helps, and notes.
 */
export interface ModelSection {
  title: string;
  header: string[];
  rows: string[][];
  chart?: ChartBar[];
  notes?: string[];
}

export const signedChange = (previous: number, value: number): string => {
  const d = value - previous;
  return d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '0';
};

/** The words a national report uses for the model's figures, in its language. */
export function nationalWordsOf(report: NationalReport) {
  const n = catalogueFor(report.lang).nationalReport;
  return {
    ...n,
    areaWord: report.programme.policeDistricts ? n.areas : n.otherAreas,
    memberWord: report.programme.policeDistricts ? n.municipalities : n.members,
    turnoutHeader: (policeDistricts: boolean) => (policeDistricts ? n.municipalTurnout : n.memberTurnout),
    state: (s: MeetingState, w: ProgrammeReportWords) =>
      s === 'held' ? w.yes : s === 'notYet' ? n.notHeldYet : n.notHeld,
  };
}

function figureSection(
  title: string,
  w: ProgrammeReportWords,
  years: [number, number],
  figures: [ModelFigure[], ModelFigure[]],
  label: (key: string) => string,
  cell: (value: number) => string = String,
): ModelSection {
  const [previous, current] = figures;
  const bars = current.map((f) => ({
    label: label(f.key),
    value: f.value,
    previous: previous.find((p) => p.key === f.key)?.value ?? 0,
  }));
  // a key only last year had (a theme not discussed this year) still shows, with 0 now
  for (const p of previous)
    if (!current.some((c) => c.key === p.key))
      bars.push({ label: label(p.key), value: 0, previous: p.value });
  return {
    title,
    header: ['', String(years[0]), String(years[1]), w.change],
    rows: bars.map((b) => [b.label, cell(b.previous), cell(b.value), signedChange(b.previous, b.value)]),
    chart: bars,
  };
}

function evaluationSection(report: NationalReport, w: ProgrammeReportWords): ModelSection {
  const n = nationalWordsOf(report);
  const [p, c] = [report.previous.model.evaluation, report.model.evaluation];
  const rate = (r: typeof c) =>
    `${n.answered(r.answered, r.asked)}${r.asked ? ` (${formatShare(r.answered, r.asked, report.lang)})` : ''}`;
  const mean = (r: typeof c, key: string) => {
    const m = r.questions.find((q) => q.key === key)?.mean;
    return m === null || m === undefined ? '–' : m.toLocaleString(report.lang, { maximumFractionDigits: 1 });
  };
  const scales = [...c.questions, ...p.questions].filter(
    (q, i, all) => q.kind === 'scale' && all.findIndex((o) => o.key === q.key) === i,
  );
  const notes = [c, p].some((r) => !r.shown) ? [n.evaluationHidden(MIN_ANSWERS_SHOWN)] : [];
  return {
    title: n.evaluation,
    header: ['', String(report.year - 1), String(report.year), w.change],
    rows: [
      [n.responseRate, rate(p), rate(c), signedChange(p.answered, c.answered)],
      ...scales.map((q) => [`${q.label} – ${n.mean}`, mean(p, q.key), mean(c, q.key), '']),
    ],
    notes,
  };
}

function barriersPerAreaSection(report: NationalReport, w: ProgrammeReportWords): ModelSection {
  const n = nationalWordsOf(report);
  const previous = new Map(report.previous.model.barriersPerArea.map((a) => [a.areaId, a]));
  return {
    title: report.programme.policeDistricts ? n.barriersPerArea : n.barriersPerOtherArea,
    header: [w.district, ...report.taxonomy.barrierCategories.map((c) => c.label)],
    rows: report.model.barriersPerArea.map((a) => [
      a.name,
      ...a.byCategory.map((f) => {
        const before = previous.get(a.areaId)?.byCategory.find((b) => b.key === f.key)?.value ?? 0;
        return before === f.value ? String(f.value) : `${before} → ${f.value}`;
      }),
    ]),
  };
}

/** The model's sections in the order the report shows them, each against last year. */
export function modelSections(report: NationalReport): ModelSection[] {
  const w = wordsOf(report);
  const n = nationalWordsOf(report);
  const years: [number, number] = [report.year - 1, report.year];
  const pair = (pick: (m: NationalModel) => ModelFigure[]): [ModelFigure[], ModelFigure[]] => [
    pick(report.previous.model),
    pick(report.model),
  ];
  const forum = figureSection(
    n.forumLevels,
    w,
    years,
    pair((m) => m.forumLevels),
    (key) => (key === NOT_MAPPED ? n.notMapped : w.forumLevelName(key)),
  );
  forum.rows = forum.rows.map(([label, before, now, change]) => [
    label!,
    n.ofTotal(Number(before), report.previous.model.areas, n.areaWord),
    n.ofTotal(Number(now), report.model.areas, n.areaWord),
    change!,
  ]);
  const [pt, ct] = [report.previous.model.turnout, report.model.turnout];
  const turnout: ModelSection = {
    title: report.programme.policeDistricts ? n.municipalTurnout : n.memberTurnout,
    header: ['', String(years[0]), String(years[1]), w.change],
    rows: [
      [
        report.programme.policeDistricts ? n.municipalTurnout : n.memberTurnout,
        n.ofTotal(pt.represented, pt.total, n.memberWord),
        n.ofTotal(ct.represented, ct.total, n.memberWord),
        signedChange(pt.represented, ct.represented),
      ],
    ],
    chart: [
      {
        label: report.programme.policeDistricts ? n.municipalTurnout : n.memberTurnout,
        value: ct.represented,
        previous: pt.represented,
      },
    ],
  };
  const sideWords: Record<string, string> = {
    leadership: w.leadership,
    practice: w.practice,
    police: w.police,
    municipal: w.municipal,
    otherSides: w.otherSides,
  };
  const themes = figureSection(
    n.themes,
    w,
    years,
    pair((m) => m.themes),
    (key) => key,
  );
  if (themes.rows.length === 0) themes.notes = [n.noThemes];
  const lessons: ModelSection = {
    title: n.lessons,
    header: [],
    rows: [],
    notes: report.model.lessons.length
      ? report.model.lessons.map((l) => `${l.areaName}: ${l.text}`)
      : [n.noLessons],
  };
  return [
    forum,
    turnout,
    figureSection(
      n.participation,
      w,
      years,
      pair((m) => m.participation),
      (key) => sideWords[key] ?? key,
    ),
    figureSection(
      n.barrierCategories,
      w,
      years,
      pair((m) => m.barrierCategories),
      (key) => w.barrierCategoryName(key),
    ),
    barriersPerAreaSection(report, w),
    themes,
    figureSection(
      n.newAgreements,
      w,
      years,
      pair((m) => m.newAgreements),
      (key) => w.agreementTypeName(key),
    ),
    evaluationSection(report, w),
    lessons,
  ];
}
