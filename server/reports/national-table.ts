import { agreementTypes } from '../../db/schema/index.ts';
import { catalogueFor } from '../text/messages.ts';
import type { NationalReport } from './data.ts';

/**
 * The national report's cells, one row per district and a totals row, in the column order of the
 * CSV and XLSX exports; only how a date is written differs between them.
 */
export function nationalTableRows(
  report: NationalReport,
  dateCell: (date: string | null) => unknown,
): { rows: unknown[][]; totals: unknown[] } {
  const { lang } = report;
  const w = catalogueFor(lang).report;
  const previous = new Map(report.previous.rows.map((r) => [r.code, r]));
  const rows = report.rows.map((r) => {
    const p = previous.get(r.code);
    return [
      r.code,
      r.name,
      r.meetingHeld ? w.yes : w.no,
      dateCell(r.meetingDate),
      r.people,
      r.organisationsRepresented,
      r.memberOrganisations,
      r.forumLevel ? catalogueFor(lang).labels.forumLevel[r.forumLevel] : '',
      ...agreementTypes.map((t) => r.inForceByType[t]),
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
    ...agreementTypes.map((ty) => t.inForceByType[ty]),
    t.inForce,
    t.openBarriers,
    t.resolvedBarriers,
    pt.inForce,
    pt.openBarriers,
    pt.people,
  ];
  return { rows, totals };
}
