import { weekdayName } from '../text/dates.ts';
import type { MeetingPreview } from './schemas.ts';

/** A plan as a fixed-width text table, for the command line. */
export function planTable(meetings: MeetingPreview[]): string {
  const rows = [...meetings]
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.area.name.localeCompare(b.area.name, 'da'))
    .map((m) => [
      m.localDate,
      weekdayName(m.localDate),
      `${m.localStartTime}–${m.localEndTime}`,
      m.area.name + (m.sequenceInCycle > 1 ? ` (${m.sequenceInCycle})` : ''),
      m.host?.name ?? '–',
      m.facilitator?.name ?? '(ingen)',
      m.status,
    ]);
  const header = ['Dato', 'Ugedag', 'Tid', 'Område', 'Vært', 'Facilitator', 'Status'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
