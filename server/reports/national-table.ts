import type { NationalReport } from './data.ts';
import { wordsOf } from './words.ts';

/**
 * The national report's cells, one row per district and a totals row, in the column order of the
 * CSV and XLSX exports; only how a date is written differs between them.
 */
export function nationalTableRows(
  report: NationalReport,
  dateCell: (date: string | null) => unknown,
): { rows: unknown[][]; totals: unknown[] } {
  const w = wordsOf(report);
  const previous = new Map(report.previous.rows.map((r) => [r.areaId, r]));
  const rows = report.rows.map((r) => {
    const p = previous.get(r.areaId);
    return [
      r.code,
      r.name,
      r.meetingHeld ? w.yes : w.no,
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
  ];
  return { rows, totals };
}
