import type { Db } from '../../db/client.ts';
import { lessonsOfYear, surveyedMeetingsOfYear } from '../evaluation/queries.ts';
import { resultsOf } from '../evaluation/results.ts';
import type { EvaluationResults } from '../evaluation/schemas.ts';
import type { Language } from '../text/language.ts';
import type { NationalRow, ReportProgramme, ReportTaxonomy } from './data.ts';
import { barrierCategoryCounts, newAgreementCounts, type ReportDistrictRow, themeCounts } from './queries.ts';

/** One figure of the model, by its key (a taxonomy key, a level, a side, a theme's name). */
export interface ModelFigure {
  key: string;
  value: number;
}

/**
 * What the Danish model reports for a year, over the programme's areas: how many areas are at each
 * forum level (plus those not mapped), barriers by category (nationally and per area), participation
 * by level and side, member (municipal) turnout against the register, the themes discussed,
 * agreements made by type, the lessons written, and the evaluation.
 */
export interface NationalModel {
  year: number;
  areas: number;
  /** Keys of the forum levels, and `none_mapped` for areas without a mapping that year. */
  forumLevels: ModelFigure[];
  barrierCategories: ModelFigure[];
  barriersPerArea: { areaId: number; name: string; byCategory: ModelFigure[] }[];
  /** leadership, practice, police, municipal, otherSides. */
  participation: ModelFigure[];
  turnout: { represented: number; total: number };
  themes: ModelFigure[];
  newAgreements: ModelFigure[];
  lessons: { areaName: string; text: string }[];
  evaluation: EvaluationResults;
}

export const NOT_MAPPED = 'none_mapped';

interface ModelInput {
  year: number;
  lang: Language;
  programme: ReportProgramme;
  taxonomy: ReportTaxonomy;
  areas: ReportDistrictRow[];
  rows: NationalRow[];
}

const sumBy = <T>(items: T[], value: (item: T) => number) => items.reduce((a, i) => a + value(i), 0);

function byKey(keys: string[], counts: { key: string; n: number }[]): ModelFigure[] {
  return keys.map((key) => ({
    key,
    value: sumBy(
      counts.filter((c) => c.key === key),
      (c) => c.n,
    ),
  }));
}

export function nationalModel(db: Db, input: ModelInput): NationalModel {
  const { year, taxonomy, areas, rows } = input;
  const areaIds = new Set(areas.map((a) => a.areaId));
  const barriers = barrierCategoryCounts(db, year).filter((b) => areaIds.has(b.areaId));
  const categories = taxonomy.barrierCategories.map((c) => c.key);
  const meetingIds = rows.flatMap((r) =>
    r.meetingId !== null && r.meetingState === 'held' ? [r.meetingId] : [],
  );
  const surveyed = surveyedMeetingsOfYear(db, [...areaIds], year).map((m) => m.id);
  const names = new Map(areas.map((a) => [a.areaId, a.name]));
  return {
    year,
    areas: rows.length,
    forumLevels: [
      ...byKey(
        taxonomy.forumLevels.map((l) => l.key),
        rows.map((r) => ({ key: r.forumLevel ?? NOT_MAPPED, n: 1 })),
      ),
      { key: NOT_MAPPED, value: rows.filter((r) => r.forumLevel === null).length },
    ],
    barrierCategories: byKey(
      categories,
      barriers.map((b) => ({ key: b.category, n: b.n })),
    ),
    barriersPerArea: areas.map((a) => ({
      areaId: a.areaId,
      name: a.name,
      byCategory: byKey(
        categories,
        barriers.filter((b) => b.areaId === a.areaId).map((b) => ({ key: b.category, n: b.n })),
      ),
    })),
    participation: (['leadership', 'practice', 'police', 'municipal', 'otherSides'] as const).map((key) => ({
      key,
      value: sumBy(rows, (r) => r[key]),
    })),
    turnout: {
      represented: sumBy(rows, (r) => r.municipalitiesRepresented),
      total: sumBy(rows, (r) => r.municipalities),
    },
    themes: themeCounts(db, meetingIds).map((t) => ({ key: t.name, value: t.n })),
    newAgreements: byKey(
      taxonomy.agreementTypes.map((t) => t.key),
      newAgreementCounts(db, year)
        .filter((a) => areaIds.has(a.areaId))
        .map((a) => ({ key: a.type, n: a.n })),
    ),
    lessons: lessonsOfYear(db, [...areaIds], year).map((l) => ({
      areaName: names.get(l.areaId) ?? '',
      text: l.text,
    })),
    evaluation: resultsOf(db, surveyed, input.lang),
  };
}
