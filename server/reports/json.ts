import type { AgreementsReport } from './data.ts';

/**
 * The agreements report as JSON: the report, then its agreement lines as "agreements", each line's
 * text made by SQLite (areaAgreementJson) as JSON.stringify makes it of the line.
 */
export function* agreementsJson(
  report: AgreementsReport,
  areas: Iterable<readonly string[]>,
): Generator<string> {
  const head = JSON.stringify(report);
  yield `${head.slice(0, -1)},"agreements":[`;
  let comma = '';
  for (const lines of areas)
    for (const line of lines) {
      yield comma + line;
      comma = ',';
    }
  yield ']}';
}
