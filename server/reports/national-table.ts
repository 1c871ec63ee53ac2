import type { NationalReport } from './data.ts';
import { nationalWordsOf } from './national-sections.ts';
import { type ProgrammeReportWords, wordsOf } from './words.ts';

/**
 * The national report's cells, one row per district and a totals row, in the column order of the
 * CSV and XLSX exports; only how a date is written differs between them.
 */
export function nationalTableRows(
  report: NationalReport,
  dateCell: (date: string | null) => unknown,
): { rows: unknown[][]; totals: unknown[] } {
  const w = wordsOf(report);
  const n = nationalWordsOf(report);
  const previous = new Map(report.previous.rows.map((r) => [r.areaId, r]));
  const rows = report.rows.map((r) => {
    const p = previous.get(r.areaId);
    return [
      r.code,
      r.name,
      n.state(r.meetingState, w),
      dateCell(r.meetingDate),
      r.people,
      r.organisationsRepresented,
      r.memberOrganisations,
      r.forumLevel ? w.forumLevelName(r.forumLevel) : '',
      ...w.agreementTypeKeys.map((t) => r.inForceByType[t]),
      r.inForce,
      r.openBarriers,
      r.resolvedBarriers,
      p?.inForce ?? 0,
      p?.openBarriers ?? 0,
      p?.people ?? 0,
      r.municipalitiesRepresented,
      r.municipalities,
      r.leadership,
      r.practice,
      r.police,
      r.municipal,
      r.otherSides,
    ];
  });
  const t = report.totals;
  const pt = report.previous.totals;
  const totals = [
    '',
    w.total,
    t.meetingsHeld,
    dateCell(null),
    t.people,
    t.organisationsRepresented,
    t.memberOrganisations,
    '',
    ...w.agreementTypeKeys.map((ty) => t.inForceByType[ty]),
    t.inForce,
    t.openBarriers,
    t.resolvedBarriers,
    pt.inForce,
    pt.openBarriers,
    pt.people,
    t.municipalitiesRepresented,
    t.municipalities,
    t.leadership,
    t.practice,
    t.police,
    t.municipal,
    t.otherSides,
  ];
  return { rows, totals };
}

/** The headers of the columns the model added after the year-over-year ones (CSV and XLSX alike). */
export function modelColumnHeaders(report: NationalReport, w: ProgrammeReportWords): string[] {
  const n = nationalWordsOf(report);
  return [
    n.turnoutHeader(report.programme.policeDistricts),
    report.programme.policeDistricts ? n.municipalities : n.members,
    w.leadership,
    w.practice,
    w.police,
    w.municipal,
    w.otherSides,
  ];
}
