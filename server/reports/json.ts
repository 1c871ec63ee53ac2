import type { AgreementsReport } from './data.ts';

/**
 * The agreements report as JSON: the report, then its agreement lines as "agreements", each line's
 * text made by SQLite (areaAgreementJson, an area's lines joined by commas) as JSON.stringify makes
 * it of the line.
 */
export function* agreementsJson(
  report: AgreementsReport,
  areas: Iterable<Buffer>,
): Generator<string | Buffer> {
  const head = JSON.stringify(report);
  yield `${head.slice(0, -1)},"agreements":[`;
  let comma = '';
  for (const lines of areas) {
    if (lines.length === 0) continue;
    yield comma;
    yield lines;
    comma = ',';
  }
  yield ']}';
}
