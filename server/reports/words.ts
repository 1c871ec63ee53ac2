import { agreementTypes } from '../../db/schema/index.ts';
import type { ReportWords } from '../text/catalogue.ts';
import type { Language } from '../text/language.ts';
import { catalogueFor, labelFor } from '../text/messages.ts';
import type { ReportProgramme, ReportTaxonomy } from './data.ts';

/**
 * A report's words: the catalogue's in the report's language, speaking of areas rather than police
 * districts for a programme whose areas are not police districts, and the names of the programme's
 * agreement types, barrier categories and forum levels.
 */
export type ProgrammeReportWords = ReportWords & {
  agreementTypeKeys: string[];
  agreementTypeName(key: string): string;
  barrierCategoryName(key: string): string;
  forumLevelName(key: string): string;
};

const nameIn = (entries: { key: string; label: string }[]) => (key: string) =>
  entries.find((e) => e.key === key)?.label ?? key;

export function wordsOf(report: {
  lang: Language;
  programme: ReportProgramme;
  taxonomy: ReportTaxonomy;
}): ProgrammeReportWords {
  const w = catalogueFor(report.lang).report;
  const areaWords: Partial<ReportWords> = report.programme.policeDistricts
    ? {}
    : {
        district: w.area,
        districtReportTitle: w.areaReportTitle,
        nationalReportTitle: w.overallReportTitle(report.programme.name),
        chartTitle: w.areaChartTitle,
      };
  return {
    ...w,
    ...areaWords,
    agreementTypeKeys: report.taxonomy.agreementTypes.map((t) => t.key),
    agreementTypeName: nameIn(report.taxonomy.agreementTypes),
    barrierCategoryName: nameIn(report.taxonomy.barrierCategories),
    forumLevelName: nameIn(report.taxonomy.forumLevels),
  };
}

/** The Danish programme's words from the catalogue alone, for a caller without a report. */
export function catalogueWords(lang: Language): ProgrammeReportWords {
  const { labels, report } = catalogueFor(lang);
  return {
    ...report,
    agreementTypeKeys: [...agreementTypes],
    agreementTypeName: (key) => labelFor(labels.agreementType, key),
    barrierCategoryName: (key) => labelFor(labels.barrierCategory, key),
    forumLevelName: (key) => labelFor(labels.forumLevel, key),
  };
}
